import DescentCore
import Testing

/// The summary table of `descent run` and of the root command.
@Suite struct TableTests {
    @Test func tableHasOneAlignedLinePerOptimizerWithItsStatus() throws {
        let specs = ["gd:lr=0.1", "gd:lr=0.6", "gd:lr=1.5"]
        let result = try DescentBinary.run(["run", "--surface", "bowl", "--steps", "300"] + specs.flatMap { ["--optimizer", $0] })
        #expect(result.status == 0)
        let lines = result.stdoutLines
        let header = try #require(lines.firstIndex { $0.hasPrefix("optimizer") })
        let rows = lines[(header + 1)...]
        #expect(rows.count == specs.count)

        var race = Race(surface: Bowl(), optimizers: try specs.map { try OptimizerSpec(parsing: $0) }, rules: StopRules(maxSteps: 300))
        race.runToEnd()
        for (row, racer) in zip(rows, race.racers) {
            #expect(row.hasPrefix(racer.spec.text + " "))
            #expect(row.hasSuffix(racer.status.summary))
            #expect(row.contains(" \(racer.stepCount) "))
        }
        #expect(race.racers.map(\.status.label) == ["converged", "converged", "diverged"])
        // Aligned: the status column starts at the same place on every line.
        let statusColumn = try #require(lines[header].range(of: "status")).lowerBound.utf16Offset(in: lines[header])
        for (row, racer) in zip(rows, race.racers) {
            #expect(row.range(of: racer.status.summary)?.lowerBound.utf16Offset(in: row) == statusColumn)
        }
    }

    @Test func rootCommandChecksItsOptionsBeforeItNeedsATerminal() throws {
        let result = try DescentBinary.run("--surface", "bowel")
        #expect(result.status == 64)
        #expect(result.stderrLines == ["descent: error: unknown surface 'bowel' (did you mean 'bowl'?); choose one of: \(SurfaceCatalog.names.joined(separator: ", "))"])
    }

    @Test func helpPrintsUsageAndExitsZero() throws {
        for arguments in [["--help"], ["run", "--help"], ["help", "bench"]] {
            let result = try DescentBinary.run(arguments)
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(result.stdout.contains("USAGE: descent"))
        }
        #expect(try DescentBinary.run("run", "--help").stdout.contains("--format"))
        let benchHelp = try DescentBinary.run("bench", "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(benchHelp.contains("swift run -c release descent bench"))
    }
}

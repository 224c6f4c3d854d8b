import Foundation
import DescentCore
import Testing

/// `run`, `render`, `replay` and `list` with scenarios, through the real binary.
struct ScenarioCommandTests {
    private func temporaryFile(_ contents: String, name: String = "saddle.json") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func aBadFileIsOneLineNamingTheFileAndThePathWithStatus65() throws {
        let file = try temporaryFile(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "gd"}, {"name": "adam", "lr": 0}]}"#)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        for command in [["run"], ["render"]] {
            let result = try DescentBinary.run(command + ["--scenario", file.path])
            #expect(result.status == 65)
            #expect(result.stderrLines == ["descent: error: \(file.path): optimizers[1].lr: must be > 0"])
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func aFileOverOneMegabyteIsRefusedUnread() throws {
        let file = try temporaryFile(String(repeating: " ", count: (1 << 20) + 10) + "{}", name: "big.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try DescentBinary.run(["run", "--scenario", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("larger than 1 MB"))
    }

    @Test func anUnknownScenarioNameSuggestsTheNearestAndIsAUsageError() throws {
        let result = try DescentBinary.run(["run", "--scenario", "ravine-momentun"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown scenario 'ravine-momentun' (did you mean 'ravine-momentum'?)"))
        let missing = try DescentBinary.run(["run", "--scenario", "/nonexistent/x.json"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("/nonexistent/x.json: cannot open (no such file or directory)"))
    }

    @Test func controlCharactersInANameNeverReachTheTerminal() throws {
        let result = try DescentBinary.run(["run", "--scenario", "x\u{1B}]0;pwned\u{07}.json"])
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(result.stderr.contains("x\\e]0;pwned\\u{7}.json"))
        #expect(result.stderrLines.count == 1)
    }

    @Test func optionsOnTheCommandLineOverrideTheFile() throws {
        let result = try DescentBinary.run(["run", "--scenario", "ravine-momentum", "--steps", "10", "--optimizer", "adam:lr=0.1", "--start", "1,1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("start (1, 1)"))
        #expect(result.stdout.contains("at most 10 steps"))
        #expect(result.stdout.contains("adam:lr=0.1"))
        #expect(!result.stdout.contains("momentum"))
    }

    @Test func runAndRenderOfAScenarioFollowItsTimeline() throws {
        let run = try DescentBinary.run(["run", "--scenario", "learning-rate-by-hand", "--format", "csv"])
        let rates = run.stdoutLines.dropFirst().map { $0.split(separator: ",")[6] }
        #expect(rates[60] == "0.005" && rates[61] == "0.105" && rates[120] == "0.105" && rates[121] == "0.05")
        let render = try DescentBinary.run(["render", "--scenario", "learning-rate-by-hand", "--steps", "130", "--width", "110", "--height", "32"])
        #expect(render.status == 0)
        #expect(render.stdout.contains("Tuning the learning rate by hand"))
        #expect(render.stdout.contains("gd:lr=0.05"))
        #expect(render.stdout.contains("lr 0.05 is right"))
    }

    @Test func listScenariosShowsTheLibrary() throws {
        let result = try DescentBinary.run(["list", "scenarios"])
        #expect(result.status == 0)
        for name in ["bowl-learning-rates", "ravine-momentum", "learning-rate-by-hand"] { #expect(result.stdout.contains(name)) }
        let schema = try DescentBinary.run(["list", "schema"])
        #expect(schema.stdout.hasPrefix("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
    }

    @Test func replayNeedsATerminal() throws {
        let result = try DescentBinary.run(["replay", "ravine-momentum"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("descent run"))
    }
}

/// `run` writes CSV and JSON as it steps: across many chunks the rows are exactly the race's.
struct StreamingTests {
    @Test func streamedRowsAcrossChunksAreTheWholeRacesRows() throws {
        let steps = 10_000  // more than two chunks of 4096
        let result = try DescentBinary.run(["run", "--surface", "rosenbrock", "--steps", "\(steps)", "--grad-tol", "0",
                                            "--optimizer", "sgd:lr=0.0005", "--optimizer", "adam:lr=0.01", "--format", "csv"])
        #expect(result.status == 0)
        let rows = result.stdoutLines.dropFirst()
        #expect(rows.count == 2 * (steps + 1))
        var race = Race(surface: try SurfaceCatalog.surface(named: "rosenbrock"), start: nil,
                        optimizers: [try OptimizerSpec(parsing: "sgd:lr=0.0005"), try OptimizerSpec(parsing: "adam:lr=0.01")],
                        rules: StopRules(gradientTolerance: 0, maxSteps: steps))
        race.runToEnd()
        for (index, racer) in race.racers.enumerated() {
            for step in [0, 1, 4095, 4096, 4097, 8192, 8193, steps] {
                let fields = rows[rows.startIndex + index * (steps + 1) + step].split(separator: ",", omittingEmptySubsequences: false)
                #expect(Int(fields[1]) == step)
                #expect(Double(fields[2]) == racer.points[step].x && Double(fields[3]) == racer.points[step].y, "\(racer.name) \(step)")
            }
        }
        #expect(rows.last?.hasSuffix(",finished") == true)
    }
}

/// Seeded random command lines full of control characters: whatever descent answers, no escape
/// sequence, bell or C1 control reaches the terminal through stdout or stderr.
struct CommandLineFuzzTests {
    static let hostile = ["\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "a\nb", "\u{9B}31m", "\u{7F}", "\t", "\u{1B}\\", "\r", "\u{0}x"]
    static let pieces = ["run", "render", "list", "replay", "help", "--surface", "--optimizer", "--start", "--steps", "--seed",
                         "--scenario", "--format", "--grad-tol", "--patience", "--width", "bowl", "gd:lr=", "adam:beta1=",
                         "1,2", "10", "csv", "json", "surfaces", "schema", "x.json", "-h", "--shading", "--bogus"]

    @Test func noControlCharacterFromAnyArgumentReachesTheTerminal() throws {
        var random = SeededGenerator(seed: 9)
        for trial in 0..<150 {
            var arguments: [String] = []
            for _ in 0..<(1 + Int(random.next() % 5)) {
                var piece = Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
                if random.next() % 2 == 0 { piece += Self.hostile[Int(random.next() % UInt64(Self.hostile.count))] }
                arguments.append(piece)
            }
            if trial % 10 == 0 { arguments = ["run", "--surface", Self.hostile[trial / 10 % Self.hostile.count]] }
            let result = try DescentBinary.run(arguments)
            for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let bad = text.unicodeScalars.filter { $0.value == 0x1B || $0.value == 0x07 || (0x80..<0xA0).contains($0.value) }
                #expect(bad.isEmpty, "\(arguments.map(\.debugDescription)) → \(name): \(text.debugDescription)")
            }
            #expect(!result.killedBySignal, "\(arguments)")
        }
    }

    @Test func aHostileTermIsShownWithItsControlCharactersVisible() throws {
        let result = try DescentBinary.shell("TERM=$'\\e]2;PWNED\\e\\\\' script -qec \"$DESCENT\" /dev/null < /dev/null")
        #expect(result.stdout.contains("unknown terminal type '\\e]2;PWNED\\e\\'"), "\(result.stdout.debugDescription)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}

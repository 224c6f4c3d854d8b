import DescentCore
import Testing

/// `descent run --format csv`: the header, one row per optimizer per step, exact numbers.
@Suite struct CSVTests {
    static let header = "optimizer,step,x,y,loss,grad_norm,lr,evals,status"

    struct Row {
        var optimizer: String
        var step: Int
        var x, y, loss, gradientNorm: Double
        var learningRate: Double?
        var evaluations: Int
        var status: String

        /// Parses one row; the optimizer field may be quoted (a spec with commas).
        init(_ line: Substring) throws {
            var fields: [String] = []
            var rest = line
            if rest.first == "\"" {
                let close = try #require(rest.dropFirst().firstIndex(of: "\""))
                fields.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...].dropFirst()
            }
            fields += rest.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 9, "row: \(line)")
            optimizer = fields[0]
            step = try #require(Int(fields[1]))
            x = try #require(Double(fields[2]))
            y = try #require(Double(fields[3]))
            loss = try #require(Double(fields[4]))
            gradientNorm = try #require(Double(fields[5]))
            if fields[6].isEmpty {
                learningRate = nil
            } else {
                let rate = try #require(Double(fields[6]))
                learningRate = rate
            }
            evaluations = try #require(Int(fields[7]))
            status = fields[8]
        }
    }

    static func rows(_ result: CommandResult) throws -> [Row] {
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdoutLines
        try #require(lines.first == Substring(header))
        return try lines.dropFirst().map(Row.init)
    }

    @Test func everyStepOfEveryOptimizerIsOneRowWithExactNumbers() throws {
        let specs = ["gd:lr=0.1", "gd:lr=0.05,schedule=exponential,gamma=0.9"]
        let result = try DescentBinary.run(["run", "--format", "csv", "--surface", "bowl", "--start", "1.5,-0.5",
                                            "--steps", "40", "--grad-tol", "0"] + specs.flatMap { ["--optimizer", $0] })
        let rows = try Self.rows(result)
        #expect(rows.count == 2 * 41)

        let parsed = try specs.map { try OptimizerSpec(parsing: $0) }
        var race = Race(surface: Bowl(), start: Vector2(1.5, -0.5), optimizers: parsed,
                        rules: StopRules(gradientTolerance: 0, maxSteps: 40))
        race.runToEnd()
        for (index, racer) in race.racers.enumerated() {
            let mine = rows[(index * 41)..<((index + 1) * 41)]
            for (k, row) in zip(0..., mine) {
                #expect(row.optimizer == specs[index])
                #expect(row.step == k)
                #expect(Vector2(row.x, row.y) == racer.points[k])
                #expect(row.loss == Bowl().value(at: racer.points[k]))
                #expect(row.gradientNorm == Bowl().gradient(at: racer.points[k]).length)
                #expect(row.learningRate == racer.learningRate(forStep: k))
                #expect(row.status == (k == 40 ? "finished" : "running"))
            }
        }
        // Step 0 is the start; its lr is that of step 1; the schedule shows from step 2 on.
        #expect(rows[41].x == 1.5 && rows[41].y == -0.5)
        #expect(rows[41].learningRate == 0.05 && rows[42].learningRate == 0.05 && rows[43].learningRate == 0.05 * 0.9)
    }

    @Test func rowsOfEveryOptimizerRunFromStartToTheirFinalStatus() throws {
        let surface = try #require(SurfaceCatalog.all.first)
        let start = surface.defaultStart
        let arguments = ["run", "--format", "csv", "--surface", surface.name, "--steps", "30"]
            + OptimizerCatalog.names.flatMap { ["--optimizer", $0] }
        let rows = try Self.rows(try DescentBinary.run(arguments))
        var index = 0
        for name in OptimizerCatalog.names {
            let mine = rows[index...].prefix { $0.optimizer == name }
            try #require(!mine.isEmpty, "no rows for \(name)")
            index += mine.count
            #expect(mine.first!.step == 0 && mine.first!.x == start.x && mine.first!.y == start.y)
            #expect(mine.map(\.step) == Array(0..<mine.count))
            #expect(mine.count <= 31)
            #expect(mine.dropLast().allSatisfy { $0.status == "running" })
            #expect(["converged", "stalled", "diverged", "finished", "failed"].contains(mine.last!.status))
            let hasRate = try OptimizerSpec(parsing: name).learningRate != nil
            #expect(mine.allSatisfy { ($0.learningRate != nil) == hasRate })
        }
        #expect(index == rows.count)
    }

    /// `--every k` keeps the rows of the steps 0, k, 2k, … and the last, each equal to the full output's row.
    @Test func everyKthStepKeepsThoseRowsOfTheFullOutputAndTheLast() throws {
        let common = ["run", "--format", "csv", "--surface", "rosenbrock", "--optimizer", "adam:lr=0.01", "--optimizer", "bfgs",
                      "--steps", "250", "--grad-tol", "0"]
        let full = try Self.rows(try DescentBinary.run(common))
        let thinned = try Self.rows(try DescentBinary.run(common + ["--every", "100"]))
        for name in ["adam:lr=0.01", "bfgs"] {
            let all = full.filter { $0.optimizer == name }
            let kept = thinned.filter { $0.optimizer == name }
            let last = try #require(all.last)
            let expected = all.filter { $0.step % 100 == 0 || $0.step == last.step }
            #expect(kept.map(\.step) == expected.map(\.step))
            #expect(zip(kept, expected).allSatisfy { $0.x == $1.x && $0.y == $1.y && $0.loss == $1.loss && $0.evaluations == $1.evaluations && $0.status == $1.status })
        }
        #expect(thinned.filter { $0.optimizer == "adam:lr=0.01" }.map(\.step) == [0, 100, 200, 250])
        let zero = try DescentBinary.run(common + ["--every", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--every") && zero.stderr.contains("'0'"))
    }

    @Test func gradientToleranceZeroTurnsConvergenceOff() throws {
        let common = ["run", "--format", "csv", "--surface", "bowl", "--optimizer", "gd:lr=0.1", "--steps", "500"]
        let converging = try Self.rows(try DescentBinary.run(common))
        #expect(converging.last?.status == "converged")
        #expect(converging.count < 501)
        let untilTheEnd = try Self.rows(try DescentBinary.run(common + ["--grad-tol", "0"]))
        #expect(untilTheEnd.count == 501)
        #expect(untilTheEnd.last?.status == "finished")
        #expect(untilTheEnd.last?.step == 500)
    }

    @Test func sameSeedGivesByteIdenticalOutput() throws {
        let arguments = ["run", "--format", "csv", "--steps", "200", "--seed", "42"]
            + OptimizerCatalog.names.flatMap { ["--optimizer", $0] }
        let first = try DescentBinary.run(arguments)
        let second = try DescentBinary.run(arguments)
        #expect(first.status == 0)
        #expect(first.stdout.count > Self.header.count)
        #expect(first.stdout == second.stdout)
    }

    @Test func closedPipeEndsQuietly() throws {
        let result = try DescentBinary.shell(
            "set -o pipefail; \"$DESCENT\" run --format csv --surface bowl --steps 200000 --grad-tol 0 "
                + "--optimizer gd --optimizer gd:lr=0.001 | head -1")
        #expect(!result.killedBySignal)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == Self.header + "\n")
    }
}

import Foundation
import Testing

/// `descent basins` and `descent stability` through the binary: the grids are what the formulas
/// say, one job and many give the same bytes, and bad arguments are one line with status 64.
@Suite struct MapCommandTests {
    /// The cells of a csv map after its header, split at commas.
    func cells(_ result: CommandResult) -> [[String]] {
        result.stdoutLines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func gradientDescentOnTheBowlEndsInTheOneMinimumFromEveryCellAtTheContractedPoint() throws {
        // gd on x² + y² multiplies each coordinate by (1 − 2·lr) a step: 0.98 at the default lr 0.01.
        let result = try DescentBinary.run("basins", "--surface", "bowl", "--width", "4", "--height", "3", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.first == "row,column,x,y,ending,steps,end_x,end_y")
        let rows = cells(result)
        #expect(rows.count == 12)
        let factor = pow(0.98, 500.0)
        for row in rows {
            #expect(row[4] == "A" && row[5] == "500", "\(row)")
            let x = try #require(Double(row[2])), y = try #require(Double(row[3]))
            let endX = try #require(Double(row[6])), endY = try #require(Double(row[7]))
            #expect(abs(endX - x * factor) <= 1e-12 && abs(endY - y * factor) <= 1e-12, "\(row)")
        }
        // The view of the bowl is [−3, 3]² at 4 × 3 cells: centres at x = ±0.75, ±2.25 and y = 3, 0, −3.
        #expect(Set(rows.map { $0[2] }) == ["-2.25", "-0.75", "0.75", "2.25"])
        #expect(rows.map { $0[3] }.uniqued() == ["3.0", "0.0", "-3.0"])
    }

    @Test func aMapOnOneJobIsTheSameAsOnEveryCore() throws {
        for command in [["basins", "--surface", "wells", "--optimizer", "momentum", "--width", "30", "--height", "12", "--steps", "200"],
                        ["stability", "--surface", "rosenbrock", "--optimizer", "adam", "--width", "12", "--height", "6", "--steps", "100"]] {
            for format in [["--color", "truecolor"], ["--format", "csv"]] {
                let one = try DescentBinary.run(command + format + ["--jobs", "1"])
                let all = try DescentBinary.run(command + format)
                #expect(one.status == 0 && all.status == 0, "\(one.stderr)\(all.stderr)")
                #expect(one.stdout == all.stdout && !one.stdout.isEmpty, "\(command + format)")
                #expect(one.stderr.isEmpty, "a pipe gets no progress bar: \(one.stderr)")
            }
        }
    }

    @Test func gradientDescentOnTheBowlDivergesExactlyAboveRateOne() throws {
        // gd on x² + y²: x ← (1 − 2·lr)·x, which grows exactly when lr > 1. The rates avoid 1 itself.
        let result = try DescentBinary.run("stability", "--surface", "bowl", "--optimizer", "gd", "--lr", "0.01..100",
                                           "--width", "10", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.first == "lr,parameter,loss,steps,diverged")
        let rows = cells(result)
        #expect(rows.count == 10, "gd has no momentum: one row")
        for row in rows {
            let lr = try #require(Double(row[0]))
            #expect(row[4] == String(lr > 1), "\(row)")
        }
        #expect(rows.first?[0] == "0.01" && rows.last?[0] == "100.0")
    }

    @Test func heavyBallMomentumOnTheBowlDivergesExactlyOutsideItsTriangle() throws {
        // Heavy ball on a quadratic of curvature 2 is stable exactly when 0 < lr < 1 + μ.
        let result = try DescentBinary.run("stability", "--surface", "bowl", "--optimizer", "momentum", "--lr", "0.01..100",
                                           "--width", "10", "--momentum", "0..0.9", "--height", "4", "--steps", "400", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.first == "lr,momentum,loss,steps,diverged")
        let rows = cells(result)
        #expect(rows.count == 40)
        #expect(rows.map { $0[1] }.uniqued() == ["0.9", "0.6", "0.3", "0.0"], "the top row is the largest momentum")
        for row in rows {
            let lr = try #require(Double(row[0])), mu = try #require(Double(row[1]))
            #expect(row[4] == String(lr > 1 + mu), "\(row)")
        }
    }

    @Test func theTextMapHasItsAxesAndLegend() throws {
        let basins = try DescentBinary.run("basins", "--surface", "saddle", "--optimizer", "gd:lr=0.1", "--width", "20", "--height", "9", "--color", "none")
        #expect(basins.status == 0, "\(basins.stderr)")
        #expect(basins.stdout.contains("basins of gd:lr=0.1 on saddle"), "\(basins.stdout)")
        #expect(basins.stdout.contains("+"), "the saddle row is marked: \(basins.stdout)")
        let stability = try DescentBinary.run("stability", "--surface", "bowl", "--optimizer", "momentum", "--width", "30", "--height", "5", "--color", "none")
        #expect(stability.status == 0, "\(stability.stderr)")
        for text in ["momentum", "1e-4", "10", "lr", "diverged", "lowest loss"] {
            #expect(stability.stdout.contains(text), "\(text): \(stability.stdout)")
        }
        #expect(!stability.stdout.contains("\u{1B}"), "no colour means no escapes")
    }

    @Test(arguments: [["basins", "--jobs", "0"], ["basins", "--jobs", "x"], ["basins", "--width", "0"], ["basins", "--start", "1,1"],
                      ["basins", "--format", "png"], ["basins", "--optimizer", "gd", "--optimizer", "adam"],
                      ["stability", "--momentum", "0..1"], ["stability", "--momentum", "0.5..0.1"], ["stability", "--momentum", "-0.1..0.5"],
                      ["stability", "--lr", "0..1"], ["stability", "--width", "1"], ["stability", "--jobs", "99999"],
                      ["stability", "--momentum", "a\u{1B}[31m..b"], ["stability", "--optimizer", "cg"]])
    func badArgumentsAreOneLineWithStatus64(_ arguments: [String]) throws {
        let result = try DescentBinary.run([arguments[0], "--surface", "bowl"] + arguments.dropFirst())
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("descent: error: "))
        #expect(!result.stderr.contains("\u{1B}"), "control characters are made visible: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

extension Array where Element: Hashable {
    /// The elements in order of first appearance, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

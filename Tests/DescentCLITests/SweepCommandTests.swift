import Foundation
import Testing

/// `descent sweep` through the binary: the table marks the best, csv is one row per rate, bad ranges exit 64.
@Suite struct SweepCommandTests {
    @Test func theTableMarksTheBestRateAndCSVHasARowPerRate() throws {
        let table = try DescentBinary.run("sweep", "--surface", "bowl", "--optimizer", "gd", "--lr", "1e-3..10")
        #expect(table.status == 0, "\(table.stderr)")
        let best = table.stdoutLines.filter { $0.contains("◀ best") }
        #expect(best.count == 1 && best.first?.trimmingCharacters(in: .whitespaces).hasPrefix("0.1 ") == true, "\(table.stdout)")
        #expect(table.stdoutLines.contains { $0.contains("diverged") && $0.trimmingCharacters(in: .whitespaces).hasPrefix("10 ") })
        #expect(table.stdoutLines.last == "best: gd:lr=0.1")
        let csv = try DescentBinary.run("sweep", "--surface", "bowl", "--lr", "0.1..2", "--points", "1-2-5", "--format", "csv")
        #expect(csv.stdoutLines == [
            "lr,loss,steps,status,best",
            csv.stdoutLines[1], csv.stdoutLines[2], "0.5,0.0,1,converged,true", "1.0,10.25,1000,finished,false", csv.stdoutLines[5],
        ])
        #expect(csv.stdoutLines[1].hasPrefix("0.1,") && csv.stdoutLines[2].hasPrefix("0.2,") && csv.stdoutLines[5].hasPrefix("2.0,"))
        #expect(csv.stdoutLines[5].hasSuffix(",diverged,false"))
    }

    @Test(arguments: [["--lr", "1..0.1"], ["--lr", "0..1"], ["--lr", "abc"], ["--lr", "0.3..0.4"], ["--points", "3"],
                      ["--optimizer", "cg"], ["--optimizer", "gd", "--optimizer", "adam"]])
    func badArgumentsAreOneLineWithStatus64(_ arguments: [String]) throws {
        let result = try DescentBinary.run(["sweep", "--surface", "bowl"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("descent: error: "))
    }
}

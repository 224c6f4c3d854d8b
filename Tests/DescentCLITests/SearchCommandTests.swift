import Foundation
import Testing

/// `descent search` through the binary: reproducible to the byte, its winner a spec that `run` takes
/// and that reproduces the loss it reported, bad arguments one line with status 64.
@Suite struct SearchCommandTests {
    let command = ["search", "--surface", "rosenbrock", "--optimizer", "adam", "--rounds", "2", "--trials", "8", "--steps", "300"]

    @Test func theSameSeedPrintsTheSameBytesOnOneJobOrEvery() throws {
        for format in ["text", "csv"] {
            let one = try DescentBinary.run(command + ["--format", format, "--jobs", "1", "--seed", "5"])
            let all = try DescentBinary.run(command + ["--format", format, "--seed", "5"])
            #expect(one.status == 0 && all.status == 0, "\(one.stderr)\(all.stderr)")
            #expect(one.stdout == all.stdout && !one.stdout.isEmpty)
            let other = try DescentBinary.run(command + ["--format", format, "--seed", "6"])
            #expect(other.stdout != one.stdout, "another seed draws other settings")
        }
    }

    @Test func theWinnerIsASpecThatRunReproducesExactly() throws {
        let text = try DescentBinary.run(command)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdoutLines.contains { $0.hasPrefix("round 1: lr 1e-05..1, beta1 0..0.99, beta2 0.9..0.9999") }, "\(text.stdout)")
        let best = try #require(text.stdoutLines.last)
        #expect(best.hasPrefix("best: adam:lr="), "\(text.stdout)")
        let spec = String(best.dropFirst("best: ".count))
        // The csv of the same search: the winner's row (rank 1 of its round, lowest loss of those).
        let csv = try DescentBinary.run(command + ["--format", "csv"])
        #expect(csv.stdoutLines.first == "round,trial,lr,beta1,beta2,loss,steps,status,rank")
        #expect(csv.stdoutLines.count == 1 + 16)
        let rows = csv.stdoutLines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let winner = try #require(rows.filter { $0[8] == "1" }.min { Double($0[5])! < Double($1[5])! })
        #expect(spec == "adam:lr=\(winner[2]),beta1=\(winner[3]),beta2=\(winner[4])")
        // run with that spec ends at the loss the search reported, to the last digit.
        let run = try DescentBinary.run("run", "--surface", "rosenbrock", "--optimizer", spec, "--steps", "300", "--format", "csv")
        #expect(run.status == 0, "\(run.stderr)")
        // optimizer,step,x,y,loss,grad_norm,lr,evals,status — the quoted spec holds commas: count from the end.
        let last = try #require(run.stdoutLines.last?.split(separator: ",").map(String.init))
        #expect(last[last.count - 5] == winner[5], "run: \(last), search: \(winner)")
    }

    @Test(arguments: [["--rounds", "0"], ["--trials", "-1"], ["--trials", "many"], ["--rounds", "101"], ["--lr", "1..0.1"],
                      ["--optimizer", "cg"], ["--optimizer", "gd", "--optimizer", "adam"], ["--format", "json"], ["--jobs", "0"]])
    func badArgumentsAreOneLineWithStatus64(_ arguments: [String]) throws {
        let result = try DescentBinary.run(["search", "--surface", "bowl"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("descent: error: "))
        #expect(result.stdout.isEmpty)
    }
}

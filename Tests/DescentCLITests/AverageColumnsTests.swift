import Foundation
import Testing

/// `average=true` in `run`'s output: csv and json gain θ̄ and f(θ̄), the mean of the rows' own iterates.
@Suite struct AverageColumnsTests {
    @Test func csvHasTheRunningMeanOfTheIteratesAndEmptyColumnsForTheOthers() throws {
        let result = try DescentBinary.run("run", "--surface", "bowl", "--optimizer", "sgd:lr=0.05,noise=2,average=true",
                                           "--optimizer", "gd", "--steps", "50", "--grad-tol", "0", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.first == "optimizer,step,x,y,loss,grad_norm,lr,evals,status,avg_x,avg_y,avg_loss")
        let rows = result.stdoutLines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // The spec is quoted and holds commas: count from the end (12 fields after it is split into 3).
        let sgd = rows.filter { $0[0].hasPrefix("\"sgd") }, gd = rows.filter { $0[0] == "gd" }
        #expect(sgd.count == 51 && gd.count == 51)
        var sumX = 0.0, sumY = 0.0
        for row in sgd {
            let n = row.count
            let step = try #require(Int(row[n - 11])), x = try #require(Double(row[n - 10])), y = try #require(Double(row[n - 9]))
            let avgX = try #require(Double(row[n - 3])), avgY = try #require(Double(row[n - 2])), avgLoss = try #require(Double(row[n - 1]))
            if step == 0 {
                #expect(avgX == x && avgY == y, "θ̄₀ is the start")
            } else {
                sumX += x
                sumY += y
                #expect(abs(avgX - sumX / Double(step)) <= 1e-12 && abs(avgY - sumY / Double(step)) <= 1e-12, "step \(step)")
            }
            #expect(abs(avgLoss - (avgX * avgX + avgY * avgY)) <= 1e-12 * max(1, avgLoss))
        }
        #expect(gd.allSatisfy { $0.suffix(3) == ["", "", ""] })
    }

    @Test func withoutAveragingTheColumnsAreAsBefore() throws {
        let result = try DescentBinary.run("run", "--surface", "bowl", "--steps", "2", "--format", "csv")
        #expect(result.stdoutLines.first == "optimizer,step,x,y,loss,grad_norm,lr,evals,status")
    }

    @Test func jsonAndTheTableShowTheAverage() throws {
        let json = try DescentBinary.run("run", "--surface", "bowl", "--optimizer", "sgd:average=true", "--steps", "3", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let optimizers = try #require(object["optimizers"] as? [[String: Any]])
        let steps = try #require(optimizers.first?["steps"] as? [[String: Any]])
        let xs = steps.compactMap { $0["x"] as? Double }, averages = steps.compactMap { $0["avg_x"] as? Double }
        #expect(xs.count == 4 && averages.count == 4)
        #expect(abs(averages[3] - (xs[1] + xs[2] + xs[3]) / 3) <= 1e-12)
        let table = try DescentBinary.run("run", "--surface", "bowl", "--optimizer", "sgd:average=true", "--steps", "3")
        #expect(table.stdoutLines.contains { $0.hasPrefix("  its average θ̄") }, "\(table.stdout)")
    }
}

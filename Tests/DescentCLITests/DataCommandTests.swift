import DescentCore
import Foundation
import Testing

/// `--data FILE.csv` through the real binary: a good file races, a bad one is one line naming the line
/// and column with status 65, and a data-surface setting in the wrong place is a usage error (64).
@Suite struct DataCommandTests {
    static func write(_ text: String, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("descent-data-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aGoodFileRacesAndNewtonLandsOnItsLeastSquaresLine() throws {
        // y = 3x − 2 exactly: the least-squares line is w = 3, b = −2, with zero loss.
        let path = try Self.write("x,y\n0,-2\n1,1\n2,4\n3,7\n4,10\n", name: "line.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try DescentBinary.run("run", "--data", path, "--optimizer", "newton", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        let last = try #require(result.stdoutLines.last).split(separator: ",")
        #expect(Double(last[2]).map { abs($0 - 3) < 1e-12 } == true && Double(last[3]).map { abs($0 + 2) < 1e-12 } == true, "\(last)")
    }

    @Test func aBadFileIsOneLineNamingLineAndColumnWithStatus65() throws {
        let cases: [(String, [String], String)] = [
            ("x,y\n1,2\n2,oops\n3,4\n4,5\n", ["--surface", "linreg"], "bad.csv:3:2: 'oops' is not a finite number"),
            ("1,0\n2,1\n3,0.5\n4,1\n", ["--surface", "logreg"], "bad.csv:3:2: label '0.5' is not 0 or 1"),
            ("1,2\n2\n", [], "bad.csv:2: 1 column where two are expected"),
            ("1,2\n", [], "bad.csv: 1 example; a data surface needs at least 4"),
        ]
        for (text, options, message) in cases {
            let path = try Self.write(text, name: "bad.csv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try DescentBinary.run(["run", "--data", path] + options)
            #expect(result.status == 65, "\(message): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(result.stderr)")
        }
        let missing = try DescentBinary.run("run", "--data", "/nonexistent/data.csv")
        #expect(missing.status == 65 && missing.stderr.contains("cannot open"))
        let folder = try DescentBinary.run("run", "--data", "/tmp")
        #expect(folder.status == 65 && folder.stderr.contains("not a regular file"))
    }

    @Test func settingsThatDoNotFitAreUsageErrors() throws {
        let path = try Self.write("1,2\n2,3\n3,5\n4,4\n", name: "ok.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (arguments, mention) in [
            (["run", "--data", path, "--surface", "bowl"], "needs a data surface"),
            (["run", "--surface", "bowl", "--optimizer", "gd:batch=4"], "batch=4 needs a data surface"),
            (["run", "--surface", "linreg:loss=bce"], "linreg's loss is mse"),
            (["run", "--surface", "logreg:normalise=true"], "did you mean 'normalize'"),
            (["run", "--surface", "rosenbrock:normalize=true"], "takes no settings"),
        ] {
            let result = try DescentBinary.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(mention), "\(result.stderr)")
        }
    }
}

/// With a validation split, `run` shows the loss on the held-out examples — in the table, as csv's
/// last column `val_loss` and json's key — computed here by hand from the split's examples.
@Suite struct ValidationColumnTests {
    @Test func csvJsonAndTableShowTheHeldOutLoss() throws {
        let surface = try #require(try SurfaceCatalog.surface(spec: "linreg:validation=0.25") as? DataSurface)
        #expect(!surface.validationX.isEmpty)
        func heldOut(_ w: Double, _ b: Double) -> Double {
            zip(surface.validationX, surface.validationY).map { (w * $0 + b - $1) * (w * $0 + b - $1) }.reduce(0, +)
                / Double(surface.validationX.count)
        }
        let csv = try DescentBinary.run(["run", "--surface", "linreg:validation=0.25", "--optimizer", "gd:lr=0.01", "--steps", "20", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdoutLines.first?.hasSuffix(",status,val_loss") == true)
        for line in csv.stdoutLines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let w = try #require(Double(fields[2])), b = try #require(Double(fields[3])), shown = try #require(Double(fields.last!))
            #expect(abs(shown - heldOut(w, b)) <= 1e-9 * max(1, heldOut(w, b)), "\(line)")
        }
        let json = try DescentBinary.run(["run", "--surface", "linreg:validation=0.25", "--optimizer", "gd:lr=0.01", "--steps", "3", "--format", "json"])
        #expect(json.stdout.components(separatedBy: "\"val_loss\": ").count == 5)
        let table = try DescentBinary.run(["run", "--surface", "linreg:validation=0.25", "--optimizer", "gd:lr=0.01", "--steps", "20"])
        #expect(table.stdoutLines.contains { $0.contains("val loss") })
        // Without a split there is no such column.
        let plain = try DescentBinary.run(["run", "--surface", "linreg", "--steps", "2", "--format", "csv"])
        #expect(plain.stdoutLines.first == "optimizer,step,x,y,loss,grad_norm,lr,evals,status")
    }
}

/// On a minibatch run, csv's `batch_loss` at step k is the loss at θ_k on step k + 1's minibatch — the
/// one whose gradient the next step follows: computed here by hand from those examples, and the step
/// from θ_k to θ_{k+1} checked to be −γ times that batch's gradient.
@Suite struct BatchLossColumnTests {
    @Test func batchLossIsTheNextStepsMinibatchLoss() throws {
        let surface = try #require(try SurfaceCatalog.surface(spec: "linreg") as? DataSurface)
        let result = try DescentBinary.run(["run", "--surface", "linreg", "--optimizer", "gd:lr=0.001,batch=4", "--steps", "12", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdoutLines.first?.hasSuffix(",batch_loss") == true)
        let rows = try result.stdoutLines.dropFirst().map { line -> (w: Double, b: Double, batchLoss: Double) in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return (try #require(Double(fields[fields.count - 8])), try #require(Double(fields[fields.count - 7])), try #require(Double(fields.last!)))
        }
        var sampler = MinibatchSampler(count: surface.trainingX.count, batchSize: 4, seed: 0)
        for k in 0..<(rows.count - 1) {
            let batch = Array(sampler.batch(forStep: k + 1))
            let (w, b) = (rows[k].w, rows[k].b)
            let residuals = batch.map { w * surface.trainingX[$0] + b - surface.trainingY[$0] }
            let loss = residuals.map { $0 * $0 }.reduce(0, +) / Double(batch.count)
            #expect(abs(rows[k].batchLoss - loss) <= 1e-9 * max(1, loss), "step \(k)")
            // The step that follows is −γ ∇f on the same examples.
            let gw = zip(residuals, batch).map { 2 * $0 * surface.trainingX[$1] }.reduce(0, +) / Double(batch.count)
            let gb = residuals.map { 2 * $0 }.reduce(0, +) / Double(batch.count)
            #expect(abs(rows[k + 1].w - (w - 0.001 * gw)) <= 1e-9 * max(1, abs(w)), "step \(k + 1) w")
            #expect(abs(rows[k + 1].b - (b - 0.001 * gb)) <= 1e-9 * max(1, abs(b)), "step \(k + 1) b")
        }
    }
}

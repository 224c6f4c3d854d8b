import DescentCore
import DescentLibrary
import Testing

/// The shipped lessons on data surfaces, replayed headless: what their notes say happens, happens.
/// Losses, minima and curvatures are computed here from the examples themselves.
struct DataLessonTests {
    /// Mean, population variance and the means of y and x·y of paired samples.
    static func moments(_ xs: [Double], _ ys: [Double]) -> (mx: Double, vx: Double, my: Double, cxy: Double) {
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let vx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } / n
        let cxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / n
        return (mx, vx, my, cxy)
    }

    static func meanSquaredError(_ p: Vector2, _ xs: [Double], _ ys: [Double]) -> Double {
        zip(xs, ys).reduce(0) { $0 + (p.x * $1.0 + p.y - $1.1) * (p.x * $1.0 + p.y - $1.1) } / Double(xs.count)
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + Math.exp(-z)) }

    @Test func linregNormalization() throws {
        let scenario = try shipped("linreg-normalization")
        let raw = try #require(scenario.surface as? DataSurface)
        #expect(!raw.normalize && raw.model == .linearRegression)
        let xs = DataSet.heightsAndWeights.xs, ys = DataSet.heightsAndWeights.ys
        // Least squares by the normal equations: w = cov(x, y) / var(x), b = ȳ − w x̄.
        let m = Self.moments(xs, ys)
        let w = m.cxy / m.vx, b = m.my - w * m.mx
        let best = Self.meanSquaredError(Vector2(w, b), xs, ys)
        #expect(abs(best - 13.1) < 0.05, "the notes' least-squares loss")
        // The Hessian 2[[E x², E x], [E x, 1]] and its eigenvalues: about 7.3 and 0.0035, ~2,000 apart.
        let ex2 = m.vx + m.mx * m.mx
        let trace = 2 * ex2 + 2, determinant = 4 * (ex2 - m.mx * m.mx)
        let large = trace / 2 + (trace * trace / 4 - determinant).squareRoot(), small = determinant / large
        #expect(abs(large - 7.3) < 0.05 && abs(small - 0.0035) < 0.0001)
        #expect(large / small > 1800 && large / small < 2200)

        var session = scenario.makeSession()
        session.runToEnd()
        let (gd, momentum) = (session.race.racers[0], session.race.racers[1])
        #expect(try #require(gd.learningRate) < 2 / large, "gd's rate is below the largest stable one")
        #expect(try #require(gd.learningRate) > 0.7 * (2 / large), "…and near it")
        #expect(gd.status.label == "finished" && gd.stepCount == 1000)
        #expect(abs(Self.meanSquaredError(gd.currentPoint, xs, ys) - 30) < 1, "still at loss 30 after 1000 steps")
        #expect(momentum.status.label == "finished")
        #expect(momentum.loss < gd.loss && momentum.loss > best + 1, "momentum nearer, not arrived")

        // N: the same line in standardised coordinates, the same rates.
        var scaled = scenario
        scaled.surface = try raw.withNormalize(true)
        var after = scaled.makeSession()
        after.runToEnd()
        let fast = after.race.racers[0]
        #expect(fast.status.label == "converged")
        #expect(try #require(fast.status.step) < 40)
        // The least-squares line in the standardised coordinates: (w s, b + w μ).
        let s = m.vx.squareRoot()
        #expect((fast.currentPoint - Vector2(w * s, b + w * m.mx)).length < 1e-5)
        // The round bowl: the Hessian is 2I everywhere.
        let h = try #require(scaled.surface.hessian(at: Vector2(3, -7)))
        #expect(abs(h.xx - 2) < 1e-12 && abs(h.yy - 2) < 1e-12 && abs(h.xy) < 1e-12)
    }

    @Test func logregMSEVersusBCE() throws {
        let scenario = try shipped("logreg-mse-vs-bce")
        let surface = try #require(scenario.surface as? DataSurface)
        #expect(surface.model == .logisticRegression && surface.loss == .mse)
        let xs = DataSet.twoClasses.xs, ys = DataSet.twoClasses.ys
        let start = try #require(scenario.start)
        #expect(start == Vector2(-5, 8))
        // Confidently wrong at the start: the slope's sign is wrong and every class-0 example gets σ > 0.98,
        // where σ(1 − σ) is nearly 0.
        let classZero = zip(xs, ys).filter { $0.1 == 0 }.map { Self.sigmoid(start.x * $0.0 + start.y) }
        #expect(classZero.allSatisfy { $0 > 0.98 })
        // …so the factor σ(1 − σ) (at most 1/4) is below a fifteenth of its largest on all of them, below 10⁻⁵ on most.
        #expect(classZero.allSatisfy { $0 * (1 - $0) < 0.25 / 15 })
        #expect(classZero.filter { $0 * (1 - $0) < 1e-5 }.count > classZero.count / 2)

        var session = scenario.makeSession()
        session.runToEnd()
        #expect(session.race.racers.map(\.name) == ["gd", "momentum", "adam"])
        for racer in session.race.racers {
            #expect(racer.status.label == "finished" && racer.stepCount == 1500, "\(racer.name)")
            // On the plateau: class 1 for (nearly) every example, half of them wrong.
            let p = racer.currentPoint
            let squared = zip(xs, ys).reduce(0.0) { $0 + (Self.sigmoid(p.x * $1.0 + p.y) - $1.1) * (Self.sigmoid(p.x * $1.0 + p.y) - $1.1) } / Double(xs.count)
            #expect(abs(squared - 0.5) < 0.01, "\(racer.name): \(squared)")
            let sayClassOne = xs.filter { Self.sigmoid(p.x * $0 + p.y) > 0.5 }.count
            #expect(Double(sayClassOne) >= 0.95 * Double(xs.count), "\(racer.name)")
        }

        // M: cross-entropy, the same start and rates.
        var crossEntropy = scenario
        crossEntropy.surface = try surface.withLoss(.bce)
        var after = crossEntropy.makeSession()
        after.runToEnd()
        for racer in after.race.racers {
            #expect(racer.status.label == "converged", "\(racer.name)")
            #expect(try #require(racer.status.step) < 800, "\(racer.name)")
            // At the minimum of cross-entropy its gradient, mean (σ − y)(x, 1), vanishes.
            let p = racer.currentPoint
            let gw = zip(xs, ys).reduce(0.0) { $0 + (Self.sigmoid(p.x * $1.0 + p.y) - $1.1) * $1.0 } / Double(xs.count)
            let gb = zip(xs, ys).reduce(0.0) { $0 + (Self.sigmoid(p.x * $1.0 + p.y) - $1.1) } / Double(xs.count)
            #expect(abs(gw) < 1e-5 && abs(gb) < 1e-5, "\(racer.name)")
        }
    }

    @Test func minibatchEarlyStopping() throws {
        let scenario = try shipped("minibatch-early-stopping")
        let surface = try #require(scenario.surface as? DataSurface)
        #expect(surface.normalize && surface.validationCount == 12 && surface.trainingCount == 36)
        var session = scenario.makeSession()
        session.runToEnd()
        let patience = 15
        for racer in session.race.racers {
            // The validation and training losses along the path, from the examples.
            let validation = racer.points.map { Self.meanSquaredError($0, surface.validationX, surface.validationY) }
            let bestStep = validation.indices.min { validation[$0] < validation[$1] }!
            guard case let .earlyStopped(step, reportedBest, bestLoss) = racer.status else {
                Issue.record("\(racer.currentSpec.text): \(racer.status.summary)")
                continue
            }
            #expect(reportedBest == bestStep, "\(racer.currentSpec.text)")
            #expect(abs(bestLoss - validation[bestStep]) < 1e-9 * validation[bestStep])
            #expect(step == bestStep + patience, "ended \(patience) steps after the best validation loss")
            #expect(racer.status.summary == "early-stopped at step \(step) (best validation loss \(formatSignificant(bestLoss)) at step \(bestStep))")
        }
        let full = session.race.racers[0], batched = session.race.racers[1], adam = session.race.racers[2]
        // Full batch: the training loss falls at every step while the validation loss turns up after step 21.
        let training = full.points.map { Self.meanSquaredError($0, surface.trainingX, surface.trainingY) }
        #expect(zip(training, training.dropFirst()).allSatisfy { $1 < $0 })
        if case let .earlyStopped(_, bestStep, _) = full.status { #expect(bestStep == 21) } else { Issue.record("\(full.status)") }
        let validation = full.points.map { Self.meanSquaredError($0, surface.validationX, surface.validationY) }
        #expect(zip(validation[21...], validation[22...]).allSatisfy { $1 > $0 }, "rises after its best")
        // Minibatches of 4: noisy steps, the full training loss going up on some of them.
        for racer in [batched, adam] {
            #expect(racer.currentSpec.batchSize == 4)
            let losses = racer.points.map { Self.meanSquaredError($0, surface.trainingX, surface.trainingY) }
            #expect(zip(losses, losses.dropFirst()).contains { $1 > $0 }, "\(racer.currentSpec.text)")
        }
    }
}

import Testing
@testable import DescentCore

/// The data surfaces against values computed here from their definitions: least squares in closed
/// form, cross-entropy by its textbook formula, minibatch descent and early stopping by hand-written loops.
@Suite struct DataSurfaceTests {
    /// Least squares of y on x in closed form: w = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², b = ȳ − w x̄.
    static func leastSquares(_ xs: [Double], _ ys: [Double]) -> Vector2 {
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for i in xs.indices { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) * (xs[i] - mx) }
        let w = sxy / sxx
        return Vector2(w, my - w * mx)
    }

    @Test func theHeightsAndWeightsAreWhatTheLessonSays() {
        let data = DataSet.heightsAndWeights
        #expect(data.count == 48)
        #expect(data.xs.allSatisfy { (1.5...1.8).contains($0) })
        #expect(data.ys.allSatisfy { (50...90).contains($0) })
        // Heavier with height: the slope of the fit is tens of kilograms a metre.
        let fit = Self.leastSquares(data.xs, data.ys)
        #expect(fit.x > 80 && fit.x < 200, "\(fit)")
    }

    @Test func newtonFindsTheLeastSquaresLineInOneStep() throws {
        for normalize in [false, true] {
            let surface = try DataSurface(model: .linearRegression, normalize: normalize)
            var xs = DataSet.heightsAndWeights.xs
            if normalize {
                let mean = xs.reduce(0, +) / Double(xs.count)
                let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot()
                xs = xs.map { ($0 - mean) / sd }
            }
            let expected = Self.leastSquares(xs, DataSet.heightsAndWeights.ys)
            var race = Race(surface: surface, optimizers: [try OptimizerSpec(parsing: "newton")], rules: StopRules(maxSteps: 10))
            race.runToEnd()
            let racer = race.racers[0]
            #expect(racer.status == .converged(step: 1), "\(racer.status)")
            #expect(abs(racer.currentPoint.x - expected.x) <= 1e-9 * abs(expected.x), "\(racer.currentPoint) vs \(expected)")
            #expect(abs(racer.currentPoint.y - expected.y) <= 1e-9 * max(1, abs(expected.y)))
            let minimum = try #require(surface.minima.first)
            #expect((minimum.point - expected).length <= 1e-8 * expected.length)
        }
    }

    @Test func standardisingTheFeatureTurnsTheRavineIntoARoundBowl() throws {
        let raw = try #require(try DataSurface(model: .linearRegression).hessian(at: .zero))
        let (low, high) = raw.eigenvalues
        #expect(high / low > 1000, "condition number \(high / low)")
        let scaled = try #require(try DataSurface(model: .linearRegression, normalize: true).hessian(at: .zero))
        #expect(abs(scaled.xx - 2) < 1e-12 && abs(scaled.xy) < 1e-12 && abs(scaled.yy - 2) < 1e-12, "\(scaled)")
        // The lesson on screen: gd at the rate that suits the bowl arrives; on the raw ravine it crawls.
        let gd = try OptimizerSpec(parsing: "gd:lr=0.1")
        var bowl = Race(surface: try DataSurface(model: .linearRegression, normalize: true), optimizers: [gd], rules: StopRules(maxSteps: 1000))
        bowl.runToEnd()
        #expect(bowl.racers[0].status.label == "converged" && bowl.racers[0].stepCount < 150)
        var ravine = Race(surface: try DataSurface(model: .linearRegression), optimizers: [gd], rules: StopRules(maxSteps: 1000))
        ravine.runToEnd()
        #expect(ravine.racers[0].status == .finished(step: 1000))
    }

    @Test func crossEntropyAndSquaredErrorFollowTheirTextbookFormulas() throws {
        let bce = try DataSurface(model: .logisticRegression)
        let mse = try DataSurface(model: .logisticRegression, loss: .mse)
        let data = DataSet.twoClasses
        // Points where no |z| exceeds 10, so the textbook form of cross-entropy keeps its digits.
        for p in [Vector2(0, 0), Vector2(2, -1), Vector2(1, 0.5), Vector2(-1, 3)] {
            var crossEntropy = 0.0, squared = 0.0
            for i in data.xs.indices {
                let s = 1 / (1 + Math.exp(-(p.x * data.xs[i] + p.y)))
                crossEntropy += data.ys[i] == 1 ? -Math.log(s) : -Math.log(1 - s)
                squared += (s - data.ys[i]) * (s - data.ys[i])
            }
            crossEntropy /= Double(data.count); squared /= Double(data.count)
            // Where σ rounds to 1 the textbook form is infinite; the surface's softplus form stays exact.
            #expect(abs(bce.value(at: p) - crossEntropy) <= 1e-13 * max(1, crossEntropy), "\(p)")
            #expect(abs(mse.value(at: p) - squared) <= 1e-14, "\(p)")
        }
        // Far out, where σ rounds to 1, cross-entropy stays finite and exact: softplus(z) − y z ≈ z for y = 0.
        let far = Vector2(30, 40)
        let exact = zip(data.xs, data.ys).map { x, y in let z = far.x * x + far.y; return max(z, 0) - y * z + Math.log1p(Math.exp(-abs(z))) }.reduce(0, +) / Double(data.count)
        #expect(abs(bce.value(at: far) - exact) <= 1e-12 * exact)
        // Both derivative sets against central differences over their views.
        for surface in [bce, mse, try DataSurface(model: .linearRegression)] {
            let check = DerivativeCheck.run(surface)
            #expect(check.passed, "\(surface.specText): \(check.maxGradientError) \(check.maxHessianError)")
        }
    }

    @Test func squaredErrorAfterTheSigmoidHasAPlateauWhereCrossEntropyIsSteep() throws {
        // w = −5, b = 8: every example is predicted class 1 with confidence, half of them wrongly.
        let start = Vector2(-5, 8)
        let bce = try DataSurface(model: .logisticRegression), mse = try DataSurface(model: .logisticRegression, loss: .mse)
        #expect(mse.gradient(at: start).length < 0.05 * bce.gradient(at: start).length)
        // The same gradient descent: cross-entropy reaches its minimum, squared error drifts onto the plateau
        // of loss ½ (every example called class 1) and stays there.
        let gd = try OptimizerSpec(parsing: "gd:lr=1")
        var onBCE = Race(surface: bce, start: start, optimizers: [gd], rules: StopRules(maxSteps: 400))
        onBCE.runToEnd()
        #expect(onBCE.racers[0].status.label == "converged")
        var onMSE = Race(surface: mse, start: start, optimizers: [gd], rules: StopRules(maxSteps: 400))
        onMSE.runToEnd()
        #expect(onMSE.racers[0].status == .finished(step: 400))
        let mseMinimum = try #require(mse.minima.first)
        #expect(abs(onMSE.racers[0].loss - 0.5) < 0.01 && mseMinimum.value < 0.2)
    }

    @Test func aValidationSplitHoldsOutThatFractionAndTrainsOnTheRest() throws {
        let surface = try DataSurface(model: .linearRegression, validation: 0.25)
        #expect(surface.validationCount == 12 && surface.trainingCount == 36)
        let all = zip(DataSet.heightsAndWeights.xs, DataSet.heightsAndWeights.ys).map { "\($0),\($1)" }.sorted()
        let split = (zip(surface.trainingX, surface.trainingY).map { "\($0),\($1)" } + zip(surface.validationX, surface.validationY).map { "\($0),\($1)" }).sorted()
        #expect(all == split)
        #expect(throws: DescentError.self) { try DataSurface(model: .linearRegression, validation: 0.6) }
        #expect(throws: DescentError.self) { try DataSurface(model: .linearRegression, loss: .bce) }
    }

    @Test(arguments: [(36, 5), (36, 6), (7, 3), (48, 48), (10, 1)])
    func minibatchesArePermutationsOfTheExamplesInEveryEpoch(count: Int, batch: Int) {
        var sampler = MinibatchSampler(count: count, batchSize: batch, seed: 42)
        let perEpoch = (count + batch - 1) / batch
        var orders: [[Int]] = []
        for epoch in 0..<4 {
            var seen: [Int] = []
            for j in 0..<perEpoch {
                let examples = Array(sampler.batch(forStep: epoch * perEpoch + j + 1))
                #expect(examples.count == (j < perEpoch - 1 ? batch : count - batch * (perEpoch - 1)))
                seen += examples
            }
            #expect(seen.sorted() == Array(0..<count), "epoch \(epoch)")
            orders.append(seen)
        }
        if count > 3 { #expect(Set(orders).count == orders.count, "each epoch has its own order") }
        // Any step's batch depends only on (seed, step): asked out of order, the same examples.
        var fresh = MinibatchSampler(count: count, batchSize: batch, seed: 42)
        #expect(Array(fresh.batch(forStep: 3 * perEpoch)) == Array(orders[2].suffix(count - batch * (perEpoch - 1))))
        var other = MinibatchSampler(count: count, batchSize: batch, seed: 43)
        if count > 3 { #expect((1...perEpoch).flatMap { Array(other.batch(forStep: $0)) } != orders[0]) }
    }

    @Test func minibatchDescentIsTheMeanGradientOfEachStepsBatch() throws {
        let surface = try DataSurface(model: .linearRegression, normalize: true)
        for name in ["gd", "momentum"] {
            let spec = try OptimizerSpec(parsing: "\(name):lr=0.05,batch=5")
            var race = Race(surface: surface, optimizers: [spec], rules: StopRules(maxSteps: 40), seed: 9)
            race.runToEnd()
            // By hand: θ ← θ − γ (2/|B|) Σ_{i∈B} (w xᵢ + b − yᵢ)(xᵢ, 1), momentum with torch's buffer.
            var sampler = MinibatchSampler(count: surface.trainingCount, batchSize: 5, seed: 9)
            var theta = Vector2.zero, buffer = Vector2.zero
            for t in 1...40 {
                var g = Vector2.zero
                let batch = sampler.batch(forStep: t)
                for i in batch {
                    let r = theta.x * surface.trainingX[i] + theta.y - surface.trainingY[i]
                    g += 2 * r * Vector2(surface.trainingX[i], 1)
                }
                g /= Double(batch.count)
                if name == "momentum" { buffer = t == 1 ? g : 0.9 * buffer + g; g = buffer }
                theta -= 0.05 * g
                #expect(race.racers[0].point(atStep: t) == theta, "\(name) step \(t)")
            }
            #expect(race.racers[0].status == .finished(step: 40))
        }
    }

    @Test func earlyStoppingEndsWherePatienceRunsOutOnTheValidationLoss() throws {
        let surface = try DataSurface(model: .linearRegression, normalize: true, validation: 0.25)
        let patience = 15
        var race = Race(surface: surface, optimizers: [try OptimizerSpec(parsing: "sgd:lr=0.05,noise=0,batch=4")],
                        rules: StopRules(patience: patience, maxSteps: 5000), seed: 3)
        race.runToEnd()
        // By hand: the validation loss after every step; stop at the first step `patience` after the best.
        var sampler = MinibatchSampler(count: surface.trainingCount, batchSize: 4, seed: 3)
        var theta = Vector2.zero
        func validation(_ p: Vector2) -> Double {
            var total = 0.0
            for i in surface.validationX.indices {
                let r = p.x * surface.validationX[i] + p.y - surface.validationY[i]
                total += r * r
            }
            return total / Double(surface.validationX.count)
        }
        var best = validation(theta), bestStep = 0, stop = 0
        for t in 1...5000 {
            var g = Vector2.zero
            let batch = sampler.batch(forStep: t)
            for i in batch { g += 2 * (theta.x * surface.trainingX[i] + theta.y - surface.trainingY[i]) * Vector2(surface.trainingX[i], 1) }
            theta -= 0.05 * (g / Double(batch.count))
            let v = validation(theta)
            if v < best { best = v; bestStep = t } else if t - bestStep >= patience { stop = t; break }
        }
        #expect(stop > 0)
        #expect(race.racers[0].status == .earlyStopped(step: stop, bestStep: bestStep, bestValidationLoss: best), "\(race.racers[0].status)")
        #expect(race.racers[0].status.summary.hasPrefix("early-stopped at step \(stop) (best validation loss "))
    }

    @Test func aCSVFileIsReadOrRefusedNamingLineAndColumn() throws {
        let good = try DataSet(csv: "height,weight\n1.6, 60\r\n\n# a comment\n1.7,70\n1.8,80\n1.5,50\n", source: "d.csv")
        #expect(good.xs == [1.6, 1.7, 1.8, 1.5] && good.ys == [60, 70, 80, 50])
        let cases: [(String, Bool, String)] = [
            ("1,2\n2,3\n3,x\n4,5\n", false, "d.csv:3:2: 'x' is not a finite number"),
            ("1,2\n2,3,4\n", false, "d.csv:2: 3 columns where two are expected"),
            ("1,2\n,3\n", false, "d.csv:2:1: an empty field is not a finite number"),
            ("1,2\n2,nan\n", false, "d.csv:2:2: 'nan' is not a finite number"),
            ("1,2\n2,3\n", false, "d.csv: 2 examples; a data surface needs at least 4"),
            ("", false, "d.csv: 0 examples"),
            ("a,b,c\n1,2\n", false, "d.csv:1: the header has 3 columns"),
            ("1,0\n2,1\n3,2\n4,1\n", true, "d.csv:3:2: label '2' is not 0 or 1"),
            ("1,0\n1,1\n1,0\n1,1\n", true, "d.csv: every x is 1; the feature must vary"),
            ("1,\u{1b}[31m\n", false, "d.csv:1:2: '\\e[31m' is not a finite number"),
        ]
        for (text, binary, message) in cases {
            #expect(throws: DescentError.self) { try DataSet(csv: text, source: "d.csv", binaryLabels: binary) }
            do {
                _ = try DataSet(csv: text, source: "d.csv", binaryLabels: binary)
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
                #expect(!error.description.contains("\u{1b}"))
            }
        }
    }

    @Test func aSurfaceSpecSetsTheModelsOptions() throws {
        let surface = try #require(try SurfaceCatalog.surface(spec: "logreg:loss=mse,normalize=true,validation=0.2") as? DataSurface)
        #expect(surface.loss == .mse && surface.normalize && surface.validationFraction == 0.2)
        #expect(surface.specText == "logreg:loss=mse,normalize=true,validation=0.2")
        #expect(surface.identity != (try DataSurface(model: .logisticRegression, loss: .mse)).identity)
        for bad in ["linreg:loss=bce", "linreg:normalise=true", "bowl:normalize=true", "linreg:validation=2", "linreg:normalize=maybe"] {
            #expect(throws: DescentError.self, "\(bad)") { try SurfaceCatalog.surface(spec: bad) }
        }
        #expect(throws: DescentError.self) { try OptimizerSpec(parsing: "gd:batch=4").check(fits: Bowl()) }
        #expect(throws: DescentError.self) { try OptimizerSpec(parsing: "newton:batch=4") }
    }

    /// The default view shows the start and the minimum with room around both, and is not so wide that
    /// the path is a speck: a square centred on the minimum, at most twice as wide as it must be.
    @Test(arguments: ["linreg", "linreg:normalize=true", "logreg", "logreg:loss=mse", "linreg:validation=0.25"])
    func theDefaultViewFramesTheStartAndTheMinimum(spec: String) throws {
        let surface = try #require(try SurfaceCatalog.surface(spec: spec) as? DataSurface)
        let view = surface.defaultView, minimum = try #require(surface.knownPoints.first).point
        #expect(abs(view.width - view.height) < 1e-9)
        let half = view.width / 2
        for p in [surface.defaultStart, minimum] {
            let margin = min(p.x - view.minX, view.maxX - p.x, p.y - view.minY, view.maxY - p.y)
            #expect(margin >= 0.1 * half, "\(spec): \(p) too near the edge of \(view)")
        }
        let needed = max(abs(minimum.x), abs(minimum.y), surface.model == .logisticRegression ? 8 : 4)
        #expect(half <= 2 * needed, "\(spec): \(view)")
    }
}

import DescentCore
import DescentRender
import Testing
@testable import DescentApp

/// `N` and `M` on data surfaces: the feature standardised or not, logreg's loss bce or mse.
@Suite struct DataSurfaceKeyTests {
    func state(on surface: DataSurface, start: Vector2, specs: [String]) throws -> AppState {
        let race = Race(surface: surface, start: start, optimizers: try specs.map { try OptimizerSpec(parsing: $0) },
                        rules: StopRules(maxSteps: 500))
        return AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: false)
    }

    /// The mean squared error of the line y = w x + b on the raw examples, computed here from the data.
    func rawMeanSquaredError(w: Double, b: Double) -> Double {
        let data = DataSet.heightsAndWeights
        return zip(data.xs, data.ys).reduce(0) { $0 + ($1.0 * w + b - $1.1) * ($1.0 * w + b - $1.1) } / Double(data.count)
    }

    @Test func nStandardisesTheFeatureAndRestartsFromTheSameLine() throws {
        var app = try state(on: try DataSurface(model: .linearRegression), start: Vector2(50, -20), specs: ["gd:lr=0.0001", "adam:lr=0.5"])
        for _ in 0..<5 { app.apply(.stepOnce) }
        app.scenarioNotes = "a lesson about scaling"
        let rates = app.race.racers.map(\.currentSpec.learningRate)
        #expect(press(.character("N"), &app) == .toggleNormalize)

        let surface = try #require(app.race.surface as? DataSurface)
        #expect(surface.normalize && surface.model == .linearRegression)
        // μ and s (population) of the raw heights, by hand: w x + b = (w s)(x − μ)/s + (b + w μ).
        let xs = DataSet.heightsAndWeights.xs
        let mean = xs.reduce(0, +) / Double(xs.count)
        let s = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot()
        #expect(abs(app.race.start.x - 50 * s) < 1e-9)
        #expect(abs(app.race.start.y - (-20 + 50 * mean)) < 1e-9)
        // The same line has the same loss in either coordinates.
        #expect(abs(surface.value(at: app.race.start) - rawMeanSquaredError(w: 50, b: -20)) < 1e-9 * rawMeanSquaredError(w: 50, b: -20))
        #expect(app.stepCount == 0)
        #expect(app.race.racers.map(\.currentSpec.learningRate) == rates)
        #expect(app.view == surface.defaultView)
        #expect(!app.logShading)
        #expect(app.scenarioNotes == "a lesson about scaling")
        #expect(app.notice?.contains("standardised") == true)

        press(.character("N"), &app)
        let raw = try #require(app.race.surface as? DataSurface)
        #expect(!raw.normalize)
        #expect(abs(app.race.start.x - 50) < 1e-9 && abs(app.race.start.y + 20) < 1e-9)
        #expect(app.logShading)
    }

    @Test func mSwitchesLogregsLossKeepingStartViewAndRates() throws {
        var app = try state(on: try DataSurface(model: .logisticRegression), start: Vector2(-5, 8), specs: ["gd:lr=1", "adam"])
        app.apply(.zoomIn)
        let view = app.view
        let rates = app.race.racers.map(\.currentSpec.learningRate)
        for _ in 0..<3 { app.apply(.stepOnce) }
        #expect(press(.character("M"), &app) == .toggleLoss)

        let surface = try #require(app.race.surface as? DataSurface)
        #expect(surface.loss == .mse)
        #expect(app.race.start == Vector2(-5, 8))
        #expect(app.view == view)
        #expect(app.race.racers.map(\.currentSpec.learningRate) == rates)
        #expect(app.stepCount == 0)
        // Squared error after the sigmoid at (w, b) = (−5, 8), from the examples by hand.
        let data = DataSet.twoClasses
        let expected = zip(data.xs, data.ys).reduce(0.0) { total, example in
            let p = 1 / (1 + Math.exp(-(-5 * example.0 + 8)))
            return total + (p - example.1) * (p - example.1)
        } / Double(data.count)
        #expect(abs(app.race.racers[0].loss - expected) < 1e-12)

        press(.character("M"), &app)
        #expect((app.race.surface as? DataSurface)?.loss == .bce)
    }

    @Test func onOtherSurfacesTheKeysSaySoAndChangeNothing() throws {
        var app = try makeState()
        let before = app.race.surface.identity
        press(.character("N"), &app)
        #expect(app.race.surface.identity == before)
        #expect(app.notice?.contains("data surface") == true)
        press(.character("M"), &app)
        #expect(app.race.surface.identity == before)
        #expect(app.notice?.contains("logreg") == true)

        // A minibatch racer moved to a surface without examples trains on the full gradient, and is told so.
        var batched = try state(on: try DataSurface(model: .linearRegression), start: .zero, specs: ["gd:lr=0.1,batch=4", "adam"])
        #expect(batched.race.racers[0].sampler != nil)
        batched.apply(.chooseSurface("bowl"))
        #expect(batched.race.racers[0].sampler == nil)
        #expect(batched.notice == "batch= needs a data surface: gd use the full gradient here")

        var linear = try state(on: try DataSurface(model: .linearRegression), start: .zero, specs: ["gd"])
        press(.character("M"), &linear)
        #expect((linear.race.surface as? DataSurface)?.loss == .mse)
        #expect(linear.notice?.contains("logreg") == true)
    }
}

/// The panel of a minibatch racer on a surface with a validation split.
@Suite struct DataSurfacePanelTests {
    @Test func theFullLossTheValidationLossAndTheMinibatchLossAreAllShown() throws {
        let surface = try DataSurface(model: .linearRegression, normalize: true, validation: 0.25)
        let race = Race(surface: surface, start: Vector2(2, 30), optimizers: [try OptimizerSpec(parsing: "gd:lr=0.1,batch=4")],
                        rules: StopRules(maxSteps: 500))
        var state = AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: false)
        for _ in 0..<3 { state.apply(.stepOnce) }
        let p = state.race.racers[0].currentPoint
        func mse(_ xs: [Double], _ ys: [Double]) -> Double {
            zip(xs, ys).reduce(0) { $0 + (p.x * $1.0 + p.y - $1.1) * (p.x * $1.0 + p.y - $1.1) } / Double(xs.count)
        }
        let text = FrameComposer().compose(state).plainText
        #expect(text.contains("step 3  loss \(NumberFormat.compact(mse(surface.trainingX, surface.trainingY)))  val \(NumberFormat.compact(mse(surface.validationX, surface.validationY)))"))
        // The minibatch's loss differs from the full one (4 of 36 examples) and has its own place.
        let batch = try #require(text.split(separator: "\n").first { $0.contains("batch ") && $0.contains("|∇f|") })
        #expect(!batch.contains("batch \(NumberFormat.compact(mse(surface.trainingX, surface.trainingY)))  |∇f|"))
    }
}

/// `S`: the learning-rate sweep of the selected optimizer, and Enter applying its best rate as a change by hand.
@Suite struct SweepOverlayTests {
    @Test func sShowsTheSweepAndEnterSetsTheBestRate() throws {
        var app = try makeState(["gd:lr=0.01", "adam"], start: Vector2(-2.5, 2))
        #expect(press(.character("S"), &app) == .openSweep)
        // The sweep is asked of the shell, which runs it off the main thread and sends its trials back.
        #expect(app.overlay == .sweepRunning(racer: 0))
        let request = try #require(app.sweepRequest)
        #expect(FrameComposer().compose(app).plainText.contains("0 of 16 done"))
        app = reduce(app, .sweepProgressed(serial: request.serial, done: 3))
        #expect(FrameComposer().compose(app).plainText.contains("3 of 16 done"))
        app = reduce(app, .sweepComputed(serial: request.serial, trials: try #require(request.run())))
        #expect(app.sweepRequest == nil)
        guard case let .sweep(racer, trials, best) = app.overlay else { Issue.record("\(app.overlay)"); return }
        #expect(racer == 0)
        #expect(trials.map(\.learningRate) == LearningRateSweep.rates(in: 1e-4...10, points: .oneTwoFive))
        // On the bowl, gd at 0.5 lands on the minimum in one step: θ₁ = (1 − 2 · 0.5) θ₀ = 0.
        let chosen = try #require(best)
        #expect(trials[chosen].learningRate == 0.5 && trials[chosen].status == .converged(step: 1))
        #expect(FrameComposer().compose(app).plainText.contains("◀ best"))
        press(.enter, &app)
        #expect(app.overlay == .none)
        #expect(app.race.racers[0].currentSpec.learningRate == 0.5)
        #expect(app.handSetRates.contains(app.race.racers[0].id))
        // Esc closes without a change.
        press(.character("S"), &app)
        let second = try #require(app.sweepRequest)
        app = reduce(app, .sweepComputed(serial: second.serial, trials: try #require(second.run())))
        press(.escape, &app)
        #expect(app.overlay == .none && app.race.racers[0].currentSpec.learningRate == 0.5)
    }

    @Test func escStopsARunningSweepAndItsLateTrialsAreDropped() throws {
        var app = try makeState(["gd:lr=0.01"], start: Vector2(-2.5, 2))
        press(.character("S"), &app)
        let first = try #require(app.sweepRequest)
        press(.escape, &app)
        #expect(app.overlay == .none && app.sweepRequest == nil)
        // Trials that arrive after Esc, or for an older request than the one running, change nothing.
        let trials = try #require(first.run())
        app = reduce(app, .sweepComputed(serial: first.serial, trials: trials))
        #expect(app.overlay == .none)
        press(.character("S"), &app)
        let second = try #require(app.sweepRequest)
        #expect(second.serial != first.serial)
        app = reduce(app, .sweepComputed(serial: first.serial, trials: trials))
        #expect(app.overlay == .sweepRunning(racer: 0) && app.sweepRequest == second)
        // While it runs, q still quits.
        #expect(press(.character("q"), &app) == .quit)
    }
}

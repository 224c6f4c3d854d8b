import Testing
@testable import DescentCore

private typealias Rosenbrock = SecondOrderTestSurfaces.Rosenbrock
private typealias Ravine = SecondOrderTestSurfaces.Ravine

private func spec(_ text: String) throws -> OptimizerSpec { try OptimizerSpec(parsing: text) }

@Suite struct CoordinateDescentTests {
    @Test func firstTwoStepsOnRosenbrockByHand() throws {
        // Step 1 moves x only: −1.2 − 0.001 · (−215.6) = −0.9844.
        // Step 2 moves y only: ∂f/∂y = 200 (1 − 0.9844²) = 6.191328, so y = 1 − 0.006191328.
        var race = Race(surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec("coordinate:lr=0.001")])
        race.run(steps: 2)
        let points = race.racers[0].points
        #expect(abs(points[1].x - -0.9844) <= 1e-12)
        #expect(points[1].y == 1)
        #expect(points[2].x == points[1].x)
        #expect(abs(points[2].y - 0.993808672) <= 1e-12)
    }

    @Test func everyStepMovesAlongOneAxisInTurn() throws {
        // Along one axis f is a parabola of curvature Aᵢᵢ = 10.5, so γ = 0.05 < 2 / 10.5 lowers f every step.
        let surface = Ravine()
        var race = Race(surface: surface, start: Vector2(2.5, -1.5), optimizers: [try spec("coordinate:lr=0.05")])
        race.run(steps: 40)
        let points = race.racers[0].points
        #expect(points.count == 41)
        for t in 1..<points.count {
            #expect(surface.value(at: points[t]) < surface.value(at: points[t - 1]), "step \(t)")
            let move = points[t] - points[t - 1]
            if t % 2 == 1 {
                #expect(move.y == 0 && move.x != 0, "step \(t)")
            } else {
                #expect(move.x == 0 && move.y != 0, "step \(t)")
            }
        }
    }

    @Test func acceptsALearningRateSchedule() throws {
        // Exponential schedule with q = 0.5: step 2 uses γ = 0.1 · 0.5.
        let surface = Rosenbrock()
        let optimizerSpec = try spec("coordinate:lr=0.1,schedule=exponential,gamma=0.5")
        #expect(optimizerSpec.descriptor.acceptsSchedule)
        var race = Race(surface: surface, start: Vector2(0.5, 0.5), optimizers: [optimizerSpec])
        race.run(steps: 2)
        let points = race.racers[0].points
        let expectedY = points[1].y - 0.05 * surface.gradient(at: points[1]).y
        #expect(abs(points[2].y - expectedY) <= 1e-15)
    }
}

@Suite struct RandomSearchTests {
    @Test func neverIncreasesTheLoss() throws {
        let surface = Rosenbrock()
        var race = Race(
            surface: surface, start: Vector2(-1.2, 1), optimizers: [try spec("random-search")],
            rules: StopRules(gradientTolerance: 0, maxSteps: 300), seed: 11)
        race.runToEnd()
        let losses = race.racers[0].points.map { surface.value(at: $0) }
        #expect(losses.count == 301)
        for t in 1..<losses.count { #expect(losses[t] <= losses[t - 1], "step \(t)") }
        #expect(losses.last! < losses[0] / 2)
    }

    @Test func stepMovesToTheBestOfTheSeededSamples() throws {
        // Reproduce step 1 from the same generator: K samples θ + σ ξ, keep the lowest f.
        let surface = Rosenbrock(), p = Vector2(-1.2, 1)
        var generator = SeededGenerator(seed: 5)
        var best = p
        for _ in 0..<7 {
            let candidate = p + 0.3 * generator.nextNormal2()
            if surface.value(at: candidate) < surface.value(at: best) { best = candidate }
        }
        #expect(best != p)

        var optimizer = try spec("random-search:samples=7,radius=0.3,seed=5").makeOptimizer(runSeed: 99)
        let context = StepContext(point: p, gradient: surface.gradient(at: p), iteration: 1, learningRate: 1)
        #expect(optimizer.step(context, on: surface) == .moved(to: best))
    }

    @Test func staysWhenNoSampleIsLower() throws {
        let surface = Bowl(), p = Vector2(0, 0)
        var optimizer = try spec("random-search").makeOptimizer(runSeed: 3)
        let context = StepContext(point: p, gradient: surface.gradient(at: p), iteration: 1, learningRate: 1)
        #expect(optimizer.step(context, on: surface) == .moved(to: p))
    }

    @Test func sameSeedGivesTheSameTrajectory() throws {
        func trajectory(seed: UInt64, spec text: String = "random-search") throws -> [Vector2] {
            var race = Race(
                surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec(text)],
                rules: StopRules(gradientTolerance: 0, maxSteps: 100), seed: seed)
            race.runToEnd()
            return race.racers[0].points
        }
        #expect(try trajectory(seed: 42) == trajectory(seed: 42))
        #expect(try trajectory(seed: 42) != trajectory(seed: 43))
        #expect(try trajectory(seed: 1, spec: "random-search:seed=42") == trajectory(seed: 42))
    }
}

@Suite struct DerivativeFreeCatalogTests {
    @Test func bothMethodsAreRegistered() throws {
        #expect(OptimizerCatalog.derivativeFree.map(\.name) == ["random-search", "coordinate"])
        let randomSearch = try OptimizerCatalog.descriptor(named: "random-search")
        #expect(randomSearch.family == .derivativeFree)
        #expect(randomSearch.usesRandomness)
        #expect(!randomSearch.hasLearningRate)
        let coordinate = try OptimizerCatalog.descriptor(named: "coordinate")
        #expect(coordinate.family == .firstOrder)
        #expect(!coordinate.usesRandomness)
        for descriptor in [randomSearch, coordinate] {
            #expect(!descriptor.rule.isEmpty && !descriptor.lesson.isEmpty && !descriptor.lesson.contains("\n"))
        }
    }

    @Test func specsParse() throws {
        let randomSearch = try spec("random-search:samples=5,radius=0.5,seed=3")
        #expect(randomSearch.values[.samples] == 5)
        #expect(randomSearch.values[.radius] == 0.5)
        #expect(randomSearch.hasOwnSeed)
        #expect(try spec("random-search").values[.samples] == 20)
        #expect(try spec("random-search").values[.radius] == 0.1)
        #expect(try spec("coordinate").learningRate == 0.01)
        #expect(try spec("coordinate:lr=0.2").learningRate == 0.2)
        for bad in ["random-search:samples=0", "random-search:radius=0", "random-search:lr=0.1", "coordinate:lr=-1"] {
            #expect(throws: DescentError.self, "\(bad)") { try spec(bad) }
        }
    }
}

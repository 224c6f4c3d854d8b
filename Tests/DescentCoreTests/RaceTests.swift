import Testing
@testable import DescentCore

@Suite struct RaceTests {
    @Test func gdOnBowlConvergesForSmallLearningRate() throws {
        var race = Race(surface: Bowl(), start: Vector2(1, 1), optimizers: [try OptimizerSpec(parsing: "gd:lr=0.1")], rules: StopRules(maxSteps: 10_000))
        race.runToEnd()
        #expect(race.racers[0].status.label == "converged")
    }
}

@Suite struct RaceSteppingTests {
    /// One step at a time (the visualizer's `n`), chunks of steps (ticks) and one long run agree to the last bit.
    @Test(arguments: ["gd:lr=0.001", "sgd:lr=0.001,seed=3", "adam:lr=0.01", "rmsprop:lr=0.001,centered=true,momentum=0.5", "bfgs", "random-search:seed=9"])
    func steppingChunkingAndRunningGiveTheSameTrajectory(_ text: String) throws {
        let spec = try OptimizerSpec(parsing: text)
        let rules = StopRules(gradientTolerance: 0, maxSteps: 300)
        var single = Race(surface: Rosenbrock(), optimizers: [spec], rules: rules, seed: 5)
        for _ in 0..<300 { single.step() }
        var chunked = Race(surface: Rosenbrock(), optimizers: [spec], rules: rules, seed: 5)
        for chunk in [1, 7, 64, 65, 3, 100, 60] { chunked.run(steps: chunk) }
        var whole = Race(surface: Rosenbrock(), optimizers: [spec], rules: rules, seed: 5)
        whole.runToEnd()
        #expect(single.racers[0].points == whole.racers[0].points)
        #expect(chunked.racers[0].points == whole.racers[0].points)
        #expect(single.racers[0].status == whole.racers[0].status)
    }
}

@Suite struct ContractTests {
    /// Gradient descent on the bowl: x ← (1 − 2 lr) x — converges for lr < 1, diverges (reported, not crashed) for lr > 1.
    @Test(arguments: [0.05, 0.3, 0.5, 0.7, 0.95])
    func gdOnTheBowlConvergesBelowOne(_ lr: Double) throws {
        var race = Race(surface: Bowl(), start: Vector2(2, -1), optimizers: [try OptimizerSpec(parsing: "gd:lr=\(lr)")],
                        rules: StopRules(maxSteps: 100_000))
        race.runToEnd()
        #expect(race.racers[0].status.label == "converged")
        #expect(race.racers[0].gradient.length <= 1e-6)
    }

    @Test(arguments: [1.05, 1.5, 3.0, 100.0])
    func gdOnTheBowlDivergesAboveOne(_ lr: Double) throws {
        var race = Race(surface: Bowl(), start: Vector2(2, -1), optimizers: [try OptimizerSpec(parsing: "gd:lr=\(lr)")],
                        rules: StopRules(maxSteps: 100_000))
        race.runToEnd()
        guard case let .diverged(step) = race.racers[0].status else {
            Issue.record("lr \(lr): \(race.racers[0].status)")
            return
        }
        #expect(step < 100_000)
        #expect(race.racers[0].points.allSatisfy { $0.isFinite })
        #expect(race.racers[0].loss.isFinite)
    }

    /// On the built-in ravine, cg and bfgs bring |∇f| below 1e-8 within 10 iterations; gd needs hundreds.
    @Test func conjugateGradientAndBFGSBeatGradientDescentOnTheRavine() throws {
        let rules = StopRules(gradientTolerance: 1e-8, maxSteps: 10_000)
        var race = Race(surface: Ravine(), optimizers: try ["cg", "bfgs", "gd"].map { try OptimizerSpec(parsing: $0) }, rules: rules)
        race.runToEnd()
        for racer in race.racers.prefix(2) {
            guard case let .converged(step) = racer.status else { Issue.record("\(racer.name): \(racer.status)"); continue }
            #expect(step <= 10, "\(racer.name) took \(step)")
        }
        guard case let .converged(gdSteps) = race.racers[2].status else { Issue.record("gd: \(race.racers[2].status)"); return }
        #expect(gdSteps >= 200)
    }

    /// The same seed gives the same trajectory; another seed another one (sgd and random-search draw numbers).
    @Test func theSameSeedGivesTheSameTrajectory() throws {
        let specs = try ["sgd:lr=0.001", "random-search"].map { try OptimizerSpec(parsing: $0) }
        func run(seed: UInt64) -> [[Vector2]] {
            var race = Race(surface: Rosenbrock(), optimizers: specs, rules: StopRules(maxSteps: 200), seed: seed)
            race.runToEnd()
            return race.racers.map(\.points)
        }
        #expect(run(seed: 11) == run(seed: 11))
        let other = run(seed: 12)
        let first = run(seed: 11)
        #expect(other[0] != first[0] && other[1] != first[1])
    }

    /// Sizes that would make one step last forever are refused when the spec is parsed.
    @Test func unboundedSizesAreRefused() {
        #expect(throws: DescentError.invalidValue(what: "random-search samples", value: "2000000000", requirement: "must be ≤ 100000")) {
            try OptimizerSpec(parsing: "random-search:samples=2000000000")
        }
        #expect(throws: DescentError.self) { try OptimizerSpec(parsing: "lbfgs:history=10000000") }
    }

    /// A start beyond the bound, or where f is not finite, has diverged before the first step.
    @Test func aStartOutsideTheBoundHasDivergedAtStepZero() throws {
        for start in [Vector2(1e7, 0), Vector2(0, -2e6), Vector2(1e200, 1e200)] {
            let race = Race(surface: Bowl(), start: start, optimizers: [try OptimizerSpec(parsing: "gd")])
            #expect(race.racers[0].status == .diverged(step: 0), "\(start)")
            #expect(!race.isRunning)
        }
    }
}

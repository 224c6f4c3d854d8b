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

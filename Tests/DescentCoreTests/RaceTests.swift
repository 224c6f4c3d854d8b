import Testing
@testable import DescentCore

@Suite struct RaceTests {
    @Test func gdOnBowlConvergesForSmallLearningRate() throws {
        var race = Race(surface: Bowl(), start: Vector2(1, 1), optimizers: [try OptimizerSpec(parsing: "gd:lr=0.1")], rules: StopRules(maxSteps: 10_000))
        race.runToEnd()
        #expect(race.racers[0].status.label == "converged")
    }
}

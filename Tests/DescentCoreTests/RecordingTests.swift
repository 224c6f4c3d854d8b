import Testing
@testable import DescentCore

/// What a run keeps does not change the run: the same iterates, losses and statuses under every policy.
@Suite struct RecordingTests {
    static let specs = ["gd:lr=0.001", "sgd:lr=0.001,seed=3", "adam:lr=0.01", "rmsprop:lr=0.001,momentum=0.5", "random-search:seed=9"]

    private func race(_ spec: String, _ recording: Recording, steps: Int = 300) throws -> Race {
        var race = Race(surface: Rosenbrock(), optimizers: [try OptimizerSpec(parsing: spec)],
                        rules: StopRules(gradientTolerance: 0, maxSteps: steps), seed: 5, recording: recording)
        for chunk in [1, 7, 64, 65, 3, 100, 60] { race.run(steps: chunk) }
        return race
    }

    @Test(arguments: specs)
    func everyKthStepKeepsTheIteratesOnItsGridAndEndsWhereEveryStepEnds(_ spec: String) throws {
        let all = try race(spec, .everyStep).racers[0]
        let thinned = try race(spec, .every(7)).racers[0]
        #expect(all.stepCount == 300)
        #expect(thinned.stepCount == all.stepCount)
        #expect(thinned.currentPoint == all.currentPoint)
        #expect(thinned.status == all.status)
        #expect(thinned.points == stride(from: 0, through: 300, by: 7).map { all.points[$0] })
        #expect(thinned.keptSteps == Array(stride(from: 0, through: 300, by: 7)) + [300])
        #expect(thinned.point(atStep: 294) == all.points[294])
        #expect(thinned.point(atStep: 300) == all.points[300])
    }

    @Test(arguments: specs)
    func endOnlyKeepsOnePointAndEndsWhereEveryStepEnds(_ spec: String) throws {
        let all = try race(spec, .everyStep).racers[0]
        let end = try race(spec, .endOnly).racers[0]
        #expect(end.points == [all.points[300]])
        #expect(end.firstKeptStep == 300)
        #expect(end.currentPoint == all.currentPoint)
        #expect(end.loss == all.loss)
        #expect(end.evaluations == all.evaluations)
        #expect(end.status == all.status)
    }

    /// A run that stops early (here gd diverging on the bowl at lr 1.5) stops at the same step under each policy.
    @Test func aStoppedRunStopsAtTheSameStepUnderEveryPolicy() throws {
        func end(_ recording: Recording) throws -> Racer {
            var race = Race(surface: Bowl(), start: Vector2(1, 1), optimizers: [try OptimizerSpec(parsing: "gd:lr=1.5")],
                            rules: StopRules(maxSteps: 10_000), recording: recording)
            race.runToEnd()
            return race.racers[0]
        }
        let all = try end(.everyStep)
        // |1 − 2·1.5| = 2: |θ| doubles a step, and passes the bound 1e6 at step 20 (2²⁰ > 1e6 > 2¹⁹).
        #expect(all.status == .diverged(step: 20))
        for recording in [Recording.every(3), .endOnly] {
            let other = try end(recording)
            #expect(other.status == all.status)
            #expect(other.currentPoint == all.currentPoint)
        }
    }

    /// A run reserves room for a few thousand iterates, not for its whole step limit.
    @Test func aLongStepLimitDoesNotReserveItsWholeTrajectory() throws {
        let race = Race(surface: Bowl(), optimizers: [try OptimizerSpec(parsing: "gd")], rules: StopRules(maxSteps: 100_000))
        #expect(race.racers[0].points.capacity < 10_000)
        let map = Race(surface: Bowl(), optimizers: [try OptimizerSpec(parsing: "gd")], rules: StopRules(maxSteps: 100_000), recording: .endOnly)
        #expect(map.racers[0].points.capacity < 10)
    }
}

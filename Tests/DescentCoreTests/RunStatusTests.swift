import DescentCore
import Testing

/// Statuses that tell the truth: where a run stopped, why, and what it cost.
@Suite struct RunStatusTests {
    func spec(_ text: String) throws -> OptimizerSpec { try OptimizerSpec(parsing: text) }

    @Test func newtonNearAMaximumStopsAtAMaximum() throws {
        // Himmelblau's maximum near (−0.2708, −0.9230): Newton jumps to the stationary point of the local
        // quadratic model, which near the maximum is the maximum; there H is negative definite.
        var race = Race(surface: Himmelblau(), start: Vector2(-0.3, -0.9), optimizers: [try spec("newton")])
        race.runToEnd()
        let racer = race.racers[0]
        #expect(racer.status.label == "maximum")
        #expect(racer.status.summary.hasPrefix("stopped at a maximum at step"))
        #expect((racer.currentPoint - Vector2(-0.2708445906673476, -0.9230385564799815)).length < 1e-6)
    }

    @Test func aMinimumIsStillConverged() throws {
        var race = Race(surface: Bowl(), start: Vector2(1, 1), optimizers: [try spec("newton"), try spec("gd:lr=0.1")])
        race.runToEnd()
        #expect(race.racers[0].status == .converged(step: 1))
        #expect(race.racers[1].status.label == "converged")
    }

    @Test func divergenceWinsOverStalling() throws {
        // gd at lr = 1.5 on the bowl: every step multiplies θ by −2, so the loss grows by 4 each step.
        // With patience 3 the stall rule fires at step 3, long before |θ| reaches the bound; the loss is
        // then far above where it started, so the run diverged.
        let rules = StopRules(patience: 3, maxSteps: 1000)
        var race = Race(surface: Bowl(), start: Vector2(1, 0), optimizers: [try spec("gd:lr=1.5")], rules: rules)
        race.runToEnd()
        #expect(race.racers[0].status == .diverged(step: 3))
        // A run that stops improving without rising above its start is stalled: gd at lr = 1 on the bowl
        // jumps from (1, 0) to (−1, 0) and back, and the loss stays 1.
        var flat = Race(surface: Bowl(), start: Vector2(1, 0), optimizers: [try spec("gd:lr=1")], rules: rules)
        flat.runToEnd()
        #expect(flat.racers[0].status == .stalled(step: 3))
    }

    @Test func evaluationsCountWhatEachMethodAskedFor() throws {
        let rules = StopRules(maxSteps: 20)
        var race = Race(surface: Rosenbrock(), start: Vector2(-1.2, 1),
                        optimizers: [try spec("gd:lr=0.001"), try spec("random-search:samples=7"), try spec("newton"),
                                     try spec("bfgs")], rules: rules)
        race.runToEnd()
        let (gd, random, newton, bfgs) = (race.racers[0], race.racers[1], race.racers[2], race.racers[3])
        // gd: f and ∇f at the start, then once a step.
        #expect(gd.evaluations == 1 + gd.stepCount)
        // random search: besides the run's own evaluation, f at θ and at each of its 7 samples a step.
        #expect(random.evaluations == 1 + random.stepCount * (1 + 1 + 7))
        // newton: one Hessian a step besides.
        #expect(newton.evaluations == 1 + newton.stepCount * 2)
        // bfgs: f at θ and every trial point of its line search, counted here independently by replaying
        // its steps one at a time and adding up the trials.
        var replay = Race(surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec("bfgs")], rules: rules)
        var expected = 1
        while replay.isRunning {
            replay.step()
            let racer = replay.racers[0]
            expected += 1 + 1 + racer.optimizer.lastTrialPoints.count
        }
        #expect(bfgs.evaluations == expected)
        #expect(bfgs.evaluations > 2 * (1 + bfgs.stepCount))
    }
}

import Testing
@testable import DescentCore

/// θ₀, θ₁, …, θ_count of `spec` on the bowl x² + y² from its default start (−2.5, 2), run through `Race`.
private func bowlTrajectory(_ spec: OptimizerSpec, steps count: Int) throws -> [Vector2] {
    var race = Race(surface: Bowl(), optimizers: [spec], rules: StopRules(gradientTolerance: 0, maxSteps: count))
    race.runToEnd()
    try #require(race.racers[0].status == .finished(step: count), "\(spec.text): \(race.racers[0].status.summary)")
    return race.racers[0].points
}

private func expectRelative(_ actual: Double, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(actual - expected) <= 1e-15 * abs(expected), "\(actual), expected \(expected)", sourceLocation: sourceLocation)
}

@Suite struct ScheduleTests {
    /// γₜ at t = 1, 2, k, k + 1 with k = 3 (the step schedule's period) and lr = 0.1.
    private func rates(_ schedule: LearningRateSchedule) -> [Double] {
        [1, 2, 3, 4].map { schedule.rate(base: 0.1, iteration: $0) }
    }

    @Test func constantKeepsTheBaseRate() {
        #expect(rates(.constant) == [0.1, 0.1, 0.1, 0.1])
    }

    @Test func stepMultipliesByGammaEveryKSteps() {
        // γₜ = lr · q^⌊(t−1)/k⌋: steps 1…k use lr, step k + 1 the first reduced rate.
        let schedule = LearningRateSchedule.step(every: 3, gamma: 0.5)
        #expect(rates(schedule) == [0.1, 0.1, 0.1, 0.05])
        #expect(schedule.rate(base: 0.1, iteration: 6) == 0.05)
        #expect(schedule.rate(base: 0.1, iteration: 7) == 0.025)
    }

    @Test func exponentialMultipliesByGammaEveryStep() {
        // γₜ = lr · q^(t−1)
        let actual = rates(.exponential(gamma: 0.9))
        for (rate, expected) in zip(actual, [0.1, 0.09, 0.081, 0.0729]) { expectRelative(rate, expected) }
    }

    @Test func inverseTimeDividesByOnePlusDecayTimesSteps() {
        // γₜ = lr / (1 + d (t − 1))
        let actual = rates(.inverseTime(decay: 0.5))
        for (rate, expected) in zip(actual, [0.1, 0.1 / 1.5, 0.05, 0.04]) { expectRelative(rate, expected) }
    }

    @Test func parsedStepScheduleMovesTheBowlByTheScheduledRates() throws {
        let spec = try OptimizerSpec(parsing: "gd:lr=0.1,schedule=step,step_size=2,gamma=0.5")
        #expect(spec.schedule == .step(every: 2, gamma: 0.5))
        // On x² + y², gd maps θ to θ (1 − 2γₜ); γ = 0.1, 0.1, 0.05, 0.05, 0.025.
        let points = try bowlTrajectory(spec, steps: 5)
        let expected: [(Double, Double)] = [(-2.5, 2), (-2, 1.6), (-1.6, 1.28), (-1.44, 1.152), (-1.296, 1.0368), (-1.2312, 0.98496)]
        for (point, (x, y)) in zip(points, expected) {
            #expect(abs(point.x - x) <= 1e-12 && abs(point.y - y) <= 1e-12, "\(point), expected (\(x), \(y))")
        }
        var race = Race(surface: Bowl(), optimizers: [spec])
        race.run(steps: 1)
        #expect((1...5).map { race.racers[0].learningRate(forStep: $0) } == [0.1, 0.1, 0.05, 0.05, 0.025])
    }

    @Test func parsedInverseTimeScheduleMovesTheBowlByTheScheduledRates() throws {
        let spec = try OptimizerSpec(parsing: "gd:lr=0.1,schedule=inverse-time,decay=1")
        #expect(spec.schedule == .inverseTime(decay: 1))
        // γ = 0.1, 0.05, 0.1/3: factors 0.8, 0.9, 1 − 0.2/3.
        let points = try bowlTrajectory(spec, steps: 3)
        let x3 = -2.5 * 0.8 * 0.9 * (1 - 0.2 / 3)
        #expect(abs(points[3].x - x3) <= 1e-12)
        #expect(abs(points[3].y - 2 * 0.8 * 0.9 * (1 - 0.2 / 3)) <= 1e-12)
    }

    @Test func exponentialScheduleDefaultsToGammaPointNineNine() throws {
        #expect(try OptimizerSpec(parsing: "gd:schedule=exponential").schedule == .exponential(gamma: 0.99))
        #expect(try OptimizerSpec(parsing: "gd:schedule=exponential,gamma=0.5").schedule == .exponential(gamma: 0.5))
        #expect(try OptimizerSpec(parsing: "gd:lr=0.1").schedule == .constant)
    }

    /// Every first-order method takes γ from the context: a race with a schedule equals stepping
    /// the optimizer by hand with γₜ = lr · 0.5^(t−1).
    @Test(arguments: ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam"])
    func everyFirstOrderMethodUsesTheScheduledRate(name: String) throws {
        let spec = try OptimizerSpec(parsing: "\(name):lr=0.05,schedule=exponential,gamma=0.5")
        let points = try bowlTrajectory(spec, steps: 4)
        var optimizer = spec.makeOptimizer(runSeed: 0)
        var point = Bowl().defaultStart
        var rate = 0.05
        for t in 1...4 {
            // sgd's noise is the racer's, added to the gradient it gives the step.
            let noise = spec.gradientNoise(runSeed: 0)?.offset(forStep: t) ?? .zero
            let context = StepContext(point: point, gradient: 2 * point + noise, iteration: t, learningRate: rate)
            guard case let .moved(next) = optimizer.step(context, on: Bowl()) else {
                Issue.record("\(name) failed at step \(t)")
                return
            }
            point = next
            #expect(points[t] == point, "\(name) step \(t)")
            rate *= 0.5
        }
        // The schedule mattered: a constant rate goes elsewhere.
        let constant = try bowlTrajectory(OptimizerSpec(parsing: "\(name):lr=0.05"), steps: 4)
        #expect(constant[4] != points[4])
    }

    @Test func invalidScheduleValuesAreRejected() {
        #expect(throws: DescentError.invalidValue(what: "gd step_size", value: "0", requirement: "must be ≥ 1")) {
            try OptimizerSpec(parsing: "gd:schedule=step,step_size=0")
        }
        #expect(throws: DescentError.invalidValue(what: "adam gamma", value: "0", requirement: "must be > 0")) {
            try OptimizerSpec(parsing: "adam:schedule=exponential,gamma=0")
        }
        let error = #expect(throws: DescentError.self) { try OptimizerSpec(parsing: "gd:schedule=steps") }
        #expect(error?.description.contains("did you mean 'step'") == true)
    }
}

import Testing
@testable import DescentCore

/// Polyak averaging (`average=true`): θ̄ₜ = (θ₁ + … + θₜ)/t, checked against the mean of the recorded
/// iterates, under every recording policy, and against its use — noise averaged away.
@Suite struct AveragingTests {
    static func race(_ spec: String, surface: any Surface = Bowl(), steps: Int = 500, recording: Recording = .everyStep,
                     chunks: [Int] = [1, 7, 64, 65, 3, 100, 60, 200]) throws -> Race {
        var race = Race(surface: surface, optimizers: [try OptimizerSpec(parsing: spec)],
                        rules: StopRules(gradientTolerance: 0, maxSteps: steps), seed: 11, recording: recording)
        for chunk in chunks { race.run(steps: chunk) }
        return race
    }

    @Test(arguments: ["sgd:lr=0.05,noise=2,average=true", "adam:lr=0.1,average=true", "momentum:lr=0.01,average=true", "newton:average=true"])
    func theAverageIsTheMeanOfTheIteratesAfterEachStep(_ spec: String) throws {
        let racer = try Self.race(spec, surface: Rosenbrock()).racers[0]
        #expect(racer.averages)
        let t = racer.stepCount
        #expect(t > 0)
        // The mean of θ₁ … θₜ, summed afresh in the order taken.
        var sum = Vector2.zero
        for k in 1...t { sum += racer.points[k] }
        let mean = sum / Double(t)
        let scale = max(1, mean.length)
        #expect((racer.averagePoint - mean).length <= 1e-12 * scale, "\(racer.averagePoint) against \(mean)")
        // And at every recorded step k, the mean of θ₁ … θ_k (θ₀ at step 0).
        #expect(racer.averagePoint(atStep: 0) == racer.points[0])
        var running = Vector2.zero
        for k in 1...t {
            running += racer.points[k]
            let expected = running / Double(k)
            #expect((racer.averagePoint(atStep: k) - expected).length <= 1e-12 * max(1, expected.length), "step \(k)")
        }
    }

    @Test func averagingChangesNothingOfTheRunAndEveryRecordingAgrees() throws {
        let plain = try Self.race("sgd:lr=0.05,noise=2").racers[0]
        let averaged = try Self.race("sgd:lr=0.05,noise=2,average=true").racers[0]
        #expect(plain.points == averaged.points)
        #expect(plain.status == averaged.status)
        #expect(!plain.averages && plain.averagePoints.isEmpty && plain.averagePoint == plain.currentPoint)
        let thinned = try Self.race("sgd:lr=0.05,noise=2,average=true", recording: .every(7)).racers[0]
        let end = try Self.race("sgd:lr=0.05,noise=2,average=true", recording: .endOnly).racers[0]
        #expect(thinned.averagePoint == averaged.averagePoint && end.averagePoint == averaged.averagePoint)
        #expect(thinned.averagePoints == stride(from: 0, through: 500, by: 7).map { averaged.averagePoints[$0] })
        #expect(end.averagePoints == [averaged.averagePoint])
    }

    @Test(arguments: [0, 1, 2, 3] as [UInt64])
    func onNoisySGDTheAverageEndsNearerTheMinimumThanTheLastIterate(seed: UInt64) throws {
        // sgd with σ = 2 on x² + y² bounces around (0, 0) with spread ~ σ √(γ / (4 − 4γ)) ≈ 0.23 per coordinate;
        // the average of 2000 such iterates is far nearer.
        var race = Race(surface: Bowl(), optimizers: [try OptimizerSpec(parsing: "sgd:lr=0.05,noise=2,average=true")],
                        rules: StopRules(gradientTolerance: 0, maxSteps: 2000), seed: seed, recording: .endOnly)
        race.runToEnd()
        let racer = race.racers[0]
        #expect(racer.averagePoint.length < racer.currentPoint.length, "seed \(seed): θ̄ \(racer.averagePoint), θ \(racer.currentPoint)")
        #expect(Bowl().value(at: racer.averagePoint) < 0.01, "seed \(seed)")
    }

    @Test func aRestartStartsTheAverageAgain() throws {
        var race = try Self.race("gd:lr=0.1,average=true")
        race.reset(start: Vector2(1, -1))
        #expect(race.racers[0].averagePoint == Vector2(1, -1))
        race.run(steps: 1)
        // One gd step on the bowl: θ₁ = (1 − 2γ) θ₀ = 0.8 θ₀, and θ̄₁ = θ₁.
        #expect(race.racers[0].averagePoint == race.racers[0].currentPoint)
        #expect(abs(race.racers[0].averagePoint.x - 0.8) < 1e-15)
    }
}

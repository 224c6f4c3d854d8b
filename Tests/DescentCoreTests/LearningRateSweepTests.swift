import DescentCore
import Testing

/// The learning-rate sweep, checked against gradient descent on the bowl worked by hand:
/// θₖ = (1 − 2γ)ᵏ θ₀, so γ < 1 converges, γ = 1 bounces between ±θ₀ forever and γ > 1 diverges.
@Suite struct LearningRateSweepTests {
    @Test func theRatesArePowersOfTenAndOptionallyTwoAndFiveInsideTheRange() {
        #expect(LearningRateSweep.rates(in: 1e-4...1, points: .decades) == [1e-4, 1e-3, 1e-2, 0.1, 1])
        #expect(LearningRateSweep.rates(in: 0.015...0.6, points: .oneTwoFive) == [0.02, 0.05, 0.1, 0.2, 0.5])
        #expect(LearningRateSweep.rates(in: 0.3...0.4, points: .decades).isEmpty)
        #expect(LearningRateSweep.rates(in: 2e-3...2e-3, points: .oneTwoFive) == [0.002])
    }

    @Test func gdOnTheBowlMarksTheBestAndTheDivergingRates() throws {
        let start = Vector2(-2.5, 2)
        let scenario = Scenario(surface: Bowl(), optimizers: [RaceEntry(spec: try OptimizerSpec(parsing: "gd"))], start: start, steps: 1000)
        let trials = try LearningRateSweep.run(scenario, rates: LearningRateSweep.rates(in: 1e-3...10, points: .decades))
        #expect(trials.map(\.learningRate) == [1e-3, 1e-2, 0.1, 1, 10])
        // γ = 0.1: |∇f(θₖ)| = 2 · 0.8ᵏ |θ₀| falls to 10⁻⁶ at the first k ≥ ln(2|θ₀| / 10⁻⁶) / ln 1.25.
        let k = Int((Math.log(2 * start.length / 1e-6) / Math.log(1.25)).rounded(.up))
        #expect(trials[2].status == .converged(step: k))
        // γ = 1: the bounce between ±θ₀ never ends, at the start's loss.
        #expect(trials[3].status == .finished(step: 1000))
        #expect(trials[3].finalLoss == start.x * start.x + start.y * start.y)
        guard case .diverged = trials[4].status else { Issue.record("lr 10: \(trials[4].status)"); return }
        // 10⁻³ has not arrived after 1000 steps: (0.998)¹⁰⁰⁰ of the start's distance, loss × 0.998²⁰⁰⁰.
        #expect(abs(trials[0].finalLoss - 10.25 * Math.pow(0.998, 2000)) < 1e-9)
        #expect(LearningRateSweep.best(of: trials) == 2)
        // With 1-2-5 points, 0.5 lands in one step and is the best.
        let fine = try LearningRateSweep.run(scenario, rates: LearningRateSweep.rates(in: 0.1...2, points: .oneTwoFive))
        #expect(fine[LearningRateSweep.best(of: fine)!].learningRate == 0.5)
        #expect(fine.first { $0.learningRate == 0.5 }?.status == .converged(step: 1))
    }

    @Test func whenEveryRateDivergesThereIsNoBestAndAMethodWithoutARateIsRefused() throws {
        let scenario = Scenario(surface: Bowl(), optimizers: [RaceEntry(spec: try OptimizerSpec(parsing: "gd"))], steps: 200)
        #expect(LearningRateSweep.best(of: try LearningRateSweep.run(scenario, rates: [5, 50])) == nil)
        let cg = Scenario(surface: Bowl(), optimizers: [RaceEntry(spec: try OptimizerSpec(parsing: "cg"))])
        #expect(throws: DescentError.self) { try LearningRateSweep.run(cg, rates: [0.1]) }
    }
}

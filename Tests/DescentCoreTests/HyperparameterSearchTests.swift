import Testing
@testable import DescentCore

/// Random search with narrowing, checked against the bowl's closed form and the contract's arithmetic.
@Suite struct HyperparameterSearchTests {
    typealias Search = HyperparameterSearch

    static func search(_ spec: String, rounds: Int = 3, trials: Int = 20, seed: UInt64 = 0, rules: StopRules = StopRules(),
                       parallelism: Int = 4, lr: ClosedRange<Double> = 1e-5...1) async throws -> [Search.Round] {
        let spec = try OptimizerSpec(parsing: spec)
        let surface = Bowl()
        let result = try await Search.run(surface: surface, spec: spec, start: surface.defaultStart, rules: rules, seed: seed,
                                          dimensions: Search.dimensions(for: spec.descriptor, learningRates: lr),
                                          rounds: rounds, trials: trials, parallelism: parallelism)
        return try #require(result)
    }

    @Test(arguments: [0, 1, 2, 3, 4] as [UInt64])
    func onTheBowlItFindsARateWithinAFactorOfTwoOfTheBest(seed: UInt64) async throws {
        // gd on x² + y² multiplies the point by (1 − 2γ) a step: after 20 steps the loss is f₀·(1 − 2γ)⁴⁰,
        // lowest (zero) at γ = 0.5. A factor of 2 is γ in [0.25, 1].
        let rounds = try await Self.search("gd", seed: seed, rules: StopRules(gradientTolerance: 0, maxSteps: 20))
        let winner = try #require(Search.winner(of: rounds))
        let lr = try #require(winner.spec.learningRate)
        #expect(lr >= 0.25 && lr <= 1, "seed \(seed): \(winner.spec.text)")
        // And the loss reported is the closed form's.
        let expected = Bowl().value(at: Bowl().defaultStart) * Math.pow(1 - 2 * lr, 40)
        #expect(abs(winner.finalLoss - expected) <= 1e-12 * max(1, expected))
        // With the default stop rules too (runs converge at |∇f| ≤ 1e-6).
        let converging = try await Self.search("gd", seed: seed)
        let rate = try #require(Search.winner(of: converging)?.spec.learningRate)
        #expect(rate >= 0.25 && rate <= 1, "seed \(seed): lr \(rate)")
    }

    @Test func theSameSeedGivesTheSameSearchOnOneJobOrManyAndAnotherSeedDoesNot() async throws {
        let one = try await Self.search("adam", seed: 7, parallelism: 1)
        let many = try await Self.search("adam", seed: 7, parallelism: 8)
        let again = try await Self.search("adam", seed: 7, parallelism: 3)
        #expect(one == many && one == again)
        let other = try await Self.search("adam", seed: 8)
        #expect(other[0].trials[0].values != one[0].trials[0].values)
    }

    @Test func theSearchedKeysAreTheOnesEachOptimizerHas() throws {
        func keys(_ name: String) throws -> [String] {
            Search.dimensions(for: try OptimizerCatalog.descriptor(named: name), learningRates: 1e-5...1).map(\.key)
        }
        #expect(try keys("gd") == ["lr"])
        #expect(try keys("momentum") == ["lr", "momentum"])
        #expect(try keys("nesterov") == ["lr", "momentum"])
        #expect(try keys("rmsprop") == ["lr", "momentum", "alpha"])
        #expect(try keys("adam") == ["lr", "beta1", "beta2"])
        #expect(try keys("newton") == ["lr"], "newton's step scale γ")
        #expect(try keys("cg") == [])
    }

    @Test func samplesAreLogUniformInTheRateAndRoundedToThreeDigits() {
        var generator = SeededGenerator(seed: 3)
        let lr = Search.Dimension(key: "lr", range: 1e-5...1, scale: .log)
        let beta2 = Search.Dimension(key: "beta2", range: 0.9...0.9999, scale: .logOneMinus)
        var perDecade = [Int](repeating: 0, count: 5)
        var perBetaDecade = [Int](repeating: 0, count: 3)
        let n = 20_000
        for _ in 0..<n {
            let v = lr.sample(&generator)
            #expect(v >= 1e-5 && v <= 1)
            #expect(formatSignificant(v, digits: 3) == formatNumber(v))
            perDecade[min(4, Int((Math.log10(v) + 5).rounded(.down)))] += 1
            let b = beta2.sample(&generator)
            #expect(b >= 0.9 && b <= 0.9999)
            perBetaDecade[min(2, Int((-Math.log10(1 - b) - 1).rounded(.down)))] += 1
        }
        // Each of the 5 decades of 1e-5..1 holds a fifth of the draws; each of 0.9, 0.99, 0.999.. a third.
        for count in perDecade { #expect(abs(Double(count) / Double(n) - 0.2) < 0.015, "\(perDecade)") }
        for count in perBetaDecade { #expect(abs(Double(count) / Double(n) - 1.0 / 3) < 0.02, "\(perBetaDecade)") }
    }

    @Test func narrowingIsTheKeptSpanWidenedByATenthOfTheRangeAndClipped() {
        // lr over 1e-4..1 is −4..0 in log₁₀; kept at 1e-2 and 1e-1 → −2..−1, widened by 0.4 → 10^−2.4..10^−0.6.
        let lr = Search.Dimension(key: "lr", range: 1e-4...1, scale: .log).narrowed(around: [1e-2, 1e-1])
        #expect(abs(lr.range.lowerBound - Math.pow(10, -2.4)) < 1e-15 && abs(lr.range.upperBound - Math.pow(10, -0.6)) < 1e-15)
        // Momentum over 0..0.99 kept at 0.95 → 0.95 − 0.099 .. min(0.99, 0.95 + 0.099).
        let momentum = Search.Dimension(key: "momentum", range: 0...0.99, scale: .linear).narrowed(around: [0.95])
        #expect(abs(momentum.range.lowerBound - 0.851) < 1e-12 && momentum.range.upperBound == 0.99)
        // β₂ over 0.9..0.9999 is −1..−4 in log₁₀(1 − β₂); kept at 0.999 (−3) → −3.3..−2.7.
        let beta2 = Search.Dimension(key: "beta2", range: 0.9...0.9999, scale: .logOneMinus).narrowed(around: [0.999])
        #expect(abs(beta2.range.lowerBound - (1 - Math.pow(10, -2.7))) < 1e-12)
        #expect(abs(beta2.range.upperBound - (1 - Math.pow(10, -3.3))) < 1e-12)
    }

    @Test func eachRoundSamplesInsideTheRangesTheLastOneLeftAndRanksBestFirst() async throws {
        let rounds = try await Self.search("momentum", rounds: 4, trials: 12)
        #expect(rounds.count == 4)
        for (r, round) in rounds.enumerated() {
            #expect(round.trials.count == 12)
            for trial in round.trials {
                for (dimension, value) in zip(round.dimensions, trial.values) {
                    #expect(dimension.range.contains(value), "round \(r + 1): \(dimension.key) = \(value) outside \(dimension.range)")
                }
            }
            let losses = round.ranking.map { round.trials[$0] }.filter { !$0.diverged }.map(\.finalLoss)
            #expect(losses == losses.sorted())
            if r > 0 {
                // The new ranges hold the previous round's best quarter (3 of 12).
                let previous = rounds[r - 1]
                let kept = previous.ranking.prefix(3).map { previous.trials[$0] }.filter { !$0.diverged }
                for trial in kept {
                    for (dimension, value) in zip(round.dimensions, trial.values) {
                        #expect(dimension.range.contains(value), "round \(r + 1): kept \(dimension.key) = \(value) outside \(dimension.range)")
                    }
                }
                for (now, before) in zip(round.dimensions, rounds[r - 1].dimensions) {
                    #expect(now.range.lowerBound >= before.range.lowerBound && now.range.upperBound <= before.range.upperBound)
                }
            }
        }
    }

    @Test func divergedTrialsRankLastAndNeverNarrowTheRanges() async throws {
        // gd on the bowl diverges for every γ > 1: over 2..10 every trial diverges, and the range stays.
        let rounds = try await Self.search("gd", rounds: 2, trials: 5, lr: 2...10)
        #expect(rounds[0].trials.allSatisfy { $0.diverged })
        #expect(rounds[1].dimensions == rounds[0].dimensions)
        #expect(Search.winner(of: rounds)?.diverged == true)
    }

    @Test func aMethodWithNothingToSearchIsRefused() async throws {
        await #expect(throws: DescentError.self) { _ = try await Self.search("cg") }
    }
}

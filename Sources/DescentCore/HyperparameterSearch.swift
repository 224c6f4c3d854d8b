/// Random search of hyperparameters with narrowing — the material's coarse-to-fine recipe: sample
/// settings at random inside ranges, keep the best few, shrink the ranges around them, sample again.
///
/// Each round draws `trials` settings, every dimension independently and uniformly in its *scale*
/// (log₁₀ γ for the learning rate, the value itself for momentum, β₁ and α, log₁₀(1 − β₂) for β₂),
/// each value rounded to 3 significant digits (of 1 − β₂ for β₂) so the winner can be written as a
/// spec that reproduces its run exactly. Every trial runs from the same start with the same stop rules
/// and seed. Trials are ranked by final loss, lowest first — a diverged run after every other, fewer
/// steps then the earlier trial breaking ties. The best `keep` of those that did not diverge set the
/// next round's ranges: in each dimension's scale, from the lowest to the highest kept value, widened
/// by a tenth of the current width on each side and clipped to the current range (so a round's range
/// is at least a fifth of the one before). When every trial diverged the ranges stay. The draws come
/// from `SeededGenerator(seed:)` in trial order, so a search is the same, to the bit, for the same seed
/// whatever the number of jobs.
public enum HyperparameterSearch {
    /// How a dimension is sampled and narrowed.
    public enum Scale: Sendable, Equatable {
        /// Uniform in log₁₀ v (a learning rate: each decade as likely).
        case log
        /// Uniform in v (momentum, β₁, α).
        case linear
        /// Uniform in log₁₀(1 − v) (β₂: 0.9, 0.99 and 0.999 as far apart as they matter).
        case logOneMinus

        func toScale(_ v: Double) -> Double {
            switch self {
            case .log: Math.log10(v)
            case .linear: v
            case .logOneMinus: Math.log10(1 - v)
            }
        }

        func fromScale(_ u: Double) -> Double {
            switch self {
            case .log: Math.pow(10, u)
            case .linear: u
            case .logOneMinus: 1 - Math.pow(10, u)
            }
        }

        /// v rounded to 3 significant digits (of 1 − v for `.logOneMinus`; 3 decimals for `.linear`).
        func rounded(_ v: Double) -> Double {
            switch self {
            case .log: Double(formatSignificant(v, digits: 3)) ?? v
            case .linear: (v * 1000).rounded() / 1000
            case .logOneMinus: 1 - (Double(formatSignificant(1 - v, digits: 3)) ?? (1 - v))
            }
        }
    }

    /// One searched parameter and its current range of values.
    public struct Dimension: Sendable, Equatable {
        public var key: String
        public var range: ClosedRange<Double>
        public var scale: Scale

        public init(key: String, range: ClosedRange<Double>, scale: Scale) {
            self.key = key
            self.range = range
            self.scale = scale
        }

        /// A value drawn uniformly in the scale, rounded, and kept inside the range.
        func sample(_ generator: inout SeededGenerator) -> Double {
            let lo = scale.toScale(range.lowerBound), hi = scale.toScale(range.upperBound)
            let u = lo + (hi - lo) * generator.nextUniform()
            return min(max(scale.rounded(scale.fromScale(u)), range.lowerBound), range.upperBound)
        }

        /// The range from the lowest to the highest of `values`, widened by a tenth of the current width
        /// on each side (in the scale) and clipped to the current range.
        func narrowed(around values: [Double]) -> Dimension {
            guard let low = values.min(), let high = values.max() else { return self }
            let lo = scale.toScale(range.lowerBound), hi = scale.toScale(range.upperBound)
            let (a, b) = (min(lo, hi), max(lo, hi))
            let pad = 0.1 * (b - a)
            let (u, v) = (scale.toScale(low), scale.toScale(high))
            let newA = max(a, min(u, v) - pad), newB = min(b, max(u, v) + pad)
            let ends = [scale.fromScale(newA), scale.fromScale(newB)]
            var copy = self
            copy.range = max(range.lowerBound, ends.min()!)...min(range.upperBound, ends.max()!)
            return copy
        }
    }

    /// One sampled setting and its run.
    public struct Trial: Sendable, Equatable {
        /// The sampled values, in the order of the dimensions.
        public var values: [Double]
        public var spec: OptimizerSpec
        public var finalLoss: Double
        public var steps: Int
        public var status: RunStatus

        public var diverged: Bool {
            if case .diverged = status { return true }
            return !finalLoss.isFinite
        }

        public static func == (a: Trial, b: Trial) -> Bool {
            a.values == b.values && a.spec.text == b.spec.text && a.finalLoss.bitPattern == b.finalLoss.bitPattern
                && a.steps == b.steps && a.status == b.status
        }
    }

    /// One round: the ranges it sampled and its trials, in the order drawn.
    public struct Round: Sendable, Equatable {
        public var dimensions: [Dimension]
        public var trials: [Trial]
        /// The trials' indices, best first.
        public var ranking: [Int]

        public var best: Trial? { ranking.first.map { trials[$0] } }
    }

    /// The searched dimensions of `descriptor`: the learning rate over `learningRates`, then whichever of
    /// momentum (0…0.99), β₁ (0…0.99), β₂ (0.9…0.9999) and α (0.9…0.9999) it has.
    public static func dimensions(for descriptor: OptimizerDescriptor, learningRates: ClosedRange<Double>) -> [Dimension] {
        let names = Set(descriptor.parameters.map(\.name))
        var dimensions: [Dimension] = []
        if descriptor.hasLearningRate { dimensions.append(Dimension(key: "lr", range: learningRates, scale: .log)) }
        let others: [Dimension] = [
            Dimension(key: "momentum", range: 0...0.99, scale: .linear),
            Dimension(key: "beta1", range: 0...0.99, scale: .linear),
            Dimension(key: "beta2", range: 0.9...0.9999, scale: .logOneMinus),
            Dimension(key: "alpha", range: 0.9...0.9999, scale: .logOneMinus),
        ]
        return dimensions + others.filter { names.contains($0.key) }
    }

    /// How many trials of a round set the next round's ranges: a quarter of them, at least one.
    public static func kept(of trials: Int) -> Int { max(1, (trials + 3) / 4) }

    /// Indices of `trials`, best first.
    public static func ranking(_ trials: [Trial]) -> [Int] {
        trials.indices.sorted { i, j in
            let a = trials[i], b = trials[j]
            if a.diverged != b.diverged { return !a.diverged }
            if !a.diverged, a.finalLoss != b.finalLoss { return a.finalLoss < b.finalLoss }
            if a.steps != b.steps { return a.steps < b.steps }
            return i < j
        }
    }

    /// The ranges after a round: narrowed around its best `kept` trials that did not diverge.
    public static func narrowed(_ dimensions: [Dimension], after round: Round, kept: Int) -> [Dimension] {
        let best = round.ranking.prefix(kept).map { round.trials[$0] }.filter { !$0.diverged }
        guard !best.isEmpty else { return dimensions }
        return dimensions.indices.map { d in dimensions[d].narrowed(around: best.map { $0.values[d] }) }
    }

    /// Runs `rounds` rounds of `trials` settings of `spec` (its other settings kept) on `surface`; nil
    /// when `shouldStop` stopped it. `progress` gets the number of trials done over every round.
    public static func run(
        surface: any Surface, spec: OptimizerSpec, start: Vector2, rules: StopRules, seed: UInt64,
        dimensions: [Dimension], rounds: Int, trials: Int, parallelism: Int,
        progress: (Int) -> Void = { _ in }, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async throws(DescentError) -> [Round]? {
        guard !dimensions.isEmpty else { throw .invalid("\(spec.name) has no learning rate, momentum or β to search") }
        var generator = SeededGenerator(seed: seed)
        var ranges = dimensions
        var done: [Round] = []
        for r in 0..<rounds {
            var specs: [OptimizerSpec] = []
            var drawn: [[Double]] = []
            for _ in 0..<trials {
                let values = ranges.map { $0.sample(&generator) }
                var trialSpec = spec
                for (dimension, value) in zip(ranges, values) {
                    trialSpec = dimension.key == "lr" ? trialSpec.withLearningRate(value) : try trialSpec.setting(dimension.key, to: formatNumber(value))
                }
                specs.append(trialSpec)
                drawn.append(values)
            }
            let runs = specs
            let before = r * trials
            let results = await ParallelRows.map(rows: trials, parallelism: parallelism, progress: { progress(before + $0) },
                                                 shouldStop: shouldStop) { t in
                var racer = Racer(spec: runs[t], seed: seed, start: start, surface: surface, rules: rules, recording: .endOnly)
                racer.run(steps: rules.maxSteps, on: surface, rules: rules)
                return (loss: racer.fullLoss(on: surface), steps: racer.stepCount, status: racer.status)
            }
            guard let results else { return nil }
            let roundTrials = (0..<trials).map { t in
                Trial(values: drawn[t], spec: specs[t], finalLoss: results[t].loss, steps: results[t].steps, status: results[t].status)
            }
            let round = Round(dimensions: ranges, trials: roundTrials, ranking: ranking(roundTrials))
            done.append(round)
            ranges = narrowed(ranges, after: round, kept: kept(of: trials))
        }
        return done
    }

    /// The best trial of every round: the lowest-ranked of the rounds' bests (the earlier round on a tie).
    public static func winner(of rounds: [Round]) -> Trial? {
        let bests = rounds.compactMap(\.best)
        guard !bests.isEmpty else { return nil }
        return bests[ranking(bests)[0]]
    }
}

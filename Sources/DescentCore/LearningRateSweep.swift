/// The material's way of choosing a learning rate: run the same optimizer from the same start at every
/// power of ten in a range (optionally also the 2 and 5 between them) and keep the rate whose run ends
/// lowest.
public enum LearningRateSweep {
    /// Which rates of each decade are tried.
    public enum Points: String, Sendable, CaseIterable {
        /// 10ᵏ only.
        case decades = "10"
        /// 1, 2 and 5 × 10ᵏ.
        case oneTwoFive = "1-2-5"

        var mantissas: [Int] { self == .decades ? [1] : [1, 2, 5] }
    }

    /// One rate's run.
    public struct Trial: Sendable, Equatable {
        public var learningRate: Double
        /// The loss where the run ended (over all the training examples on a data surface).
        public var finalLoss: Double
        public var steps: Int
        public var status: RunStatus
    }

    /// The rates m × 10ᵏ (m from `points`) inside `range`, ascending, each the double nearest its decimal
    /// (2e-3 is the double that "2e-3" reads as). Empty when the range holds none of them.
    public static func rates(in range: ClosedRange<Double>, points: Points) -> [Double] {
        guard range.lowerBound > 0, range.upperBound.isFinite else { return [] }
        let first = Int(Math.log10(range.lowerBound).rounded(.down)) - 1
        let last = Int(Math.log10(range.upperBound).rounded(.up)) + 1
        var rates: [Double] = []
        for k in first...last {
            for m in points.mantissas {
                guard let rate = Double("\(m)e\(k)"), range.contains(rate) else { continue }
                rates.append(rate)
            }
        }
        return rates
    }

    /// Runs `scenario`'s first optimizer once per rate, from the scenario's start with its stop rules and
    /// seed (its events are not applied: the sweep compares rates, not a session). `progress` gets the
    /// number of rates done; when `shouldStop` turns true the rest are skipped (the result is then short).
    public static func run(_ scenario: Scenario, rates: [Double], progress: (Int) -> Void = { _ in },
                           shouldStop: () -> Bool = { false }) throws(DescentError) -> [Trial] {
        guard let entry = scenario.optimizers.first else { throw .invalid("a sweep needs an optimizer") }
        guard entry.spec.descriptor.hasLearningRate else {
            throw .invalid("\(entry.spec.descriptor.name) has no learning rate to sweep")
        }
        var trials: [Trial] = []
        for rate in rates {
            if shouldStop() { break }
            var one = entry
            one.spec = entry.spec.withLearningRate(rate)
            var race = Race(surface: scenario.surface, start: scenario.start, entries: [one], rules: scenario.rules, seed: scenario.seed,
                            recording: .endOnly)
            race.runToEnd()
            let racer = race.racers[0]
            trials.append(Trial(learningRate: rate, finalLoss: racer.fullLoss(on: scenario.surface), steps: racer.stepCount, status: racer.status))
            progress(trials.count)
        }
        return trials
    }

    /// The best trial: the lowest final loss among those that did not diverge, the fewer steps on a tie
    /// (then the smaller rate); nil when every run diverged.
    public static func best(of trials: [Trial]) -> Int? {
        trials.indices.filter { i in
            if case .diverged = trials[i].status { return false }
            return trials[i].finalLoss.isFinite
        }.min { a, b in
            (trials[a].finalLoss, trials[a].steps, trials[a].learningRate) < (trials[b].finalLoss, trials[b].steps, trials[b].learningRate)
        }
    }
}

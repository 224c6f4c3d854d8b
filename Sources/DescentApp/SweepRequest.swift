import DescentCore

/// The learning-rate sweep that `S` asks for: the selected racer's setup (its spec, its start, the race's
/// surface, seed and stop rules, at most `AppState.sweepSteps` steps) run once per rate. The shell runs
/// it off the main thread, so keys are answered meanwhile and Esc stops it; the trials come back as
/// `Action.sweepComputed`.
public struct SweepRequest: Equatable, Sendable {
    /// Tells this request from the one before it: trials of an older request are dropped.
    public let serial: Int
    /// The racer whose rate is swept (and which Enter changes).
    public let racer: Int
    public let scenario: Scenario
    public let rates: [Double]

    /// The trials, one per rate in order; nil when `shouldStop` said to stop or the sweep cannot run.
    /// `progress(k)` is called after the k-th rate.
    public func run(progress: (Int) -> Void = { _ in }, shouldStop: () -> Bool = { false }) -> [LearningRateSweep.Trial]? {
        guard let trials = try? LearningRateSweep.run(scenario, rates: rates, progress: progress, shouldStop: shouldStop),
              trials.count == rates.count else { return nil }
        return trials
    }
}

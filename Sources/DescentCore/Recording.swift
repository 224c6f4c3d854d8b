/// Which iterates a run keeps: the one policy every consumer of the step loop chooses from — the
/// visualizer and `run`'s rows keep every step, `run`'s table and the maps keep only where each run
/// ended, `run --every k` keeps every k-th step.
///
/// Whatever the policy, the run itself is the same: the iterates, the losses and the statuses do not
/// depend on what is kept (the step loop only decides whether to store a point).
public enum Recording: Sendable, Equatable {
    /// θ₀, θ₁, …, θₜ: every iterate (16 bytes a step).
    case everyStep
    /// θ at the steps 0, k, 2k, … (and the current point, always at hand): 16 bytes every k steps.
    case every(Int)
    /// Only the current point: memory does not grow with the steps (thousands of short runs for a map).
    case endOnly

    /// Steps between two kept iterates: 1, k, or 0 when only the end is kept.
    var stride: Int {
        switch self {
        case .everyStep: return 1
        case let .every(k): return max(1, k)
        case .endOnly: return 0
        }
    }
}

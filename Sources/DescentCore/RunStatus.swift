/// Where one optimizer's run stands.
public enum RunStatus: Equatable, Sendable {
    case running
    /// |∇f| ≤ gradTol at this step, where the Hessian is not indefinite or negative definite (a minimum,
    /// or a point the Hessian cannot tell).
    case converged(step: Int)
    /// |∇f| ≤ gradTol at this step at a point whose Hessian is indefinite: a saddle, not a minimum.
    case stoppedAtSaddle(step: Int)
    /// |∇f| ≤ gradTol at this step at a point whose Hessian is negative definite: a maximum.
    case stoppedAtMaximum(step: Int)
    /// No improvement of at least minDelta within `patience` steps, the loss not above its value at the start.
    case stalled(step: Int)
    /// A non-finite value, the point left the bound, or — under `patience` — the loss rose above its value
    /// at the start without improving for `patience` steps, at this step; the run of this optimizer stopped.
    case diverged(step: Int)
    /// Early stopping on a data surface's validation split: the validation loss did not improve by at
    /// least minDelta for `patience` steps; its best value and the step it was reached at.
    case earlyStopped(step: Int, bestStep: Int, bestValidationLoss: Double)
    /// The step limit was reached.
    case finished(step: Int)
    /// The method could not take a step (e.g. a singular Newton system).
    case failed(step: Int, reason: String)

    public var isRunning: Bool { self == .running }

    /// One word: running, converged, saddle, maximum, stalled, diverged, early-stopped, finished or failed.
    public var label: String {
        switch self {
        case .running: return "running"
        case .converged: return "converged"
        case .stoppedAtSaddle: return "saddle"
        case .stoppedAtMaximum: return "maximum"
        case .stalled: return "stalled"
        case .diverged: return "diverged"
        case .earlyStopped: return "early-stopped"
        case .finished: return "finished"
        case .failed: return "failed"
        }
    }

    /// The step at which the run stopped, or nil while running.
    public var step: Int? {
        switch self {
        case .running: return nil
        case let .converged(step), let .stoppedAtSaddle(step), let .stoppedAtMaximum(step), let .stalled(step),
             let .diverged(step), let .finished(step): return step
        case let .failed(step, _): return step
        case let .earlyStopped(step, _, _): return step
        }
    }

    /// A short text for a person, e.g. "diverged at step 12", "failed: singular Hessian".
    public var summary: String {
        switch self {
        case .running: return "running"
        case let .failed(step, reason): return "failed at step \(step): \(reason)"
        case let .stoppedAtSaddle(step): return "stopped at a saddle at step \(step)"
        case let .stoppedAtMaximum(step): return "stopped at a maximum at step \(step)"
        case let .earlyStopped(step, bestStep, best):
            return "early-stopped at step \(step) (best validation loss \(formatSignificant(best)) at step \(bestStep))"
        default: return "\(label) at step \(step!)"
        }
    }
}

/// When an optimizer's run stops.
public struct StopRules: Equatable, Sendable {
    /// Converged when |∇f| ≤ this; 0 turns the gradient stop off (line-search methods still stop at |∇f| ≤ 1e-12).
    public var gradientTolerance: Double
    /// The smallest decrease of the loss that counts as an improvement, for `patience`.
    public var minDelta: Double
    /// Stalled after this many steps without improvement; nil turns the rule off.
    public var patience: Int?
    /// Diverged when |x| or |y| exceeds this.
    public var bound: Double
    /// Finished after this many steps.
    public var maxSteps: Int

    public init(gradientTolerance: Double = 1e-6, minDelta: Double = 0, patience: Int? = nil, bound: Double = 1e6, maxSteps: Int = 1000) {
        self.gradientTolerance = gradientTolerance
        self.minDelta = minDelta
        self.patience = patience
        self.bound = bound
        self.maxSteps = maxSteps
    }

    /// The tolerance line-search methods use: they always stop once converged.
    var lineSearchTolerance: Double { max(gradientTolerance, 1e-12) }
}

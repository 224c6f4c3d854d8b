#if arch(x86_64)
internal import _Builtin_intrinsics.intel
#endif

/// What one optimizer step produced.
public enum StepResult: Equatable, Sendable {
    /// The next iterate.
    case moved(to: Vector2)
    /// The method cannot take a step (a singular Newton system, a line search that found no
    /// acceptable point); the reason is shown to the person, and the run of this optimizer ends.
    case failed(reason: String)
}

/// Everything an optimizer sees when it takes step t.
public struct StepContext: Sendable {
    /// The current iterate θ.
    public var point: Vector2
    /// ∇f(θ), already computed by the run.
    public var gradient: Vector2
    /// The step count t = 1, 2, … ("first step" is t = 1, when every state buffer is empty).
    public var iteration: Int
    /// γ, the learning rate after any schedule (the base rate for methods without a schedule).
    public var learningRate: Double

    public init(point: Vector2, gradient: Vector2, iteration: Int, learningRate: Double) {
        self.point = point
        self.gradient = gradient
        self.iteration = iteration
        self.learningRate = learningRate
    }
}

/// An optimizer: a small value holding its configuration and its state (moment buffers,
/// a line-search direction, a random generator). Copying it copies the state, so a copy
/// can look one step ahead without disturbing the original.
///
/// The update rules are torch.optim's (and the textbook's for second-order methods); each conforming
/// type documents its rule.
public protocol Optimizer: Sendable {
    /// The registry name, e.g. "adam".
    var name: String { get }

    /// Takes step t from `context.point`. Line-search and second-order methods may evaluate
    /// the surface as often as they need.
    mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult

    /// The points a line search tried during the last step, in order (empty for other methods).
    var lastTrialPoints: [Vector2] { get }

    /// How many times the last step asked the surface for f, ∇f or ∇²f at a point (one count a point and
    /// request), besides the run's own evaluation of f and ∇f at the new iterate: a line search's trials,
    /// random search's samples, Newton's Hessian. 0 for methods that use only the gradient they are given.
    var evaluationsInLastStep: Int { get }

    /// Takes new values of the keys its descriptor lists as `settableKeys`, from the next step on,
    /// keeping its state (moment buffers, line-search memory) — as changing a torch.optim param group does.
    mutating func adopt(_ values: ParameterValues)

    /// Takes up to `count` steps of `racer`'s run with this optimizer, which `racer` lent for the
    /// loop. Not meant to be implemented or called outside `Racer`: the default implementation is
    /// a copy of the step loop specialized to each optimizer type, with `step` inlined and the state
    /// kept in registers (a call through `any Optimizer` a step costs as much as a whole adam step).
    mutating func _takeSteps(_ count: Int, of racer: inout Racer, on surface: any Surface, evaluate: (Vector2, Int) -> (value: Double, gradient: Vector2),
                             validate: ((Vector2) -> Double)?, rules: StopRules)
}

extension Optimizer {
    public var lastTrialPoints: [Vector2] { [] }
    public var evaluationsInLastStep: Int { 0 }
    /// Methods without settable keys besides the learning rate have nothing to adopt.
    public mutating func adopt(_ values: ParameterValues) {}

    public mutating func _takeSteps(_ count: Int, of racer: inout Racer, on surface: any Surface, evaluate: (Vector2, Int) -> (value: Double, gradient: Vector2),
                                    validate: ((Vector2) -> Double)?, rules: StopRules) {
        racer.takeSteps(count, with: &self, on: surface, evaluate: evaluate, validate: validate, rules: rules)
    }
}

// MARK: Square roots for the step loop

extension SIMD2 where Scalar == Double {
    /// (√x, √y), correctly rounded exactly as `squareRoot()`, by the machine instruction. The
    /// standard library's square root goes through C's `sqrt`, which keeps a call for negative
    /// inputs (to set errno); that call, though never taken, makes the step loop keep its values
    /// in memory rather than in registers.
    @inline(__always) var hardwareSquareRoot: Vector2 {
        #if arch(x86_64)
        _mm_sqrt_pd(self)
        #else
        squareRoot()
        #endif
    }
}

extension Double {
    /// √x, correctly rounded exactly as `squareRoot()`, by the machine instruction (see `Vector2.hardwareSquareRoot`).
    @inline(__always) var hardwareSquareRoot: Double { Vector2(repeating: self).hardwareSquareRoot.x }
}

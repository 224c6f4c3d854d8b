/// A stretch of plain steps: steps with a fixed learning rate and the gradient as the surface gives it
/// (no noise, no weight decay, not maximizing), nothing to average, no patience, no iterate to keep and
/// not the run's last step — just step, evaluate f and ∇f at the new point, and the stop rules that end
/// a run there (a failed step, divergence, |∇f| within tolerance).
///
/// The racer's step loop hands such stretches to this small loop. Being small, it keeps θ, ∇f and the
/// method's state in registers from one step to the next; run on a built-in surface, it is also
/// specialized for that surface's type (`SurfaceCatalog.open`), so f and ∇f are computed in line instead
/// of through two calls a step. Both are on the path from one step to the next, which bounds a
/// first-order run's speed. The steps and their numbers are exactly those of the general loop.
struct PlainSteps<O: Optimizer>: ObjectiveConsumer {
    /// Why the stretch ended before its count, at step `step`.
    enum End: Equatable {
        /// The method could not take the step (θ and ∇f are still those before it), for `failureReason`.
        case failed
        /// The step left the finite numbers or the bound.
        case diverged
        /// |∇f| is within tolerance after the step, at θ.
        case stationary
    }

    /// The method, with its state.
    var stepper: O
    /// θ, f(θ) and ∇f(θ) after the last step taken.
    var point: Vector2
    var loss: Double
    var gradient: Vector2
    /// The number of the next step; once the stretch has ended, of the step it ended at.
    var step: Int
    /// Steps taken, and evaluations of f, ∇f or ∇²f made (the method's own, and the run's one a step).
    var taken = 0
    var evaluations = 0
    /// Set when a stop rule ended the run.
    var end: End?
    /// Why the method could not take the step, when `end` is `.failed`.
    var failureReason = ""

    /// At most this many steps.
    let count: Int
    /// γ, the same every step.
    let rate: Double
    /// A coordinate beyond ±bound has diverged.
    let bound: Double
    /// Stationary when |∇f| ≤ this; not positive when the gradient stop is off.
    let gradientTolerance: Double
    /// The surface, for methods that evaluate it themselves (line searches, Newton's Hessian).
    let objective: any Objective

    mutating func consume<S: Objective>(_ surface: S) {
        run { p, _ in surface.valueAndGradient(at: p) }
    }

    /// Takes up to `count` steps, evaluating f and ∇f at each new point with `evaluate(θ, t)` (t the
    /// number of the step that will use them); stops at the first `end`.
    @inline(__always)
    mutating func run(_ evaluate: (Vector2, Int) -> (value: Double, gradient: Vector2)) {
        var stepper = self.stepper
        var point = self.point, loss = self.loss, gradient = self.gradient
        var t = step, taken = 0, evaluations = 0
        let rate = self.rate, bound = self.bound, tolerance = gradientTolerance, objective = self.objective
        // How the loop ended, if a stop rule ended it. Only plain values cross its exits; the state is
        // written back once, after it — so no value of the loop has to survive a call on the way out (which
        // would make the compiler keep ∇f in memory rather than in a register from one step to the next).
        var stop: End? = nil
        var failure: StepResult? = nil
        for _ in 0..<count {
            let result = stepper.step(StepContext(point: point, gradient: gradient, iteration: t, learningRate: rate), on: objective)
            evaluations &+= stepper.evaluationsInLastStep
            guard case let .moved(next) = result else {
                failure = result
                stop = .failed
                break
            }
            guard next.isFinite else { stop = .diverged; break }
            let (f, g) = evaluate(next, t + 1)
            evaluations &+= 1
            // f·0 + g·0 is 0 exactly when all three are finite, NaN otherwise (see `Vector2.isFinite`).
            guard f * 0 + (g * 0).sum() == 0 else { stop = .diverged; break }
            taken &+= 1
            point = next
            loss = f
            gradient = g
            if abs(next.x) > bound || abs(next.y) > bound {
                stop = .diverged
                break
            } else if tolerance > 0 && g.length <= tolerance {
                stop = .stationary
                break
            }
            t &+= 1
        }
        self.point = point
        self.loss = loss
        self.gradient = gradient
        self.step = t
        self.taken = taken
        self.evaluations = evaluations
        self.stepper = stepper
        end = stop
        if case let .failed(reason) = failure { failureReason = reason }
    }
}

/// Code generic over the type of an objective, for `SurfaceCatalog.open`.
protocol ObjectiveConsumer {
    mutating func consume<S: Objective>(_ surface: S)
}

/// A line search for a step length α > 0 along a descent direction d that satisfies the strong
/// Wolfe conditions on φ(α) = f(θ + α d), φ′(α) = ∇f(θ + α d)ᵀ d:
///
///     φ(α) ≤ φ(0) + c1 α φ′(0)        (sufficient decrease)
///     |φ′(α)| ≤ c2 |φ′(0)|             (curvature)
///
/// with 0 < c1 < c2 < 1. Nocedal & Wright, "Numerical Optimization", 2nd ed.: algorithm 3.5
/// (bracketing: try α₁ = `initialStep`, then double it until an interval holding an acceptable
/// step is found) and algorithm 3.6 (zoom: shrink the interval by interpolation). The zoom trial is
/// the minimiser of the cubic through φ and φ′ at both ends (N&W 3.59), used when it lies at least
/// 20 % of the interval away from either end; else the minimiser of the quadratic through φ(lo),
/// φ′(lo) and φ(hi), when at least 10 % away; else the midpoint.
///
/// Every trial point is evaluated (value and gradient) and recorded in order; the accepted point,
/// when there is one, is always the last. A trial with a non-finite value or gradient counts as a
/// step too long. The search fails — it never returns NaN — when d is not a descent direction
/// (φ′(0) ≥ 0), when c1 and c2 are out of order, or when `maxEvaluations` trials found no
/// acceptable step.
public struct StrongWolfeLineSearch: Equatable, Sendable {
    /// c1, the sufficient-decrease constant.
    public var sufficientDecrease: Double
    /// c2, the curvature constant.
    public var curvature: Double
    /// The most trial points one search evaluates.
    public var maxEvaluations: Int

    public init(sufficientDecrease c1: Double, curvature c2: Double, maxEvaluations: Int = 30) {
        sufficientDecrease = c1
        curvature = c2
        self.maxEvaluations = maxEvaluations
    }

    /// One evaluated trial: the step length α, the point θ + α d, f and ∇f there, and φ′(α) = ∇fᵀd.
    public struct Trial: Equatable, Sendable {
        public var step: Double
        public var point: Vector2
        public var value: Double
        public var gradient: Vector2
        public var slope: Double

        var isFinite: Bool { value.isFinite && gradient.isFinite && slope.isFinite }
    }

    /// What a search found: an accepted trial or the reason there is none, and every trial point in order.
    public struct Result: Equatable, Sendable {
        public enum Outcome: Equatable, Sendable {
            case accepted(Trial)
            case failed(reason: String)
        }

        public var outcome: Outcome
        public var trialPoints: [Vector2]
    }

    /// Searches along `direction` from `point`, where f = `value` and ∇f = `gradient`, trying `initialStep` first.
    public func search(
        on surface: any Objective, from point: Vector2, value: Double, gradient: Vector2,
        direction: Vector2, initialStep: Double
    ) -> Result {
        var run = Run(surface: surface, point: point, direction: direction, budget: maxEvaluations)
        let outcome = run.bracket(
            start: Trial(step: 0, point: point, value: value, gradient: gradient, slope: gradient.dot(direction)),
            initialStep: initialStep, c1: sufficientDecrease, c2: curvature)
        return Result(outcome: outcome, trialPoints: run.trialPoints)
    }

    /// The state of one search: the line, the evaluation budget and the trial points so far.
    private struct Run {
        let surface: any Objective
        let point: Vector2
        let direction: Vector2
        let budget: Int
        var trialPoints: [Vector2] = []

        init(surface: any Objective, point: Vector2, direction: Vector2, budget: Int) {
            self.surface = surface
            self.point = point
            self.direction = direction
            self.budget = budget
            trialPoints.reserveCapacity(budget)
        }

        mutating func evaluate(_ alpha: Double) -> Trial {
            let p = point + alpha * direction
            trialPoints.append(p)
            let g = surface.gradient(at: p)
            return Trial(step: alpha, point: p, value: surface.value(at: p), gradient: g, slope: g.dot(direction))
        }

        /// N&W algorithm 3.5.
        mutating func bracket(start: Trial, initialStep: Double, c1: Double, c2: Double) -> Result.Outcome {
            guard c1 > 0, c1 < c2, c2 < 1 else {
                return .failed(reason: "line search needs 0 < c1 < c2 < 1 (c1 = \(formatNumber(c1)), c2 = \(formatNumber(c2)))")
            }
            guard start.slope < 0 else {
                return .failed(reason: "line search direction is not a descent direction (gᵀd = \(formatNumber(start.slope)))")
            }
            guard initialStep > 0, initialStep.isFinite else {
                return .failed(reason: "line search initial step \(formatNumber(initialStep)) is not a positive number")
            }
            let bounds = Bounds(start: start, c1: c1, c2: c2)
            var previous = start
            var alpha = initialStep
            while trialPoints.count < budget {
                let trial = evaluate(alpha)
                if !trial.isFinite || !bounds.decreasesEnough(trial) || (previous.step > 0 && trial.value >= previous.value) {
                    return zoom(low: previous, high: trial, bounds: bounds)
                }
                if bounds.isFlatEnough(trial) { return .accepted(trial) }
                if trial.slope >= 0 { return zoom(low: trial, high: previous, bounds: bounds) }
                previous = trial
                alpha *= 2
            }
            return .failed(reason: Failure.noAcceptableStep(budget).text)
        }

        /// N&W algorithm 3.6: `low` satisfies sufficient decrease with the lowest value so far, and the
        /// interval between `low` and `high` holds a step satisfying the strong Wolfe conditions.
        mutating func zoom(low start: Trial, high end: Trial, bounds: Bounds) -> Result.Outcome {
            var low = start, high = end
            while trialPoints.count < budget {
                let alpha = Self.interpolate(low, high)
                guard alpha != low.step, alpha != high.step else {
                    return .failed(reason: Failure.intervalCollapsed.text)
                }
                let trial = evaluate(alpha)
                if !trial.isFinite || !bounds.decreasesEnough(trial) || trial.value >= low.value {
                    high = trial
                } else {
                    if bounds.isFlatEnough(trial) { return .accepted(trial) }
                    if trial.slope * (high.step - low.step) >= 0 { high = low }
                    low = trial
                }
            }
            return .failed(reason: Failure.noAcceptableStep(budget).text)
        }

        /// The next zoom trial between `low` and `high`: cubic, else quadratic, else the midpoint.
        static func interpolate(_ low: Trial, _ high: Trial) -> Double {
            let a = low.step, b = high.step
            let width = abs(b - a)
            func isInside(_ alpha: Double, margin: Double) -> Bool {
                alpha >= min(a, b) + margin * width && alpha <= max(a, b) - margin * width
            }
            if high.isFinite {
                // N&W (3.59), the minimiser of the cubic matching φ and φ′ at a and b.
                let d1 = low.slope + high.slope - 3 * (low.value - high.value) / (a - b)
                let radicand = d1 * d1 - low.slope * high.slope
                if radicand >= 0 {
                    let d2 = (b > a ? 1.0 : -1.0) * radicand.squareRoot()
                    let cubic = b - (b - a) * (high.slope + d2 - d1) / (high.slope - low.slope + 2 * d2)
                    if isInside(cubic, margin: 0.2) { return cubic }
                }
            }
            if high.value.isFinite {
                // The minimiser of the quadratic matching φ(a), φ′(a) and φ(b).
                let curvature = high.value - low.value - low.slope * (b - a)
                let quadratic = a - low.slope * (b - a) * (b - a) / (2 * curvature)
                if curvature > 0, isInside(quadratic, margin: 0.1) { return quadratic }
            }
            return a + (b - a) / 2
        }
    }

    /// The two strong Wolfe tests, written so that NaN fails them.
    private struct Bounds {
        let start: Trial
        let c1: Double
        let c2: Double

        func decreasesEnough(_ trial: Trial) -> Bool {
            trial.value <= start.value + c1 * trial.step * start.slope
        }

        func isFlatEnough(_ trial: Trial) -> Bool {
            abs(trial.slope) <= -c2 * start.slope
        }
    }

    private enum Failure {
        case noAcceptableStep(Int)
        case intervalCollapsed

        var text: String {
            switch self {
            case let .noAcceptableStep(budget): return "line search found no strong-Wolfe step in \(budget) evaluations"
            case .intervalCollapsed: return "line search interval shrank to a point without a strong-Wolfe step"
            }
        }
    }
}

extension StrongWolfeLineSearch {
    /// The spec parameters c1 (default 1e-4) and c2 of a method that uses this line search.
    static func parameters(defaultCurvature c2: Double) -> [ParameterSpec] {
        [
            .real(.c1, 1e-4, .positive, "line search sufficient-decrease constant (0 < c1 < c2)"),
            .real(.c2, c2, .belowOne, "line search curvature constant (c1 < c2 < 1)"),
        ]
    }
}

extension StrongWolfeLineSearch {
    /// The spec-time check of the line-search constants: 0 < c1 < c2 < 1.
    @Sendable public static func checkConstants(_ values: ParameterValues) -> String? {
        let c1 = values[.c1], c2 = values[.c2]
        return c1 < c2 ? nil : "the line search needs c1 < c2 (c1 = \(formatNumber(c1)), c2 = \(formatNumber(c2)))"
    }
}

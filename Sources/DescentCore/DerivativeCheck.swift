/// The outcome of checking a surface's analytic derivatives against finite differences.
public struct DerivativeCheckResult: Sendable {
    public var surfaceName: String
    /// How many points were compared (points where f is not finite on the difference stencil are skipped).
    public var pointsChecked: Int
    /// The largest error of a gradient component, in the metric of `DerivativeCheck`.
    public var maxGradientError: Double
    /// The largest error of a Hessian entry, in the metric of `DerivativeCheck`.
    public var maxHessianError: Double
    public var worstGradientPoint: Vector2
    public var worstHessianPoint: Vector2
    public var tolerance: Double
    /// True when at least one point was checked and both largest errors are below `tolerance`.
    public var passed: Bool
}

/// Checks `gradient` against central differences of `value`, and `hessian` against central differences of
/// `gradient`, at `points` points drawn uniformly over the default view and at every known point.
///
/// - Step: hᵢ = ε^(1/3) · max(1, |θᵢ|) with ε = 2⁻⁵², which balances the O(h²) truncation error against the
///   O(ε/h) rounding error of a central difference; hᵢ is then rounded so that (θᵢ + hᵢ) − θᵢ = hᵢ exactly.
/// - Differences: ∂f/∂θᵢ ≈ (f(θ + hᵢeᵢ) − f(θ − hᵢeᵢ)) / 2hᵢ, and column i of ∇²f ≈ (∇f(θ + hᵢeᵢ) −
///   ∇f(θ − hᵢeᵢ)) / 2hᵢ; both estimates of the off-diagonal entry are compared with the analytic one.
/// - Error of one entry: |a − n| / max(1, |a|, |n|) for analytic a and numeric n — relative for large
///   derivatives, absolute for small ones. A non-finite analytic derivative where f is finite is an infinite error.
public enum DerivativeCheck {
    /// The largest error that passes.
    public static let tolerance = 1e-5

    public static func run(_ surface: any Surface, points: Int = 400, seed: UInt64 = 1) -> DerivativeCheckResult {
        var result = DerivativeCheckResult(
            surfaceName: surface.name, pointsChecked: 0, maxGradientError: 0, maxHessianError: 0,
            worstGradientPoint: surface.defaultStart, worstHessianPoint: surface.defaultStart,
            tolerance: tolerance, passed: false
        )
        let samples = randomPoints(over: surface.defaultView, count: points, seed: seed) + surface.knownPoints.map(\.point)

        for point in samples {
            guard let errors = errors(of: surface, at: point) else { continue }
            result.pointsChecked += 1
            if !(errors.gradient <= result.maxGradientError) {
                result.maxGradientError = errors.gradient
                result.worstGradientPoint = point
            }
            if !(errors.hessian <= result.maxHessianError) {
                result.maxHessianError = errors.hessian
                result.worstHessianPoint = point
            }
        }
        result.passed = result.pointsChecked > 0
            && result.maxGradientError < tolerance && result.maxHessianError < tolerance
        return result
    }

    /// The random points `run` checks, in order: uniform over `view`, from `seed`.
    public static func randomPoints(over view: ViewRect, count: Int, seed: UInt64 = 1) -> [Vector2] {
        var generator = SeededGenerator(seed: seed)
        return (0..<max(0, count)).map { _ in
            let u = generator.nextUniform(), v = generator.nextUniform()
            return Vector2(view.minX + u * view.width, view.minY + v * view.height)
        }
    }

    /// The largest gradient and Hessian errors at one point, or nil when f is not finite on the stencil.
    static func errors(of surface: any Surface, at point: Vector2) -> (gradient: Double, hessian: Double)? {
        let step = Vector2(differenceStep(point.x), differenceStep(point.y))
        let plusX = point + Vector2(step.x, 0), minusX = point - Vector2(step.x, 0)
        let plusY = point + Vector2(0, step.y), minusY = point - Vector2(0, step.y)
        let values = (surface.value(at: plusX), surface.value(at: minusX), surface.value(at: plusY), surface.value(at: minusY))
        guard values.0.isFinite, values.1.isFinite, values.2.isFinite, values.3.isFinite,
              surface.value(at: point).isFinite else { return nil }

        let gradient = surface.gradient(at: point)
        let numericGradient = Vector2((values.0 - values.1) / (2 * step.x), (values.2 - values.3) / (2 * step.y))
        let gradientError = max(error(gradient.x, numericGradient.x), error(gradient.y, numericGradient.y))

        guard let hessian = surface.hessian(at: point) else { return (gradientError, 0) }
        let columnX = (surface.gradient(at: plusX) - surface.gradient(at: minusX)) / (2 * step.x)
        let columnY = (surface.gradient(at: plusY) - surface.gradient(at: minusY)) / (2 * step.y)
        let hessianError = max(
            error(hessian.xx, columnX.x), error(hessian.xy, columnX.y),
            error(hessian.xy, columnY.x), error(hessian.yy, columnY.y)
        )
        return (gradientError, hessianError)
    }

    /// The analytic and numeric derivatives at one point, side by side, with the steps used.
    public struct Comparison: Sendable {
        public var point: Vector2
        public var step: Vector2
        public var gradient: Vector2
        public var numericGradient: Vector2
        /// The exact Hessian (nil for a surface without one).
        public var hessian: Matrix2?
        /// The numeric Hessian, its off-diagonal entry the mean of the two estimates.
        public var numericHessian: Matrix2
    }

    /// The comparison `errors(of:at:)` makes at `point`, for a person to read.
    public static func comparison(of surface: any Objective, at point: Vector2) -> Comparison {
        let step = Vector2(differenceStep(point.x), differenceStep(point.y))
        let plusX = point + Vector2(step.x, 0), minusX = point - Vector2(step.x, 0)
        let plusY = point + Vector2(0, step.y), minusY = point - Vector2(0, step.y)
        let numericGradient = Vector2((surface.value(at: plusX) - surface.value(at: minusX)) / (2 * step.x),
                                      (surface.value(at: plusY) - surface.value(at: minusY)) / (2 * step.y))
        let columnX = (surface.gradient(at: plusX) - surface.gradient(at: minusX)) / (2 * step.x)
        let columnY = (surface.gradient(at: plusY) - surface.gradient(at: minusY)) / (2 * step.y)
        return Comparison(point: point, step: step, gradient: surface.gradient(at: point), numericGradient: numericGradient,
                          hessian: surface.hessian(at: point),
                          numericHessian: Matrix2(xx: columnX.x, xy: (columnX.y + columnY.x) / 2, yy: columnY.y))
    }

    /// |a − n| / max(1, |a|, |n|), or +∞ when either is not finite.
    static func error(_ analytic: Double, _ numeric: Double) -> Double {
        guard analytic.isFinite, numeric.isFinite else { return .infinity }
        return abs(analytic - numeric) / max(1, abs(analytic), abs(numeric))
    }

    /// ε^(1/3) · max(1, |t|), adjusted so that (t + h) − t is exactly h.
    static func differenceStep(_ t: Double) -> Double {
        let h = 6.055454452393343e-6 * max(1, abs(t))
        return (t + h) - t
    }
}

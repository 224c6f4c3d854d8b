/// BFGS, the quasi-Newton method with the inverse-Hessian update (Nocedal & Wright §6.1):
///
///     dₖ = −Hₖ gₖ,   θₖ₊₁ = θₖ + α dₖ   (α from a strong-Wolfe line search, trying α = 1 first)
///     sₖ = θₖ₊₁ − θₖ,   yₖ = gₖ₊₁ − gₖ,   ρₖ = 1 / yₖᵀsₖ
///     Hₖ₊₁ = (I − ρₖ sₖ yₖᵀ) Hₖ (I − ρₖ yₖ sₖᵀ) + ρₖ sₖ sₖᵀ        (N&W 6.17)
///
/// H₀ = I; just before the first update H₀ is replaced by (yᵀs / yᵀy) I (N&W 6.20). An update
/// with yᵀs ≤ 0 (which would lose positive definiteness) is skipped.
public struct BFGS: Optimizer {
    public let name = "bfgs"
    public var lineSearch: StrongWolfeLineSearch
    public private(set) var lastTrialPoints: [Vector2] = []
    /// f at the current point, then f and ∇f at each trial point of the line search.
    public var evaluationsInLastStep: Int { 1 + lastTrialPoints.count }
    /// Hₖ, the approximation of the inverse Hessian (symmetric).
    public private(set) var inverseHessian = Matrix2.identity
    private var hasUpdated = false

    public init(c1: Double, c2: Double) {
        lineSearch = StrongWolfeLineSearch(sufficientDecrease: c1, curvature: c2)
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        let result = lineSearch.search(
            on: surface, from: context.point, value: surface.value(at: context.point), gradient: g,
            direction: -inverseHessian.times(g), initialStep: 1)
        lastTrialPoints = result.trialPoints
        switch result.outcome {
        case let .failed(reason):
            return .failed(reason: reason)
        case let .accepted(trial):
            update(s: trial.point - context.point, y: trial.gradient - g)
            return .moved(to: trial.point)
        }
    }

    /// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded for a symmetric H with v = H y:
    /// H − ρ (s vᵀ + v sᵀ) + (ρ² yᵀv + ρ) s sᵀ.
    private mutating func update(s: Vector2, y: Vector2) {
        let curvature = y.dot(s)
        guard curvature > 0 else { return }
        if !hasUpdated {
            let scale = curvature / y.dot(y)
            inverseHessian = Matrix2(xx: scale, xy: 0, yy: scale)
            hasUpdated = true
        }
        let rho = 1 / curvature
        let h = inverseHessian
        let v = h.times(y)
        let c = rho * rho * y.dot(v) + rho
        inverseHessian = Matrix2(
            xx: h.xx - 2 * rho * s.x * v.x + c * s.x * s.x,
            xy: h.xy - rho * (s.x * v.y + v.x * s.y) + c * s.x * s.y,
            yy: h.yy - 2 * rho * s.y * v.y + c * s.y * s.y)
    }

    public mutating func adopt(_ values: ParameterValues) {
        lineSearch.sufficientDecrease = values[.c1]
        lineSearch.curvature = values[.c2]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "bfgs", family: .secondOrder,
        rule: "θ ← θ − α H g (strong Wolfe); H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ",
        lesson: "Learns the curvature from how the gradient changes: Newton-like speed without ever computing a Hessian.",
        parameters: StrongWolfeLineSearch.parameters(defaultCurvature: 0.9),
        usesLineSearch: true,
        settableKeys: ["c1", "c2"],
        check: StrongWolfeLineSearch.checkConstants
    ) { values in BFGS(c1: values[.c1], c2: values[.c2]) }
}

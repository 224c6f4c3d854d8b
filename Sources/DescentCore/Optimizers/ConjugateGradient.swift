/// Nonlinear conjugate gradient, Polak–Ribière+ (Nocedal & Wright §5.2):
///
///     β = max(0, gₖᵀ(gₖ − gₖ₋₁) / gₖ₋₁ᵀgₖ₋₁),   dₖ = −gₖ + β dₖ₋₁   (d₁ = −g₁)
///
/// restarted with dₖ = −gₖ whenever gₖᵀdₖ ≥ 0; then θ ← θ + α dₖ with α from a strong-Wolfe line
/// search (c1, c2). The line search first tries α = 1/|g₁| on step 1 (a trial point at distance 1)
/// and afterwards α = αₖ₋₁ gₖ₋₁ᵀdₖ₋₁ / gₖᵀdₖ (N&W 3.60: the first-order change along the line is
/// expected to be the same as on the previous step).
public struct ConjugateGradient: Optimizer {
    public let name = "cg"
    public var lineSearch: StrongWolfeLineSearch
    public private(set) var lastTrialPoints: [Vector2] = []
    /// f at the current point, then f and ∇f at each trial point of the line search.
    public var evaluationsInLastStep: Int { 1 + lastTrialPoints.count }
    /// gₖ₋₁, dₖ₋₁, αₖ₋₁ and gₖ₋₁ᵀdₖ₋₁ of the previous step (unused before the first step).
    private var previousGradient = Vector2.zero
    private var previousDirection = Vector2.zero
    private var previousStep = 0.0
    private var previousSlope = 0.0
    private var hasPreviousStep = false

    public init(c1: Double, c2: Double) {
        lineSearch = StrongWolfeLineSearch(sufficientDecrease: c1, curvature: c2)
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        var direction = -g
        var initialStep = 1 / g.length
        if hasPreviousStep {
            let beta = max(0, g.dot(g - previousGradient) / previousGradient.dot(previousGradient))
            direction = -g + beta * previousDirection
            if !(g.dot(direction) < 0) { direction = -g }
            initialStep = previousStep * previousSlope / g.dot(direction)
        }
        let result = lineSearch.search(
            on: surface, from: context.point, value: surface.value(at: context.point), gradient: g,
            direction: direction, initialStep: initialStep)
        lastTrialPoints = result.trialPoints
        switch result.outcome {
        case let .failed(reason):
            return .failed(reason: reason)
        case let .accepted(trial):
            previousGradient = g
            previousDirection = direction
            previousStep = trial.step
            previousSlope = g.dot(direction)
            hasPreviousStep = true
            return .moved(to: trial.point)
        }
    }

    public mutating func adopt(_ values: ParameterValues) {
        lineSearch.sufficientDecrease = values[.c1]
        lineSearch.curvature = values[.c2]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "cg", family: .secondOrder,
        rule: "d ← −g + max(0, gᵀ(g − g₋)/|g₋|²) d; θ ← θ + α d, α by strong-Wolfe line search",
        lesson: "Remembers its last direction so it stops zig-zagging: a 2-D quadratic takes about two line searches.",
        parameters: StrongWolfeLineSearch.parameters(defaultCurvature: 0.1),
        usesLineSearch: true,
        settableKeys: ["c1", "c2"],
        check: StrongWolfeLineSearch.checkConstants
    ) { values in ConjugateGradient(c1: values[.c1], c2: values[.c2]) }
}

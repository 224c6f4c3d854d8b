/// Limited-memory BFGS (Nocedal & Wright §7.2): dₖ = −Hₖ gₖ with Hₖ gₖ computed by the two-loop
/// recursion (N&W algorithm 7.4) over the last m pairs sᵢ = θᵢ₊₁ − θᵢ, yᵢ = gᵢ₊₁ − gᵢ, ρᵢ = 1 / yᵢᵀsᵢ:
///
///     q ← g;  for i = newest … oldest:  aᵢ = ρᵢ sᵢᵀq,  q ← q − aᵢ yᵢ
///     r ← γₖ q,  γₖ = sᵀy / yᵀy of the newest pair  (r = q before the first pair)
///     for i = oldest … newest:  b = ρᵢ yᵢᵀr,  r ← r + (aᵢ − b) sᵢ
///
/// then θ ← θ + α dₖ with α from a strong-Wolfe line search, trying α = 1 first. The pairs live in
/// a ring of at most m slots (the oldest is overwritten); a pair with yᵀs ≤ 0 is not stored.
public struct LBFGS: Optimizer {
    public let name = "lbfgs"
    public var lineSearch: StrongWolfeLineSearch
    /// m ≥ 1, the number of (s, y) pairs kept.
    public let history: Int
    public private(set) var lastTrialPoints: [Vector2] = []
    /// f at the current point, then f and ∇f at each trial point of the line search.
    public var evaluationsInLastStep: Int { 1 + lastTrialPoints.count }

    struct CorrectionPair {
        var s: Vector2
        var y: Vector2
        var rho: Double
    }

    /// The stored pairs, at most `history`; when full, `nextSlot` is the oldest and the next to be overwritten.
    private(set) var pairs: [CorrectionPair] = []
    private var nextSlot = 0
    /// Scratch for the aᵢ of the two-loop recursion, reused across steps.
    private var coefficients: [Double] = []

    public init(history: Int, c1: Double, c2: Double) {
        self.history = max(1, history)
        lineSearch = StrongWolfeLineSearch(sufficientDecrease: c1, curvature: c2)
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        let result = lineSearch.search(
            on: surface, from: context.point, value: surface.value(at: context.point), gradient: g,
            direction: -inverseHessianTimes(g), initialStep: 1)
        lastTrialPoints = result.trialPoints
        switch result.outcome {
        case let .failed(reason):
            return .failed(reason: reason)
        case let .accepted(trial):
            remember(s: trial.point - context.point, y: trial.gradient - g)
            return .moved(to: trial.point)
        }
    }

    /// Hₖ g by the two-loop recursion.
    private mutating func inverseHessianTimes(_ g: Vector2) -> Vector2 {
        let count = pairs.count
        guard count > 0 else { return g }
        let oldest = count < history ? 0 : nextSlot
        while coefficients.count < count { coefficients.append(0) }
        var q = g
        for i in stride(from: count - 1, through: 0, by: -1) {
            let pair = pairs[(oldest + i) % count]
            coefficients[i] = pair.rho * pair.s.dot(q)
            q -= coefficients[i] * pair.y
        }
        let newest = pairs[(oldest + count - 1) % count]
        var r = newest.s.dot(newest.y) / newest.y.dot(newest.y) * q
        for i in 0..<count {
            let pair = pairs[(oldest + i) % count]
            let b = pair.rho * pair.y.dot(r)
            r += (coefficients[i] - b) * pair.s
        }
        return r
    }

    private mutating func remember(s: Vector2, y: Vector2) {
        let curvature = y.dot(s)
        guard curvature > 0 else { return }
        let pair = CorrectionPair(s: s, y: y, rho: 1 / curvature)
        if pairs.count < history {
            pairs.append(pair)
        } else {
            pairs[nextSlot] = pair
        }
        nextSlot = (nextSlot + 1) % history
    }

    public mutating func adopt(_ values: ParameterValues) {
        lineSearch.sufficientDecrease = values[.c1]
        lineSearch.curvature = values[.c2]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "lbfgs", family: .secondOrder,
        rule: "θ ← θ − α H g, H g by the two-loop recursion over the last m pairs (s, y); α by strong Wolfe",
        lesson: "BFGS that remembers only its last m steps: the workhorse when there are millions of parameters.",
        parameters: [ParameterSpec(.history, .integer(default: 10, minimum: 1, maximum: 10_000), "m, the (s, y) pairs remembered (at most 10,000)")]
            + StrongWolfeLineSearch.parameters(defaultCurvature: 0.9),
        usesLineSearch: true,
        settableKeys: ["c1", "c2"],
        aliases: [.rename("history_size", to: "history")],
        check: StrongWolfeLineSearch.checkConstants
    ) { values in LBFGS(history: values[.history], c1: values[.c1], c2: values[.c2]) }
}

/// Adadelta, as torch.optim.Adadelta: the step is the ratio of two moving root-mean-squares,
/// of past steps and of gradients, so it carries the units of θ.
///
/// v ← ρ v + (1 − ρ) g²; Δ = √(u + ε) / √(v + ε) · g; u ← ρ u + (1 − ρ) Δ²; θ ← θ − γ Δ
/// (ε inside the roots, unlike the other adaptive methods).
public struct Adadelta: Optimizer {
    public var name: String { "adadelta" }
    /// ρ, the weight of the old averages.
    public var rho: Double
    /// ε, added inside both roots.
    public var epsilon: Double
    /// v, the moving average of g².
    private var squareAverage = Vector2.zero
    /// u, the moving average of Δ².
    private var deltaSquareAverage = Vector2.zero

    public init(rho: Double, epsilon: Double) {
        self.rho = rho
        self.epsilon = epsilon
    }

    @inline(__always)
    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        squareAverage = rho * squareAverage + (1 - rho) * g * g
        let delta = (deltaSquareAverage + epsilon).hardwareSquareRoot / (squareAverage + epsilon).hardwareSquareRoot * g
        deltaSquareAverage = rho * deltaSquareAverage + (1 - rho) * delta * delta
        return .moved(to: context.point - context.learningRate * delta)
    }

    public mutating func adopt(_ values: ParameterValues) {
        rho = values[.rho]
        epsilon = values[.eps]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "adadelta", family: .firstOrder,
        rule: "v ← ρ v + (1 − ρ) g²; Δ = √(u + ε) / √(v + ε) · g; u ← ρ u + (1 − ρ) Δ²; θ ← θ − γ Δ",
        lesson: "Steps sized by the history of past steps: no learning rate to tune, but a slow start set by √ε.",
        parameters: [
            .real(.lr, 1.0, .positive, "learning rate γ, a factor on Δ"),
            .real(.rho, 0.9, .belowOne, "ρ, the weight of the old averages"),
            .real(.eps, 1e-6, .positive, "ε, added inside the roots"),
        ],
        settableKeys: ["rho", "eps"]
    ) { values in Adadelta(rho: values[.rho], epsilon: values[.eps]) }
}

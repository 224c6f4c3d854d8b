/// Nesterov momentum, as torch.optim.SGD with momentum μ and nesterov=True:
/// b ← g on the first step, else b ← μ b + g; θ ← θ − γ (g + μ b).
public struct Nesterov: Optimizer {
    public var name: String { "nesterov" }
    /// μ, the fraction of the velocity kept each step.
    public var momentum: Double
    /// The velocity b; nil before the first step.
    private var velocity: Vector2?

    public init(momentum: Double) {
        self.momentum = momentum
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        let b = velocity.map { momentum * $0 + g } ?? g
        velocity = b
        return .moved(to: context.point - context.learningRate * (g + momentum * b))
    }

    public mutating func adopt(_ values: ParameterValues) {
        momentum = values[.momentum]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "nesterov", family: .firstOrder,
        rule: "b ← μ b + g (b = g at first); θ ← θ − γ (g + μ b)",
        lesson: "Momentum that corrects itself: stepping with the updated velocity makes it brake before overshooting.",
        parameters: [
            .real(.lr, 0.01, .positive, "learning rate γ"),
            .real(.momentum, 0.9, .belowOne, "μ, the fraction of the velocity kept each step"),
        ],
        settableKeys: ["momentum"],
        rateScale: .gradient
    ) { values in Nesterov(momentum: values[.momentum]) }
}

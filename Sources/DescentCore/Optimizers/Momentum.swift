/// Heavy-ball momentum, as torch.optim.SGD with momentum μ and dampening τ:
/// b ← g on the first step, else b ← μ b + (1 − τ) g; θ ← θ − γ b — or, with torch's nesterov=True
/// (which needs τ = 0 and μ > 0), θ ← θ − γ (g + μ b), the step of descent's nesterov.
public struct Momentum: Optimizer {
    public var name: String { "momentum" }
    /// μ, the fraction of the velocity kept each step.
    public var momentum: Double
    /// τ, the fraction of each new gradient left out of the velocity (after the first step).
    public var dampening: Double
    /// torch's nesterov=True: the step is g + μ b instead of b.
    public let nesterov: Bool
    /// The velocity b; nil before the first step.
    private var velocity: Vector2?

    public init(momentum: Double, dampening: Double, nesterov: Bool = false) {
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        let b = velocity.map { momentum * $0 + (1 - dampening) * g } ?? g
        velocity = b
        return .moved(to: context.point - context.learningRate * (nesterov ? g + momentum * b : b))
    }

    public mutating func adopt(_ values: ParameterValues) {
        momentum = values[.momentum]
        dampening = values[.dampening]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "momentum", family: .firstOrder,
        rule: "b ← μ b + (1 − τ) g (b = g at first); θ ← θ − γ b",
        lesson: "A heavy ball: velocity builds up along a consistent slope and damps the zig-zag across a narrow valley, but it overshoots.",
        parameters: [
            .real(.lr, 0.01, .positive, "learning rate γ"),
            .real(.momentum, 0.9, .belowOne, "μ, the fraction of the velocity kept each step"),
            .real(.dampening, 0, .unitInterval, "τ, the fraction of each new gradient left out of the velocity"),
            ParameterSpec(.nesterov, .flag(default: false), "torch's nesterov=True: step with g + μ b (needs dampening=0), as descent's nesterov"),
        ],
        settableKeys: ["momentum", "dampening"],
        rateScale: .gradient,
        check: { values in
            values[.nesterov] && (values[.dampening] != 0 || values[.momentum] == 0)
                ? "nesterov=true needs momentum > 0 and dampening=0 (as torch's SGD)" : nil
        }
    ) { values in Momentum(momentum: values[.momentum], dampening: values[.dampening], nesterov: values[.nesterov]) }
}

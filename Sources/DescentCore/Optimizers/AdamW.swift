/// AdamW, as torch.optim.AdamW: Adam with decoupled weight decay — the decay shrinks θ itself before
/// the Adam step, instead of joining the gradient (where Adam's scaling would divide it away).
///
/// θ ← θ − γ λ θ; then m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; θ ← θ − γ m̂ / (√v̂ + ε),
/// g being ∇f at the θ of the step's start. torch's defaults: γ = 0.001, β = (0.9, 0.999),
/// ε = 1e-8, λ = 0.01.
public struct AdamW: Optimizer {
    public var name: String { "adamw" }
    /// λ, the decoupled weight decay.
    public var weightDecay: Double
    private var adam: Adam

    public init(beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, amsgrad: Bool) {
        adam = Adam(beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
        self.weightDecay = weightDecay
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        var decayed = context
        decayed.point = (1 - context.learningRate * weightDecay) * context.point
        return adam.step(decayed, on: surface)
    }

    public mutating func adopt(_ values: ParameterValues) {
        adam.adopt(values)
        weightDecay = values[.weightDecay]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "adamw", family: .firstOrder,
        rule: "θ ← θ − γ λ θ; m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; θ ← θ − γ m̂ / (√v̂ + ε)",
        lesson: "Adam with the weight decay taken off the gradient: it shrinks θ by γλ a step whatever the gradient's scale, as L2 inside Adam does not.",
        parameters: [
            .real(.lr, 0.001, .positive, "learning rate γ"),
            .real(.beta1, 0.9, .belowOne, "β₁, the weight of the old first moment m"),
            .real(.beta2, 0.999, .belowOne, "β₂, the weight of the old second moment v"),
            .real(.eps, 1e-8, .positive, "ε, added to √v̂"),
            .real(.weightDecay, 0.01, .nonNegative, "λ, decoupled: θ shrinks by γλθ each step, apart from the gradient"),
            ParameterSpec(.amsgrad, .flag(default: false), "divide by the largest v so far (AMSGrad)"),
        ],
        settableKeys: ["eps", "weight_decay"],
        rateScale: .stepSize,
        aliases: [.betas]
    ) { values in
        AdamW(beta1: values[.beta1], beta2: values[.beta2], epsilon: values[.eps],
              weightDecay: values[.weightDecay], amsgrad: values[.amsgrad])
    }
}

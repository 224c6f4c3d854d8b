/// Adam, as torch.optim.Adam: momentum on g divided by the root of a moving average of g²,
/// both corrected for their zero start.
///
/// m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; m̂ = m / (1 − β₁ᵗ);
/// v̂ = v / (1 − β₂ᵗ), or with amsgrad v_max ← max(v_max, v), v̂ = v_max / (1 − β₂ᵗ);
/// θ ← θ − γ m̂ / (√v̂ + ε).
///
/// torch evaluates the step as (γ / (1 − β₁ᵗ)) m / (√v / c + ε) with c = √(1 − β₂ᵗ). Here both
/// sides of that fraction are multiplied by c: (γ / (1 − β₁ᵗ) · c) m / (√v + ε c). The scalars
/// come off the path from g to θ, which keeps one division instead of two after the root (the
/// step is latency-bound); the result agrees with torch's order to a few units in the last place.
///
/// β₁ᵗ and β₂ᵗ are running products (one multiplication a step instead of a `pow`); they agree
/// with `pow(β, t)` to about 1e-15 and are set to 0 once below 2⁻⁵⁴, where 1 − βᵗ rounds to 1.
public struct Adam: Optimizer {
    public var name: String { "adam" }
    /// β₁, the weight of the old first moment.
    public let beta1: Double
    /// β₂, the weight of the old second moment.
    public let beta2: Double
    /// ε, added to √v̂.
    public var epsilon: Double
    /// True to divide by the largest second moment so far (AMSGrad).
    public let amsgrad: Bool
    /// m, the moving average of g.
    private var firstMoment = Vector2.zero
    /// v, the moving average of g².
    private var secondMoment = Vector2.zero
    /// v_max, the element-wise maximum of v so far (amsgrad only).
    private var maxSecondMoment = Vector2.zero
    /// β₁ᵗ after step t (1 before the first step).
    private(set) var beta1Power = 1.0
    /// β₂ᵗ after step t (1 before the first step).
    private(set) var beta2Power = 1.0

    public init(beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
    }

    @inline(__always)
    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        firstMoment = beta1 * firstMoment + (1 - beta1) * g
        secondMoment = beta2 * secondMoment + (1 - beta2) * g * g
        beta1Power = Self.nextPower(beta1Power, beta1)
        beta2Power = Self.nextPower(beta2Power, beta2)
        let rootCorrection = (1 - beta2Power).hardwareSquareRoot
        let stepSize = context.learningRate / (1 - beta1Power) * rootCorrection
        var second = secondMoment
        if amsgrad {
            maxSecondMoment = pointwiseMax(maxSecondMoment, secondMoment)
            second = maxSecondMoment
        }
        let denominator = second.hardwareSquareRoot + epsilon * rootCorrection
        return .moved(to: context.point - stepSize * firstMoment / denominator)
    }

    /// βᵗ⁺¹ from βᵗ, flushed to 0 below 2⁻⁵⁴ (where 1 − βᵗ is already 1) to stay clear of subnormals.
    @inline(__always) private static func nextPower(_ power: Double, _ beta: Double) -> Double {
        let next = power * beta
        return next < 0x1p-54 ? 0 : next
    }

    public mutating func adopt(_ values: ParameterValues) {
        epsilon = values[.eps]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "adam", family: .firstOrder,
        rule: "m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; θ ← θ − γ m̂ / (√v̂ + ε)",
        lesson: "Momentum plus per-coordinate scaling: each step moves about γ whatever the gradient's size, so steep and flat look alike.",
        parameters: [
            .real(.lr, 0.001, .positive, "learning rate γ"),
            .real(.beta1, 0.9, .belowOne, "β₁, the weight of the old first moment m"),
            .real(.beta2, 0.999, .belowOne, "β₂, the weight of the old second moment v"),
            .real(.eps, 1e-8, .positive, "ε, added to √v̂"),
            ParameterSpec(.amsgrad, .flag(default: false), "divide by the largest v so far (AMSGrad)"),
        ],
        settableKeys: ["eps"],
        rateScale: .stepSize,
        aliases: [.betas]
    ) { values in
        Adam(
            beta1: values[.beta1], beta2: values[.beta2],
            epsilon: values[.eps], amsgrad: values[.amsgrad])
    }
}

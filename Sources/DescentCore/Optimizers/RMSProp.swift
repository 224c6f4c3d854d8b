/// RMSprop, as torch.optim.RMSprop: the step is divided by the root of a moving average of
/// squared gradients.
///
/// v ← α v + (1 − α) g²; ṽ = v, or if centered a ← α a + (1 − α) g and ṽ = v − a²;
/// with momentum μ > 0: b ← μ b + g / (√ṽ + ε), θ ← θ − γ b; else θ ← θ − γ g / (√ṽ + ε).
/// ṽ = v − a² is never negative in exact arithmetic; it is clamped at 0 so that rounding
/// cannot turn it into a NaN.
public struct RMSProp: Optimizer {
    public var name: String { "rmsprop" }
    /// α, the weight of the old average.
    public var alpha: Double
    /// ε, added to √ṽ.
    public var epsilon: Double
    /// μ, the momentum of the scaled step (0: none).
    public var momentum: Double
    /// True to divide by the root of the variance v − a² rather than of v.
    public let centered: Bool
    /// v, the moving average of g².
    private var squareAverage = Vector2.zero
    /// a, the moving average of g (centered only).
    private var gradientAverage = Vector2.zero
    /// b, the momentum buffer (μ > 0 only).
    private var velocity = Vector2.zero

    public init(alpha: Double, epsilon: Double, momentum: Double, centered: Bool) {
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
    }

    @inline(__always)
    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        squareAverage = alpha * squareAverage + (1 - alpha) * g * g
        var variance = squareAverage
        if centered {
            gradientAverage = alpha * gradientAverage + (1 - alpha) * g
            variance = pointwiseMax(squareAverage - gradientAverage * gradientAverage, .zero)
        }
        let scale = variance.hardwareSquareRoot + epsilon
        if momentum > 0 {
            velocity = momentum * velocity + g / scale
            return .moved(to: context.point - context.learningRate * velocity)
        }
        return .moved(to: context.point - context.learningRate * g / scale)
    }

    public mutating func adopt(_ values: ParameterValues) {
        alpha = values[.alpha]
        epsilon = values[.eps]
        momentum = values[.momentum]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "rmsprop", family: .firstOrder,
        rule: "v ← α v + (1 − α) g²; θ ← θ − γ g / (√v + ε) (centered: v − a²; momentum: via b)",
        lesson: "A moving average of g² forgets old gradients, so unlike AdaGrad the steps do not shrink forever.",
        parameters: [
            .real(.lr, 0.01, .positive, "learning rate γ"),
            .real(.alpha, 0.99, .belowOne, "α, the weight of the old average of g²"),
            .real(.eps, 1e-8, .positive, "ε, added to the root"),
            .real(.momentum, 0, .belowOne, "μ, momentum of the scaled step (0: none)"),
            ParameterSpec(.centered, .flag(default: false), "divide by the root of the variance v − a² instead of v"),
        ],
        settableKeys: ["alpha", "eps", "momentum"],
        rateScale: .stepSize
    ) { values in
        RMSProp(
            alpha: values[.alpha], epsilon: values[.eps],
            momentum: values[.momentum], centered: values[.centered])
    }
}

/// AdaGrad, as torch.optim.Adagrad: each coordinate's step is divided by the root of its summed
/// squared gradients.
///
/// γ̃ = γ / (1 + (t − 1) η); s ← s + g²; θ ← θ − γ̃ g / (√s + ε), with s starting at the
/// initial accumulator value.
public struct AdaGrad: Optimizer {
    public var name: String { "adagrad" }
    /// η, the decay of the learning rate with the step count t.
    public var learningRateDecay: Double
    /// ε, added to √s.
    public var epsilon: Double
    /// s, the per-coordinate sum of squared gradients.
    private var sumOfSquares: Vector2

    public init(learningRateDecay: Double, initialAccumulatorValue: Double, epsilon: Double) {
        self.learningRateDecay = learningRateDecay
        self.epsilon = epsilon
        sumOfSquares = Vector2(repeating: initialAccumulatorValue)
    }

    @inline(__always)
    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let g = context.gradient
        let decayedRate = context.learningRate / (1 + Double(context.iteration - 1) * learningRateDecay)
        sumOfSquares += g * g
        let scale = sumOfSquares.hardwareSquareRoot + epsilon
        return .moved(to: context.point - decayedRate * g / scale)
    }

    public mutating func adopt(_ values: ParameterValues) {
        learningRateDecay = values[.lrDecay]
        epsilon = values[.eps]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "adagrad", family: .firstOrder,
        rule: "s ← s + g²; θ ← θ − γ / (1 + (t − 1) η) · g / (√s + ε)",
        lesson: "Per-coordinate step sizes from the gradient history: steep directions slow down at once, but every step shrinks forever.",
        parameters: [
            .real(.lr, 0.01, .positive, "learning rate γ"),
            .real(.lrDecay, 0, .nonNegative, "η: the rate is γ / (1 + (t − 1) η)"),
            .real(.initialAccumulatorValue, 0, .nonNegative, "the starting value of the sum of squared gradients s"),
            .real(.eps, 1e-10, .positive, "ε, added to √s"),
        ],
        settableKeys: ["lr_decay", "eps"],
        rateScale: .stepSize
    ) { values in
        AdaGrad(
            learningRateDecay: values[.lrDecay],
            initialAccumulatorValue: values[.initialAccumulatorValue],
            epsilon: values[.eps])
    }
}

/// Stochastic gradient descent on an analytic surface: the exact gradient plus Gaussian noise,
/// g̃ = g + σ ξ with ξ ~ N(0, I) from the optimizer's own `SeededGenerator`; θ ← θ − γ g̃.
///
/// The noise stands in for minibatch noise. One `nextNormal2()` is drawn every step, so the
/// same seed gives the same trajectory, and σ = 0 gives gradient descent exactly.
public struct StochasticGradientDescent: Optimizer {
    public var name: String { "sgd" }
    /// σ, the standard deviation of the noise added to each gradient component.
    public var noise: Double
    private var generator: SeededGenerator

    public init(noise: Double, seed: UInt64) {
        self.noise = noise
        generator = SeededGenerator(seed: seed)
    }

    @inline(__always)
    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        let noisyGradient = context.gradient + noise * generator.nextNormal2()
        return .moved(to: context.point - context.learningRate * noisyGradient)
    }

    public mutating func adopt(_ values: ParameterValues) {
        noise = values.real("noise")
    }

    public static let descriptor = OptimizerDescriptor(
        name: "sgd", family: .firstOrder,
        rule: "g̃ = g + σ ξ, ξ ~ N(0, I); θ ← θ − γ g̃",
        lesson: "Noisy gradients jitter around the path and never settle: a constant step needs a decaying schedule to converge.",
        parameters: [
            .real("lr", 0.01, .positive, "learning rate γ"),
            .real("noise", 0.5, .nonNegative, "σ, the standard deviation of the gradient noise"),
        ],
        usesRandomness: true,
        settableKeys: ["noise"],
        rateScale: .gradient
    ) { values in StochasticGradientDescent(noise: values.real("noise"), seed: values.seed) }
}

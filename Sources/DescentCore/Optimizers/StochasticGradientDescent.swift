/// Stochastic gradient descent on an analytic surface: θ ← θ − γ g̃ with the noisy gradient
/// g̃ = g + σ ξ, ξ ~ N(0, I), that the racer gives every first-order method with `noise=σ`
/// (see `GradientNoise`); sgd is gradient descent whose noise is on by default.
///
/// The noise stands in for minibatch noise: ξₜ comes from (seed, t), so the same seed gives the same
/// trajectory, and σ = 0 gives gradient descent exactly.
public struct StochasticGradientDescent: Optimizer {
    public var name: String { "sgd" }

    public init() {}

    @inline(__always)
    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        .moved(to: context.point - context.learningRate * context.gradient)
    }

    public mutating func adopt(_ values: ParameterValues) {}

    public static let descriptor = OptimizerDescriptor(
        name: "sgd", family: .firstOrder,
        rule: "g̃ = g + σ ξ, ξ ~ N(0, I); θ ← θ − γ g̃",
        lesson: "Noisy gradients jitter around the path and never settle: a constant step needs a decaying schedule to converge.",
        parameters: [
            .real(.lr, 0.01, .positive, "learning rate γ"),
            .real(.noise, 0.5, .nonNegative, "σ, the standard deviation of the gradient noise"),
        ],
        usesRandomness: true,
        settableKeys: ["noise"],
        rateScale: .gradient
    ) { _ in StochasticGradientDescent() }
}

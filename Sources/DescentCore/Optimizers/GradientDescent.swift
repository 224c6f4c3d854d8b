/// Plain gradient descent: θ ← θ − γ g, the step every other first-order method modifies.
///
/// Stateless: γ arrives already scheduled in `StepContext.learningRate`.
public struct GradientDescent: Optimizer {
    public var name: String { "gd" }

    public init() {}

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        .moved(to: context.point - context.learningRate * context.gradient)
    }

    public static let descriptor = OptimizerDescriptor(
        name: "gd", family: .firstOrder,
        rule: "θ ← θ − γ g",
        lesson: "Follows the steepest slope: too small a step crawls, too large a step oscillates or diverges.",
        parameters: [.real(.lr, 0.01, .positive, "learning rate γ")],
        rateScale: .gradient
    ) { _ in GradientDescent() }
}

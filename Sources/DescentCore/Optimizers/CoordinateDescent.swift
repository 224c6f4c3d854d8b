/// Cyclic coordinate descent: odd steps t move x by −γ ∂f/∂x, even steps move y by −γ ∂f/∂y.
///
/// It uses one component of the gradient a step, so it is a first-order method: its family is
/// `firstOrder` and it accepts the learning-rate schedules (the contract gives schedules to the
/// first-order methods). It is listed with the derivative-free methods because it explores one
/// coordinate at a time.
public struct CoordinateDescent: Optimizer {
    public let name = "coordinate"

    public init() {}

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        var next = context.point
        if context.iteration % 2 == 1 {
            next.x -= context.learningRate * context.gradient.x
        } else {
            next.y -= context.learningRate * context.gradient.y
        }
        return .moved(to: next)
    }

    public static let descriptor = OptimizerDescriptor(
        name: "coordinate", family: .firstOrder,
        rule: "odd t: x ← x − γ ∂f/∂x; even t: y ← y − γ ∂f/∂y",
        lesson: "One axis at a time: quick when the valley lines up with the axes, a staircase when it runs diagonally.",
        parameters: [.real(.lr, 0.01, .positive, "learning rate γ")]
    ) { _ in CoordinateDescent() }
}

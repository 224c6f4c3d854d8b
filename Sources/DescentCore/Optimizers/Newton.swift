/// Newton's method with optional damping: θ ← θ − γ (H + λI)⁻¹ g, H = ∇²f(θ) the analytic Hessian.
///
/// Pure Newton (λ = 0) jumps to the stationary point of the local quadratic model, so on a
/// convex quadratic it lands on the minimum in one step (γ = 1) — and it is drawn to saddles
/// and maxima just as readily. A singular H + λI fails the step instead of producing NaN.
public struct Newton: Optimizer {
    public let name = "newton"
    /// λ ≥ 0, added to the Hessian's diagonal.
    public var damping: Double
    /// ∇²f at the current point.
    public var evaluationsInLastStep: Int { 1 }

    public init(damping: Double) {
        self.damping = damping
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        guard let hessian = surface.hessian(at: context.point) else {
            return .failed(reason: "this surface has no exact Hessian")
        }
        let system = hessian.shifted(by: damping)
        guard let newtonStep = system.solve(context.gradient) else {
            return .failed(reason: "singular Hessian: H + λI cannot be inverted here (det = \(formatNumber(system.determinant)))")
        }
        return .moved(to: context.point - context.learningRate * newtonStep)
    }

    public mutating func adopt(_ values: ParameterValues) {
        damping = values[.damping]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "newton", family: .secondOrder,
        rule: "θ ← θ − γ (H + λI)⁻¹ g",
        lesson: "Curvature makes it jump to a quadratic's bottom in one step — and just as happily to a saddle or a maximum.",
        parameters: [
            .real(.lr, 1.0, .positive, "step scale γ (1 is the full Newton step)"),
            .real(.damping, 0, .nonNegative, "λ added to the Hessian's diagonal (Levenberg damping)"),
        ],
        settableKeys: ["damping"]
    ) { values in Newton(damping: values[.damping]) }
}

/// Local random search: draw K points θ + σ ξ, ξ ~ N(0, I) from the seeded generator, and move to
/// the one with the lowest f if it is lower than f(θ); otherwise stay. f never increases.
public struct RandomSearch: Optimizer {
    public let name = "random-search"
    /// K ≥ 1, the samples drawn each step.
    public var samples: Int
    /// σ > 0, the standard deviation of each sample around θ.
    public var radius: Double
    private var generator: SeededGenerator
    /// f at the current point and at each sample.
    public var evaluationsInLastStep: Int { 1 + samples }

    public init(samples: Int, radius: Double, seed: UInt64) {
        self.samples = samples
        self.radius = radius
        generator = SeededGenerator(seed: seed)
    }

    public mutating func step(_ context: StepContext, on surface: any Objective) -> StepResult {
        var best = context.point
        var bestValue = surface.value(at: context.point)
        for _ in 0..<samples {
            let candidate = context.point + radius * generator.nextNormal2()
            let value = surface.value(at: candidate)
            if value < bestValue {
                best = candidate
                bestValue = value
            }
        }
        return .moved(to: best)
    }

    public mutating func adopt(_ values: ParameterValues) {
        samples = values[.samples]
        radius = values[.radius]
    }

    public static let descriptor = OptimizerDescriptor(
        name: "random-search", family: .derivativeFree,
        rule: "draw K points θ + σ ξ; move to the best if it lowers f",
        lesson: "Needs no gradient at all, but wastes most of its samples, and more of them the more dimensions there are.",
        parameters: [
            ParameterSpec(.samples, .integer(default: 20, minimum: 1, maximum: 100_000), "K, points drawn each step (at most 100,000)"),
            .real(.radius, 0.1, .positive, "σ, the spread of the samples around θ"),
        ],
        usesRandomness: true,
        settableKeys: ["samples", "radius"]
    ) { values in RandomSearch(samples: values[.samples], radius: values[.radius], seed: values.seed) }
}

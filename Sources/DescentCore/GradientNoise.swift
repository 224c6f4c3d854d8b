/// Gaussian noise on the gradient a first-order step is given, g̃ₜ = gₜ + σ ξₜ with ξₜ ~ N(0, I): the
/// `noise=σ` key of any first-order optimizer (sgd's by default), so any of them can run stochastically.
///
/// ξₜ depends on (seed, t) alone — `SeededGenerator(seed: k).nextNormal2()` with k the first draw of
/// `SeededGenerator(seed: seed ⊕ t · 0x9E3779B97F4A7C15)` — like a minibatch, so the same seed gives the
/// same noise on every machine, a trajectory can be recomputed from its points, and changing σ during a
/// run changes the size of the noise from the next step on, not its draws.
public struct GradientNoise: Sendable, Equatable {
    /// σ, the standard deviation of each component.
    public var sigma: Double
    public let seed: UInt64

    public init(sigma: Double, seed: UInt64) {
        self.sigma = sigma
        self.seed = seed
    }

    /// ξₜ, the standard normal draw of step t.
    @inline(__always)
    public static func draw(forStep t: Int, seed: UInt64) -> Vector2 {
        var keyed = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: t) &* 0x9E37_79B9_7F4A_7C15))
        var generator = SeededGenerator(seed: keyed.next())
        return generator.nextNormal2()
    }

    /// σ ξₜ, added to step t's gradient.
    @inline(__always)
    public func offset(forStep t: Int) -> Vector2 { sigma * Self.draw(forStep: t, seed: seed) }
}

extension ParameterSpec {
    /// The gradient noise σ of a first-order method (0: the exact gradient).
    public static let noiseParameter = ParameterSpec.real(
        .noise, 0, .nonNegative, "σ, the standard deviation of Gaussian noise added to each gradient (0: none)")
}

/// The project's own random number generator: SplitMix64 (Steele, Lea & Flood 2014).
///
/// The same seed gives the same sequence on every machine; nothing in descent draws from
/// system or Foundation randomness.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in the open interval (0, 1), from the top 53 bits.
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A pair of independent standard normal numbers ξ ~ N(0, I), by Marsaglia's polar method:
    /// (u, v) uniform in the unit disc, s = u² + v², ξ = (u, v) · √(−2 ln s / s).
    /// One logarithm a pair and no sine or cosine, so sgd's noise stays cheap.
    public mutating func nextNormal2() -> Vector2 {
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s < 1 && s > 0 {
                let factor = (-2 * Math.log(s) / s).squareRoot()
                return Vector2(u * factor, v * factor)
            }
        }
    }
}

/// The gradient stop |∇f| ≤ t (t = 0: never), decided as `g.length <= t` decides it, but mostly
/// without the square root: from g·g against t²(1 ∓ 10⁻¹²), where g·g's rounding (a few units in the
/// last place) cannot change the answer; only inside that band, or for a t whose square is not a
/// normal number, is the length computed. The step loop tests this every step, and the root shares
/// the divider with the method's own roots and divisions.
public struct GradientStop: Sendable {
    public let tolerance: Double
    /// Below this, |g| < t for certain; above `above`, |g| > t.
    private let below: Double, above: Double

    public init(tolerance: Double) {
        self.tolerance = tolerance
        if tolerance > 1e-150 && tolerance < 1e150 {
            let square = tolerance * tolerance
            below = square * (1 - 1e-12)
            above = square * (1 + 1e-12)
        } else {
            below = -.infinity
            above = .infinity
        }
    }

    /// True when |g| ≤ t (never for t ≤ 0, nor for a g that is not finite).
    @inline(__always) public func holds(for g: Vector2) -> Bool {
        guard tolerance > 0 else { return false }
        let squared = g.x * g.x + g.y * g.y
        if squared < below { return true }
        if squared > above { return false }
        return g.length <= tolerance
    }
}

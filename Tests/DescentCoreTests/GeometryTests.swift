import DescentCore
import Testing

@Suite struct GeometryTests {
    /// A point is finite exactly when both its coordinates are, whatever their size or sign.
    @Test func aPointIsFiniteExactlyWhenBothCoordinatesAre() {
        let values: [Double] = [0, -0.0, 1, -3.5, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
                                -.greatestFiniteMagnitude, .infinity, -.infinity, .nan, -.nan, .signalingNaN]
        for x in values {
            for y in values {
                #expect(Vector2(x, y).isFinite == (x.isFinite && y.isFinite), "(\(x), \(y))")
            }
        }
    }
}

@Suite struct GradientStopTests {
    /// The stop decides as `g.length <= t` does — at random, at the edge (gradients a few units in the
    /// last place either side of t), and for zero, huge, tiny and non-finite gradients and tolerances.
    @Test func itDecidesExactlyAsTheLengthDoes() {
        var generator = SeededGenerator(seed: 42)
        let tolerances: [Double] = [0, -1, 1e-6, 1e-8, 1, 3.7, 1e-151, 1e-149, 1e149, 1e151, .leastNormalMagnitude, .greatestFiniteMagnitude, .infinity]
        for t in tolerances {
            let stop = GradientStop(tolerance: t)
            var gradients: [Vector2] = [.zero, Vector2(.nan, 0), Vector2(.infinity, 1), Vector2(1e300, 1e300), Vector2(1e-300, -1e-300)]
            for _ in 0..<2000 {
                let angle = generator.nextUniform() * 2 * Double.pi
                let direction = Vector2(Math.cos(angle), Math.sin(angle))
                let scale = t.isFinite && t > 0 ? t : 1
                // On the edge: |g| = t moved by a few ulps; and at random magnitudes around t.
                let edge = scale * (1 + Double(Int(generator.nextUniform() * 21) - 10) * Double.ulpOfOne)
                gradients.append(edge * direction)
                gradients.append(scale * Math.exp(generator.nextUniform() * 4 - 2) * direction)
            }
            for g in gradients {
                #expect(stop.holds(for: g) == (t > 0 && g.length <= t), "t \(t), g \(g)")
            }
        }
    }
}

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

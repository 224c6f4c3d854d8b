/// f(x, y) = (x + 2y − 7)² + (2x + y − 5)² — Booth's function, a convex quadratic with minimum (1, 3), f = 0.
///
/// With u = x + 2y − 7, v = 2x + y − 5: ∇f = (2u + 4v, 4u + 2v); ∇²f = [[10, 8], [8, 10]] (eigenvalues 2 and 18).
public struct Booth: Surface {
    public init() {}
    public let name = "booth"
    public let formula = "(x + 2y − 7)² + (2x + y − 5)²"
    public let lesson = "A tilted convex quadratic: every method gets there; Newton lands in one step."
    public let defaultView = ViewRect(x: -10...10, y: -10...10)
    public let defaultStart = Vector2(-8, -8)
    public let knownPoints = [KnownPoint(1, 3, value: 0, kind: .globalMinimum)]

    public func value(at p: Vector2) -> Double {
        let u = p.x + 2 * p.y - 7, v = 2 * p.x + p.y - 5
        return u * u + v * v
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let u = p.x + 2 * p.y - 7, v = 2 * p.x + p.y - 5
        return Vector2(2 * u + 4 * v, 4 * u + 2 * v)
    }

    public func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 10, xy: 8, yy: 10) }
}

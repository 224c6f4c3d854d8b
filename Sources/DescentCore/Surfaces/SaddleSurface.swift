/// f(x, y) = x² − y² + y⁴/4 — a saddle at (0, 0) (f = 0) between two minima (0, ±√2) (f = −1).
///
/// ∇f = (2x, −2y + y³), ∇²f = diag(2, 3y² − 2). On the x axis the gradient points along it, so gradient
/// descent started near the axis slides to the saddle and leaves it only slowly (y grows by 1 + 2γ per step),
/// and a pure Newton step from any (x, 0) lands exactly on the saddle.
public struct SaddleSurface: Surface {
    public init() {}
    public let name = "saddle"
    public let formula = "x² − y² + y⁴/4"
    public let lesson = "A saddle point: gradient descent stalls near it before escaping, and pure Newton is drawn straight to it."
    public let defaultView = ViewRect(x: -3...3, y: -3...3)
    public let defaultStart = Vector2(-2.5, 0.001)
    public let knownPoints = [
        KnownPoint(0, 2.0.squareRoot(), value: -1, kind: .globalMinimum),
        KnownPoint(0, -(2.0.squareRoot()), value: -1, kind: .globalMinimum),
        KnownPoint(0, 0, value: 0, kind: .saddle),
    ]

    public func value(at p: Vector2) -> Double {
        let y2 = p.y * p.y
        return p.x * p.x - y2 + y2 * y2 / 4
    }

    public func gradient(at p: Vector2) -> Vector2 { Vector2(2 * p.x, p.y * (p.y * p.y - 2)) }

    public func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 2, xy: 0, yy: 3 * p.y * p.y - 2) }
}

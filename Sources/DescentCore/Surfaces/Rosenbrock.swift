/// f(x, y) = (1 − x)² + 100 (y − x²)² — Rosenbrock's banana valley (a = 1, b = 100), minimum (1, 1) with f = 0.
///
/// ∇f = (−2 (1 − x) − 400 x (y − x²), 200 (y − x²)); ∇²f = [[2 − 400 y + 1200 x², −400 x], [−400 x, 200]].
public struct Rosenbrock: Surface {
    public init() {}
    public let name = "rosenbrock"
    public let formula = "(1 − x)² + 100 (y − x²)²"
    public let lesson = "A curved, flat-bottomed valley: easy to fall into, slow to follow to the minimum at (1, 1)."
    public let defaultView = ViewRect(x: -2...2, y: -1...3)
    public let defaultStart = Vector2(-1.2, 1)
    public let knownPoints = [KnownPoint(1, 1, value: 0, kind: .globalMinimum)]
    public let prefersLogShading = true

    public func value(at p: Vector2) -> Double {
        let a = 1 - p.x, b = p.y - p.x * p.x
        return a * a + 100 * b * b
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let b = p.y - p.x * p.x
        return Vector2(-2 * (1 - p.x) - 400 * p.x * b, 200 * b)
    }

    public func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2) {
        let a = 1 - p.x, b = p.y - p.x * p.x
        return (a * a + 100 * b * b, Vector2(-2 * a - 400 * p.x * b, 200 * b))
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        Matrix2(xx: 2 - 400 * p.y + 1200 * p.x * p.x, xy: -400 * p.x, yy: 200)
    }
}

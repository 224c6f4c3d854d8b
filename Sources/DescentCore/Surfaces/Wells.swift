/// f(x, y) = (x² + y²)/20 − 1.5 exp(−|θ − a|²) − 2.5 exp(−|θ − b|²/2), a = (−1.5, 1), b = (1.5, −1):
/// a gentle bowl with a shallow narrow well at a and a deeper wider well at b.
///
/// With A = 1.5 exp(−|θ − a|²), B = 2.5 exp(−|θ − b|²/2), u = θ − a, v = θ − b:
/// ∇f = θ/10 + 2A u + B v and ∇²f = I/10 + A (2I − 4 u uᵀ) + B (I − v vᵀ).
/// The stationary points (found by Newton's method in 40-digit arithmetic) are the two minima and one saddle.
public struct Wells: Surface {
    public init() {}
    public let name = "wells"
    public let formula = "(x² + y²)/20 − 1.5 exp(−(x + 1.5)² − (y − 1)²) − 2.5 exp(−((x − 1.5)² + (y + 1)²)/2)"
    public let lesson = "Two wells: gradient descent settles in the nearest minimum, not the deepest — where you start decides."
    public let defaultView = ViewRect(x: -4...4, y: -3...3)
    public let defaultStart = Vector2(-3.5, 2.5)
    public let knownPoints = [
        KnownPoint(1.4421608781311124, -0.9614405854207416, value: -2.3437628206696814, kind: .globalMinimum),
        KnownPoint(-1.4469162760237981, 0.9646108506825322, value: -1.347426050908787, kind: .localMinimum),
        KnownPoint(-0.3069599404690657, 0.20463996031271048, value: -0.42164540280738916, kind: .saddle),
    ]

    private static let shallowCenter = Vector2(-1.5, 1)
    private static let deepCenter = Vector2(1.5, -1)

    /// (A, u, B, v) of the doc comment.
    private func wells(at p: Vector2) -> (shallow: Double, u: Vector2, deep: Double, v: Vector2) {
        let u = p - Self.shallowCenter, v = p - Self.deepCenter
        return (1.5 * Math.exp(-u.dot(u)), u, 2.5 * Math.exp(-v.dot(v) / 2), v)
    }

    public func value(at p: Vector2) -> Double {
        let w = wells(at: p)
        return p.dot(p) / 20 - w.shallow - w.deep
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let w = wells(at: p)
        return p / 10 + 2 * w.shallow * w.u + w.deep * w.v
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        let w = wells(at: p)
        let a = w.shallow, b = w.deep, u = w.u, v = w.v
        return Matrix2(
            xx: 0.1 + a * (2 - 4 * u.x * u.x) + b * (1 - v.x * v.x),
            xy: -4 * a * u.x * u.y - b * v.x * v.y,
            yy: 0.1 + a * (2 - 4 * u.y * u.y) + b * (1 - v.y * v.y)
        )
    }
}

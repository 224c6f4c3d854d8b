/// f(x, y) = (x² + y − 11)² + (x + y² − 7)² — Himmelblau's function: four minima with f = 0, four saddles
/// and one local maximum.
///
/// With p = x² + y − 11, q = x + y² − 7: ∇f = (4x p + 2q, 2p + 4y q);
/// ∇²f = [[12x² + 4y − 42, 4 (x + y)], [4 (x + y), 4x + 12y² − 26]].
/// The stationary points were found by Newton's method in 40-digit arithmetic.
public struct Himmelblau: Surface {
    public init() {}
    public let name = "himmelblau"
    public let formula = "(x² + y − 11)² + (x + y² − 7)²"
    public let lesson = "Four equally deep minima: which one an optimizer finds depends on where it starts and how it steps."
    public let defaultView = ViewRect(x: -5...5, y: -5...5)
    public let defaultStart = Vector2(0, 0)
    public let knownPoints = [
        KnownPoint(3, 2, value: 0, kind: .globalMinimum),
        KnownPoint(-2.805118086952745, 3.131312518250573, value: 0, kind: .globalMinimum),
        KnownPoint(-3.779310253377747, -3.2831859912861696, value: 0, kind: .globalMinimum),
        KnownPoint(3.5844283403304917, -1.8481265269644036, value: 0, kind: .globalMinimum),
        KnownPoint(3.385154183607021, 0.07385187983774928, value: 13.31192627040559, kind: .saddle),
        KnownPoint(0.08667750455539636, 2.884254701174776, value: 67.71915008752615, kind: .saddle),
        KnownPoint(-3.0730257507643897, -0.08135304428796751, value: 104.0151629175581, kind: .saddle),
        KnownPoint(-0.12796134673068008, -1.9537149802445763, value: 178.33723920192747, kind: .saddle),
        KnownPoint(-0.2708445906673476, -0.9230385564799815, value: 181.6165215225827, kind: .maximum),
    ]
    public let prefersLogShading = true

    public func value(at p: Vector2) -> Double {
        let a = p.x * p.x + p.y - 11, b = p.x + p.y * p.y - 7
        return a * a + b * b
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let a = p.x * p.x + p.y - 11, b = p.x + p.y * p.y - 7
        return Vector2(4 * p.x * a + 2 * b, 2 * a + 4 * p.y * b)
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        Matrix2(
            xx: 12 * p.x * p.x + 4 * p.y - 42,
            xy: 4 * (p.x + p.y),
            yy: 4 * p.x + 12 * p.y * p.y - 26
        )
    }
}

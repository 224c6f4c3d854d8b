/// f(x, y) = 2A + x² − A cos 2πx + y² − A cos 2πy with A = 10 — Rastrigin's function: the global minimum
/// (0, 0), f = 0, and a local minimum near every integer point (not listed).
///
/// ∇f = (2x + 2πA sin 2πx, 2y + 2πA sin 2πy); ∇²f = diag(2 + 4π²A cos 2πx, 2 + 4π²A cos 2πy).
public struct Rastrigin: Surface {
    public init() {}
    public let name = "rastrigin"
    public let formula = "20 + x² − 10 cos 2πx + y² − 10 cos 2πy"
    public let lesson = "An egg crate of local minima: gradient methods stop in the nearest dimple or, with a large step, bounce between them."
    public let defaultView = ViewRect(x: -5.12...5.12, y: -5.12...5.12)
    public let defaultStart = Vector2(-4.3, 3.6)
    public let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]

    private static let amplitude = 10.0
    private static let twoPi = 2 * Double.pi

    public func value(at p: Vector2) -> Double {
        let a = Self.amplitude
        return 2 * a + p.x * p.x - a * Math.cos(Self.twoPi * p.x) + p.y * p.y - a * Math.cos(Self.twoPi * p.y)
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let a = Self.amplitude, w = Self.twoPi
        return Vector2(2 * p.x + w * a * Math.sin(w * p.x), 2 * p.y + w * a * Math.sin(w * p.y))
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        let a = Self.amplitude, w = Self.twoPi
        return Matrix2(xx: 2 + w * w * a * Math.cos(w * p.x), xy: 0, yy: 2 + w * w * a * Math.cos(w * p.y))
    }
}

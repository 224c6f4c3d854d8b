/// f(x, y) = 1 − exp(−(x² + y²)) — one round basin in a wide plateau.
///
/// With E = exp(−(x² + y²)): ∇f = 2E θ, |∇f| = 2r e^(−r²), below 1e-3 for r ≳ 2.95 (over half of the
/// default view); ∇²f = 2E (I − 2 θ θᵀ).
public struct Plateau: Surface {
    public init() {}
    public let name = "plateau"
    public let formula = "1 − exp(−(x² + y²))"
    public let lesson = "A plateau: the gradient all but vanishes, so gradient descent and momentum barely move while RMSprop and Adam rescale and cross it."
    public let defaultView = ViewRect(x: -4...4, y: -4...4)
    public let defaultStart = Vector2(-3, 2)
    public let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]

    public func value(at p: Vector2) -> Double { 1 - Math.exp(-p.dot(p)) }

    public func gradient(at p: Vector2) -> Vector2 { 2 * Math.exp(-p.dot(p)) * p }

    public func hessian(at p: Vector2) -> Matrix2? {
        let twoE = 2 * Math.exp(-p.dot(p))
        return Matrix2(xx: twoE * (1 - 2 * p.x * p.x), xy: -2 * twoE * p.x * p.y, yy: twoE * (1 - 2 * p.y * p.y))
    }
}

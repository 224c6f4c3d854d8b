/// f(x, y) = x²/2 + 10 y² — an ill-conditioned convex quadratic, Hessian diag(1, 20), condition number κ = 20.
///
/// Gradient descent contracts x by (1 − γ) and y by (1 − 20 γ) per step: a learning rate small enough for
/// the steep y walls (γ < 0.1) crawls along the flat x floor.
public struct Ravine: Surface {
    public init() {}
    public let name = "ravine"
    public let formula = "x²/2 + 10 y²"
    public let lesson = "A narrow valley (condition number 20): gradient descent crawls along the floor; momentum builds speed, rescaling y makes it round."
    public let defaultView = ViewRect(x: -5...5, y: -4...4)
    public let defaultStart = Vector2(-4.5, 3)
    public let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]

    public func value(at p: Vector2) -> Double { p.x * p.x / 2 + 10 * p.y * p.y }
    public func gradient(at p: Vector2) -> Vector2 { Vector2(p.x, 20 * p.y) }
    public func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 1, xy: 0, yy: 20) }
}

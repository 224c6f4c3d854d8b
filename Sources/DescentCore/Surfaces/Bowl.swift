/// f(x, y) = x² + y² — the convex bowl.
public struct Bowl: Surface {
    public init() {}
    public let name = "bowl"
    public let formula = "x² + y²"
    public let lesson = "A convex bowl: every learning rate below 1 converges, above 1 gradient descent diverges."
    public let defaultView = ViewRect(x: -3...3, y: -3...3)
    public let defaultStart = Vector2(-2.5, 2)
    public let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]

    public func value(at p: Vector2) -> Double { p.x * p.x + p.y * p.y }
    public func gradient(at p: Vector2) -> Vector2 { 2 * p }
    public func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 2, xy: 0, yy: 2) }
}

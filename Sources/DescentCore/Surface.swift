/// A point of a surface that a person should know about: a minimum, a saddle or a maximum.
public struct KnownPoint: Equatable, Sendable {
    public enum Kind: String, Sendable { case globalMinimum = "global minimum", localMinimum = "local minimum", saddle, maximum }
    public var point: Vector2
    public var value: Double
    public var kind: Kind

    public init(_ x: Double, _ y: Double, value: Double, kind: Kind) {
        self.point = Vector2(x, y)
        self.value = value
        self.kind = kind
    }

    public var isMinimum: Bool { kind == .globalMinimum || kind == .localMinimum }
}

/// A loss surface f: ℝ² → ℝ with its analytic derivatives.
///
/// The contract: `gradient(p)` is ∇f(p) and `hessian(p)` is ∇²f(p), exactly (they are checked
/// against central differences); every point in `knownPoints` is stationary (|∇f| < 1e-6) with
/// the stated value. A formula typed by a person or a model fitted to data implements this too.
public protocol Surface: Sendable {
    /// The registry name, lower case, e.g. "rosenbrock".
    var name: String { get }
    /// f(x, y) as text, e.g. "(1 − x)² + 100 (y − x²)²".
    var formula: String { get }
    /// One line on what this surface teaches.
    var lesson: String { get }
    /// The rectangle shown by default.
    var defaultView: ViewRect { get }
    /// Where the race starts by default.
    var defaultStart: Vector2 { get }
    /// Minima, saddles and maxima with their values.
    var knownPoints: [KnownPoint] { get }
    /// True when values span many orders of magnitude, so log shading should be the default.
    var prefersLogShading: Bool { get }

    func value(at p: Vector2) -> Double
    func gradient(at p: Vector2) -> Vector2
    func hessian(at p: Vector2) -> Matrix2
    /// f(p) and ∇f(p) together (a surface may share work between them); exactly `value` and `gradient`.
    func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2)
}

extension Surface {
    public var prefersLogShading: Bool { false }
    public func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2) { (value(at: p), gradient(at: p)) }
    public var minima: [KnownPoint] { knownPoints.filter(\.isMinimum) }
    public var saddles: [KnownPoint] { knownPoints.filter { $0.kind == .saddle } }
}

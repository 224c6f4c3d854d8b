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

/// The mathematics of a loss f: ℝ² → ℝ — all an optimizer sees of it.
///
/// The contract: `gradient(p)` is ∇f(p) and `hessian(p)` is ∇²f(p), exactly (they are checked against
/// central differences), or nil for a loss without an exact Hessian (methods that need one fail their
/// step and say why); `valueAndGradient(p)` is exactly `value(p)` and `gradient(p)`. A value that is
/// not finite marks a point outside the domain (a hole in the heatmap; an optimizer stepping there diverges).
public protocol Objective: Sendable {
    func value(at p: Vector2) -> Double
    func gradient(at p: Vector2) -> Vector2
    func hessian(at p: Vector2) -> Matrix2?
    /// f(p) and ∇f(p) together (a surface may share work between them).
    func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2)
}

extension Objective {
    public func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2) { (value(at: p), gradient(at: p)) }
}

/// A loss surface as a person meets it: its mathematics (`Objective`) and what the screen says about it —
/// a name, the formula as text, its lesson, the view and start, the points worth knowing.
///
/// Every point in `knownPoints` is stationary (|∇f| < 1e-6) with the stated value. The built-in surfaces,
/// typed formulas and models fitted to data all implement this.
public protocol Surface: Objective {
    /// The registry name, lower case, e.g. "rosenbrock".
    var name: String { get }
    /// What tells this surface apart from every other: the name for a built-in one, the formula text for a
    /// typed one, the data and settings for a data surface. Two surfaces with one identity have the same
    /// values everywhere (a cached heatmap is keyed by it).
    var identity: String { get }
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
    /// The surface as a scenario's "surface" field holds it (JSON text): its name, or an object for a formula.
    var scenarioJSON: String { get }
}

extension Surface {
    /// A learning rate for gradient descent that suits this surface: the largest rate of the 1-2-5 series
    /// at most 1/λ, λ the largest |eigenvalue| of ∇²f at the default start (below 2/λ a quadratic with that
    /// curvature converges), and no larger than moves the first step a twentieth of the view's width.
    public var gradientLearningRate: Double {
        let start = defaultStart
        let (a, b) = hessian(at: start)?.eigenvalues ?? (.nan, .nan)
        let curvature = max(abs(a), abs(b))
        var rate = curvature > 0 && curvature.isFinite ? 1 / curvature : 1
        let slope = gradient(at: start).length
        if slope > 0, slope.isFinite { rate = min(rate, defaultView.width / 20 / slope) }
        return oneTwoFiveBelow(min(max(rate, 1e-6), 1))
    }

    /// A learning rate for adaptive methods (Adam, RMSProp, AdaGrad), whose steps are about γ long: the
    /// largest rate of the 1-2-5 series at most a hundredth of the view's width.
    public var stepSizeLearningRate: Double { oneTwoFiveBelow(min(max(defaultView.width / 100, 1e-6), 1)) }

    public var prefersLogShading: Bool { false }
    public var identity: String { name }
    public var scenarioJSON: String { JSONText.quoted(name) }
    public var minima: [KnownPoint] { knownPoints.filter(\.isMinimum) }
    public var saddles: [KnownPoint] { knownPoints.filter { $0.kind == .saddle } }
}

/// The largest of … 0.1, 0.2, 0.5, 1, 2, 5 … that is at most x (x > 0 and finite; else x).
public func oneTwoFiveBelow(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return x }
    let decade = Math.pow(10, Math.log10(x).rounded(.down))
    for factor in [5.0, 2.0, 1.0] {
        // 12 significant digits, so 0.05 is 0.05 and not 0.05000000000000001.
        let candidate = (factor * decade * 1e12).rounded() / 1e12
        if candidate <= x * (1 + 1e-12) { return factor * decade < 1e-9 ? factor * decade : candidate }
    }
    return decade
}

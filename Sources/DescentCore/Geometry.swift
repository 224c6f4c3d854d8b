/// A point or a vector of the plane: (x, y). All optimizer arithmetic is element-wise on it.
public typealias Vector2 = SIMD2<Double>

extension SIMD2 where Scalar == Double {
    /// The Euclidean length √(x² + y²), computed without overflow for large components.
    @inlinable public var length: Double {
        let squared = x * x + y * y
        if squared.isNormal && squared < 1e300 && squared > 1e-300 { return squared.squareRoot() }
        let scale = Swift.max(abs(x), abs(y))
        if scale == 0 || !scale.isFinite { return scale }
        let a = x / scale, b = y / scale
        return scale * (a * a + b * b).squareRoot()
    }

    /// The dot product xᵀy.
    @inlinable public func dot(_ other: Vector2) -> Double { x * other.x + y * other.y }

    /// True when both components are finite numbers.
    /// Both coordinates finite: x·0 + y·0 is 0 exactly then, and NaN when either is infinite or NaN
    /// (one multiply-add and one comparison, where two tests of each exponent would be a dozen instructions).
    @inlinable public var isFinite: Bool { (self * 0).sum() == 0 }
}

/// A symmetric 2 × 2 matrix [[xx, xy], [xy, yy]] — the Hessian of a surface.
public struct Matrix2: Equatable, Sendable {
    public var xx: Double
    public var xy: Double
    public var yy: Double

    @inlinable public init(xx: Double, xy: Double, yy: Double) {
        self.xx = xx
        self.xy = xy
        self.yy = yy
    }

    public static let identity = Matrix2(xx: 1, xy: 0, yy: 1)

    @inlinable public var determinant: Double { xx * yy - xy * xy }

    /// M v.
    @inlinable public func times(_ v: Vector2) -> Vector2 {
        Vector2(xx * v.x + xy * v.y, xy * v.x + yy * v.y)
    }

    /// M + λI.
    @inlinable public func shifted(by lambda: Double) -> Matrix2 {
        Matrix2(xx: xx + lambda, xy: xy, yy: yy + lambda)
    }

    /// The solution of M s = b, or nil when M is singular (|det| ≤ 1e-12 · ‖M‖²) or the result is not finite.
    public func solve(_ b: Vector2) -> Vector2? {
        let det = determinant
        let scale = Swift.max(abs(xx), abs(xy), abs(yy))
        guard det.isFinite, abs(det) > 1e-12 * scale * scale, scale > 0 else { return nil }
        let s = Vector2((yy * b.x - xy * b.y) / det, (xx * b.y - xy * b.x) / det)
        return s.isFinite ? s : nil
    }

    /// The two eigenvalues, smaller first.
    public var eigenvalues: (Double, Double) {
        let mean = (xx + yy) / 2
        let radius = ((xx - yy) * (xx - yy) / 4 + xy * xy).squareRoot()
        return (mean - radius, mean + radius)
    }
}

/// An axis-aligned rectangle of the plane: x ∈ [minX, maxX], y ∈ [minY, maxY].
public struct ViewRect: Equatable, Sendable {
    public var minX: Double
    public var maxX: Double
    public var minY: Double
    public var maxY: Double

    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        minX = x.lowerBound
        maxX = x.upperBound
        minY = y.lowerBound
        maxY = y.upperBound
    }

    public init(minX: Double, maxX: Double, minY: Double, maxY: Double) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    public var width: Double { maxX - minX }
    /// The view as a scenario writes it: {"x": [minX, maxX], "y": [minY, maxY]}, numbers exact.
    public var jsonText: String {
        "{\"x\": [\(JSONText.number(minX)), \(JSONText.number(maxX))], \"y\": [\(JSONText.number(minY)), \(JSONText.number(maxY))]}"
    }
    public var height: Double { maxY - minY }
    public var center: Vector2 { Vector2((minX + maxX) / 2, (minY + maxY) / 2) }

    public func contains(_ p: Vector2) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// The rectangle with the same centre, each side multiplied by `factor`.
    public func scaled(by factor: Double) -> ViewRect {
        let c = center
        let hw = width / 2 * factor, hh = height / 2 * factor
        return ViewRect(minX: c.x - hw, maxX: c.x + hw, minY: c.y - hh, maxY: c.y + hh)
    }

    /// The rectangle moved by (dx, dy).
    public func translated(by d: Vector2) -> ViewRect {
        ViewRect(minX: minX + d.x, maxX: maxX + d.x, minY: minY + d.y, maxY: maxY + d.y)
    }
}

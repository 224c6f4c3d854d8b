/// f(x, y) = (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y² — the six-hump camel: two global minima
/// (f ≈ −1.0316), four local minima, seven saddles and two local maxima in x ∈ [−3, 3], y ∈ [−2, 2].
///
/// ∇f = (8x − 8.4x³ + 2x⁵ + y, x − 8y + 16y³); ∇²f = [[8 − 25.2x² + 10x⁴, 1], [1, −8 + 48y²]].
/// The stationary points were found by Newton's method in 40-digit arithmetic; f is symmetric under θ → −θ.
public struct SixHumpCamel: Surface {
    public init() {}
    public let name = "camel"
    public let formula = "(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²"
    public let lesson = "Six minima of different depths: different optimizers from one start end in different humps."
    public let defaultView = ViewRect(x: -3...3, y: -2...2)
    public let defaultStart = Vector2(-1.5, -1.5)
    public let knownPoints = [
        KnownPoint(0.08984201310031806, -0.7126564030207396, value: -1.0316284534898774, kind: .globalMinimum),
        KnownPoint(-0.08984201310031806, 0.7126564030207396, value: -1.0316284534898774, kind: .globalMinimum),
        KnownPoint(1.703606714969981, -0.7960835686726251, value: -0.21546382438371764, kind: .localMinimum),
        KnownPoint(-1.703606714969981, 0.7960835686726251, value: -0.21546382438371764, kind: .localMinimum),
        KnownPoint(1.6071047529201972, 0.5686514548841314, value: 2.1042503103112584, kind: .localMinimum),
        KnownPoint(-1.6071047529201972, -0.5686514548841314, value: 2.1042503103112584, kind: .localMinimum),
        KnownPoint(0, 0, value: 0, kind: .saddle),
        KnownPoint(1.1092053368047865, -0.7682680925095399, value: 0.5437186009781851, kind: .saddle),
        KnownPoint(-1.1092053368047865, 0.7682680925095399, value: 0.5437186009781851, kind: .saddle),
        KnownPoint(1.6380679841897785, 0.22867406904439408, value: 2.2293571975307147, kind: .saddle),
        KnownPoint(-1.6380679841897785, -0.22867406904439408, value: 2.2293571975307147, kind: .saddle),
        KnownPoint(1.2960702671671092, 0.6050843880386585, value: 2.22947081802986, kind: .saddle),
        KnownPoint(-1.2960702671671092, -0.6050843880386585, value: 2.22947081802986, kind: .saddle),
        KnownPoint(1.2302298765166526, 0.16233458445899496, value: 2.496295351023577, kind: .maximum),
        KnownPoint(-1.2302298765166526, -0.16233458445899496, value: 2.496295351023577, kind: .maximum),
    ]
    public let prefersLogShading = true

    public func value(at p: Vector2) -> Double {
        let x2 = p.x * p.x, y2 = p.y * p.y
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + p.x * p.y + (-4 + 4 * y2) * y2
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let x = p.x, y = p.y, x2 = x * x
        return Vector2(x * (8 - 8.4 * x2 + 2 * x2 * x2) + y, x - 8 * y + 16 * y * y * y)
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        let x2 = p.x * p.x
        return Matrix2(xx: 8 - 25.2 * x2 + 10 * x2 * x2, xy: 1, yy: -8 + 48 * p.y * p.y)
    }
}

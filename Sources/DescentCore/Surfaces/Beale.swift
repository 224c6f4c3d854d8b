/// f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)² — Beale's function, minimum (3, 0.5)
/// with f = 0, saddles at (0, 1) and near (0.1005, −2.6445).
///
/// f = Σᵢ rᵢ² with rᵢ = cᵢ − x + x yⁱ, i = 1, 2, 3; ∇rᵢ = (yⁱ − 1, i x yⁱ⁻¹),
/// ∇²rᵢ = [[0, i yⁱ⁻¹], [i yⁱ⁻¹, i (i − 1) x yⁱ⁻²]]; ∇f = Σ 2 rᵢ ∇rᵢ, ∇²f = Σ 2 (∇rᵢ ∇rᵢᵀ + rᵢ ∇²rᵢ).
public struct Beale: Surface {
    public init() {}
    public let name = "beale"
    public let formula = "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    public let lesson = "Flat in the middle, walls rising to 10⁵ at the corners: a fixed step is too big on the walls and too small on the floor."
    public let defaultView = ViewRect(x: -4.5...4.5, y: -4.5...4.5)
    public let defaultStart = Vector2(1, 1)
    public let knownPoints = [
        KnownPoint(3, 0.5, value: 0, kind: .globalMinimum),
        KnownPoint(0, 1, value: 14.203125, kind: .saddle),
        KnownPoint(0.10053793732415836, -2.644513585023125, value: 9.86451228475556, kind: .saddle),
    ]
    public let prefersLogShading = true

    /// One residual rᵢ = c − x + x yⁱ with its gradient and Hessian.
    private struct Residual {
        var value: Double
        var gradient: Vector2
        var hessian: Matrix2

        /// The residual with constant c and power i, given yⁱ⁻², yⁱ⁻¹ and yⁱ (yⁱ⁻² only matters when i ≥ 2).
        init(_ c: Double, power i: Double, x: Double, yPowers: (iMinus2: Double, iMinus1: Double, i: Double)) {
            value = c - x + x * yPowers.i
            gradient = Vector2(yPowers.i - 1, i * x * yPowers.iMinus1)
            hessian = Matrix2(xx: 0, xy: i * yPowers.iMinus1, yy: i * (i - 1) * x * yPowers.iMinus2)
        }

        /// 2 (∇r ∇rᵀ + r ∇²r), this residual's share of ∇²f.
        var hessianTerm: Matrix2 {
            Matrix2(
                xx: 2 * (gradient.x * gradient.x + value * hessian.xx),
                xy: 2 * (gradient.x * gradient.y + value * hessian.xy),
                yy: 2 * (gradient.y * gradient.y + value * hessian.yy)
            )
        }
    }

    private func residuals(at p: Vector2) -> (Residual, Residual, Residual) {
        let x = p.x, y = p.y, y2 = y * y
        return (
            Residual(1.5, power: 1, x: x, yPowers: (0, 1, y)),
            Residual(2.25, power: 2, x: x, yPowers: (1, y, y2)),
            Residual(2.625, power: 3, x: x, yPowers: (y, y2, y2 * y))
        )
    }

    public func value(at p: Vector2) -> Double {
        let (r1, r2, r3) = residuals(at: p)
        return r1.value * r1.value + r2.value * r2.value + r3.value * r3.value
    }

    public func gradient(at p: Vector2) -> Vector2 {
        let (r1, r2, r3) = residuals(at: p)
        return 2 * (r1.value * r1.gradient + r2.value * r2.gradient + r3.value * r3.gradient)
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        let (r1, r2, r3) = residuals(at: p)
        let h1 = r1.hessianTerm, h2 = r2.hessianTerm, h3 = r3.hessianTerm
        return Matrix2(xx: h1.xx + h2.xx + h3.xx, xy: h1.xy + h2.xy + h3.xy, yy: h1.yy + h2.yy + h3.yy)
    }
}

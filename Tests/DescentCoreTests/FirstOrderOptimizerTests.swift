import Testing
@testable import DescentCore

/// Rosenbrock's function f = (1 − x)² + 100 (y − x²)², written here so that these tests do not
/// depend on the surface catalog.
private struct TestRosenbrock: Surface {
    let name = "test-rosenbrock"
    let formula = "(1 − x)² + 100 (y − x²)²"
    let lesson = ""
    let defaultView = ViewRect(x: -2...2, y: -1...3)
    let defaultStart = Vector2(-1.2, 1)
    let knownPoints = [KnownPoint(1, 1, value: 0, kind: .globalMinimum)]

    func value(at p: Vector2) -> Double { (1 - p.x) * (1 - p.x) + 100 * (p.y - p.x * p.x) * (p.y - p.x * p.x) }
    func gradient(at p: Vector2) -> Vector2 { Vector2(rosenbrockGradientX(p.x, p.y), rosenbrockGradientY(p.x, p.y)) }
    func hessian(at p: Vector2) -> Matrix2? {
        Matrix2(xx: 2 - 400 * (p.y - p.x * p.x) + 800 * p.x * p.x, xy: -400 * p.x, yy: 200)
    }
}

/// ∂f/∂x = −2 (1 − x) − 400 x (y − x²)
private func rosenbrockGradientX(_ x: Double, _ y: Double) -> Double { -2 * (1 - x) - 400 * x * (y - x * x) }
/// ∂f/∂y = 200 (y − x²)
private func rosenbrockGradientY(_ x: Double, _ y: Double) -> Double { 200 * (y - x * x) }

/// The contract's start (−1.2, 1), where g = (−215.6, −88).
private let x0 = -1.2, y0 = 1.0

/// θ₀, θ₁, …, θ_count of `spec` on Rosenbrock from (−1.2, 1), run through `Race`.
private func trajectory(_ spec: String, steps count: Int, seed: UInt64 = 0) throws -> [Vector2] {
    let rules = StopRules(gradientTolerance: 0, maxSteps: count)
    var race = Race(surface: TestRosenbrock(), start: Vector2(x0, y0), optimizers: [try OptimizerSpec(parsing: spec)], rules: rules, seed: seed)
    race.runToEnd()
    try #require(race.racers[0].status == .finished(step: count), "\(spec): \(race.racers[0].status.summary)")
    return race.racers[0].points
}

private func expectPoint(
    _ point: Vector2, _ x: Double, _ y: Double, within tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(abs(point.x - x) <= tolerance, "x = \(point.x), expected \(x)", sourceLocation: sourceLocation)
    #expect(abs(point.y - y) <= tolerance, "y = \(point.y), expected \(y)", sourceLocation: sourceLocation)
}

@Suite struct FirstOrderOptimizerTests {
    // MARK: Registry

    @Test func registryListsTheFirstOrderMethodsInContractOrder() {
        #expect(OptimizerCatalog.firstOrder.map(\.name) == ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"])
        for descriptor in OptimizerCatalog.firstOrder {
            #expect(descriptor.family == .firstOrder)
            #expect(descriptor.acceptsSchedule, "\(descriptor.name)")
            #expect(!descriptor.rule.isEmpty && !descriptor.rule.contains("\n"), "\(descriptor.name)")
            #expect(!descriptor.lesson.isEmpty && !descriptor.lesson.contains("\n"), "\(descriptor.name)")
            #expect(descriptor.usesRandomness == (descriptor.name == "sgd"), "\(descriptor.name)")
            #expect(!descriptor.usesLineSearch)
        }
    }

    @Test(arguments: [
        ("gd", ["lr": 0.01]),
        ("sgd", ["lr": 0.01, "noise": 0.5]),
        ("momentum", ["lr": 0.01, "momentum": 0.9, "dampening": 0]),
        ("nesterov", ["lr": 0.01, "momentum": 0.9]),
        ("adagrad", ["lr": 0.01, "lr_decay": 0, "initial_accumulator_value": 0, "eps": 1e-10]),
        ("rmsprop", ["lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0]),
        ("adadelta", ["lr": 1.0, "rho": 0.9, "eps": 1e-6]),
        ("adam", ["lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8]),
    ])
    func defaultsAreTheContracts(name: String, defaults: [String: Double]) throws {
        let spec = try OptimizerSpec(parsing: name)
        let realKeys = spec.descriptor.parameters.compactMap { parameter -> String? in
            if case .real = parameter.kind { return parameter.name }
            return nil
        }
        #expect(Set(realKeys) == Set(defaults.keys))
        for (key, value) in defaults { #expect(spec.values[ParameterKey<Double>(key)] == value, "\(name) \(key)") }
    }

    @Test func flagsDefaultToFalse() throws {
        #expect(try OptimizerSpec(parsing: "rmsprop").values[.centered] == false)
        #expect(try OptimizerSpec(parsing: "adam").values[.amsgrad] == false)
    }

    // MARK: The first two steps, by hand, on Rosenbrock from (−1.2, 1)

    @Test func gradientAtTheStartIsTheContracts() {
        #expect(abs(rosenbrockGradientX(x0, y0) - -215.6) < 1e-12)
        #expect(abs(rosenbrockGradientY(x0, y0) - -88.0) < 1e-12)
    }

    @Test func gdFirstTwoSteps() throws {
        let points = try trajectory("gd:lr=0.001", steps: 2)
        let lr = 0.001
        // θ₁ = θ₀ − γ g₀ = (−1.2 + 0.2156, 1 + 0.088)
        expectPoint(points[1], -0.9844, 1.088, within: 1e-12)
        let x1 = -0.9844, y1 = 1.088
        let x2 = x1 - lr * rosenbrockGradientX(x1, y1)
        let y2 = y1 - lr * rosenbrockGradientY(x1, y1)
        expectPoint(points[2], x2, y2, within: 1e-12)
    }

    @Test func sgdFirstTwoSteps() throws {
        let points = try trajectory("sgd:lr=0.001,noise=0.5,seed=3", steps: 2)
        let lr = 0.001, sigma = 0.5
        // ξₜ from (seed, t): the normals of a generator seeded by the first draw of one seeded by seed ⊕ t·φ.
        func xi(_ t: UInt64) -> Vector2 {
            var keyed = SeededGenerator(seed: 3 ^ (t &* 0x9E37_79B9_7F4A_7C15))
            var generator = SeededGenerator(seed: keyed.next())
            return generator.nextNormal2()
        }
        let xi1 = xi(1), xi2 = xi(2)
        // θ₁ = θ₀ − γ (g₀ + σ ξ₁)
        let x1 = x0 - lr * (-215.6 + sigma * xi1.x)
        let y1 = y0 - lr * (-88.0 + sigma * xi1.y)
        expectPoint(points[1], x1, y1, within: 1e-12)
        let x2 = x1 - lr * (rosenbrockGradientX(x1, y1) + sigma * xi2.x)
        let y2 = y1 - lr * (rosenbrockGradientY(x1, y1) + sigma * xi2.y)
        expectPoint(points[2], x2, y2, within: 1e-12)
        // The noise moved the point: sgd is not gd here.
        #expect(abs(x1 - -0.9844) > 1e-6)
    }

    @Test func momentumFirstTwoSteps() throws {
        let points = try trajectory("momentum:lr=0.001,momentum=0.9,dampening=0.2", steps: 2)
        let lr = 0.001
        // First step: b₁ = g₀ (no dampening), θ₁ = θ₀ − γ g₀.
        let bx1 = -215.6, by1 = -88.0
        let x1 = x0 - lr * bx1, y1 = y0 - lr * by1
        expectPoint(points[1], -0.9844, 1.088, within: 1e-12)
        // Second step: b₂ = 0.9 b₁ + (1 − 0.2) g₁.
        let bx2 = 0.9 * bx1 + 0.8 * rosenbrockGradientX(x1, y1)
        let by2 = 0.9 * by1 + 0.8 * rosenbrockGradientY(x1, y1)
        expectPoint(points[2], x1 - lr * bx2, y1 - lr * by2, within: 1e-12)
    }

    @Test func nesterovFirstTwoSteps() throws {
        let points = try trajectory("nesterov:lr=0.001,momentum=0.9", steps: 2)
        let lr = 0.001, mu = 0.9
        // First step: b₁ = g₀, θ₁ = θ₀ − γ (g₀ + μ g₀) = θ₀ − 1.9 γ g₀.
        let x1 = x0 - lr * 1.9 * -215.6, y1 = y0 - lr * 1.9 * -88.0
        expectPoint(points[1], x1, y1, within: 1e-12)
        expectPoint(points[1], -0.79036, 1.1672, within: 1e-12)
        // Second step: b₂ = μ b₁ + g₁, θ₂ = θ₁ − γ (g₁ + μ b₂).
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let bx2 = mu * -215.6 + gx1, by2 = mu * -88.0 + gy1
        expectPoint(points[2], x1 - lr * (gx1 + mu * bx2), y1 - lr * (gy1 + mu * by2), within: 1e-12)
    }

    @Test func adagradFirstTwoSteps() throws {
        let points = try trajectory("adagrad:lr=0.1,lr_decay=0.5,initial_accumulator_value=0.1,eps=1e-10", steps: 2)
        // t = 1: γ̃ = 0.1 / (1 + 0 · 0.5); s₁ = 0.1 + g₀².
        let sx1 = 0.1 + 215.6 * 215.6, sy1 = 0.1 + 88.0 * 88.0
        let x1 = x0 - 0.1 * -215.6 / (sx1.squareRoot() + 1e-10)
        let y1 = y0 - 0.1 * -88.0 / (sy1.squareRoot() + 1e-10)
        expectPoint(points[1], x1, y1, within: 1e-12)
        // A first step of almost exactly γ in each coordinate.
        expectPoint(points[1], -1.1, 1.1, within: 1e-5)
        // t = 2: γ̃ = 0.1 / (1 + 1 · 0.5); s₂ = s₁ + g₁².
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let sx2 = sx1 + gx1 * gx1, sy2 = sy1 + gy1 * gy1
        let x2 = x1 - (0.1 / 1.5) * gx1 / (sx2.squareRoot() + 1e-10)
        let y2 = y1 - (0.1 / 1.5) * gy1 / (sy2.squareRoot() + 1e-10)
        expectPoint(points[2], x2, y2, within: 1e-12)
    }

    @Test func rmspropFirstTwoSteps() throws {
        let points = try trajectory("rmsprop:lr=0.01", steps: 2)
        let lr = 0.01, eps = 1e-8
        // v₁ = 0.01 g₀², so √v₁ = 0.1 |g₀|: the first step is ≈ 10 γ per coordinate.
        let vx1 = 0.01 * 215.6 * 215.6, vy1 = 0.01 * 88.0 * 88.0
        let x1 = x0 - lr * -215.6 / (vx1.squareRoot() + eps)
        let y1 = y0 - lr * -88.0 / (vy1.squareRoot() + eps)
        expectPoint(points[1], x1, y1, within: 1e-12)
        expectPoint(points[1], -1.1, 1.1, within: 1e-8)
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let vx2 = 0.99 * vx1 + 0.01 * gx1 * gx1, vy2 = 0.99 * vy1 + 0.01 * gy1 * gy1
        let x2 = x1 - lr * gx1 / (vx2.squareRoot() + eps)
        let y2 = y1 - lr * gy1 / (vy2.squareRoot() + eps)
        expectPoint(points[2], x2, y2, within: 1e-12)
    }

    @Test func centeredRMSPropWithMomentumFirstTwoSteps() throws {
        let points = try trajectory("rmsprop:lr=0.001,alpha=0.9,momentum=0.5,centered=true", steps: 2)
        let lr = 0.001, eps = 1e-8
        // v₁ = 0.1 g₀², a₁ = 0.1 g₀, ṽ₁ = v₁ − a₁² = 0.09 g₀²; b₁ = g₀ / (√ṽ₁ + ε) ≈ −(1, 1)/0.3.
        let vx1 = 0.1 * 215.6 * 215.6, vy1 = 0.1 * 88.0 * 88.0
        let ax1 = 0.1 * -215.6, ay1 = 0.1 * -88.0
        let bx1 = -215.6 / ((vx1 - ax1 * ax1).squareRoot() + eps)
        let by1 = -88.0 / ((vy1 - ay1 * ay1).squareRoot() + eps)
        let x1 = x0 - lr * bx1, y1 = y0 - lr * by1
        expectPoint(points[1], x1, y1, within: 1e-12)
        expectPoint(points[1], -1.2 + 0.001 / 0.3, 1 + 0.001 / 0.3, within: 1e-9)
        // b₂ = 0.5 b₁ + g₁ / (√(v₂ − a₂²) + ε).
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let vx2 = 0.9 * vx1 + 0.1 * gx1 * gx1, vy2 = 0.9 * vy1 + 0.1 * gy1 * gy1
        let ax2 = 0.9 * ax1 + 0.1 * gx1, ay2 = 0.9 * ay1 + 0.1 * gy1
        let bx2 = 0.5 * bx1 + gx1 / ((vx2 - ax2 * ax2).squareRoot() + eps)
        let by2 = 0.5 * by1 + gy1 / ((vy2 - ay2 * ay2).squareRoot() + eps)
        expectPoint(points[2], x1 - lr * bx2, y1 - lr * by2, within: 1e-12)
    }

    @Test func adadeltaFirstTwoSteps() throws {
        let points = try trajectory("adadelta", steps: 2)
        let rho = 0.9, eps = 1e-6
        // v₁ = 0.1 g₀²; Δ₁ = √(0 + ε) / √(v₁ + ε) · g₀ (ε inside both roots); u₁ = 0.1 Δ₁²; γ = 1.
        let vx1 = (1 - rho) * 215.6 * 215.6, vy1 = (1 - rho) * 88.0 * 88.0
        let dx1 = eps.squareRoot() / (vx1 + eps).squareRoot() * -215.6
        let dy1 = eps.squareRoot() / (vy1 + eps).squareRoot() * -88.0
        let ux1 = (1 - rho) * dx1 * dx1, uy1 = (1 - rho) * dy1 * dy1
        let x1 = x0 - dx1, y1 = y0 - dy1
        expectPoint(points[1], x1, y1, within: 1e-12)
        // Δ₁ ≈ −√ε / √0.1 per coordinate: a slow start.
        expectPoint(points[1], -1.2 + 1e-3 / 0.1.squareRoot(), 1 + 1e-3 / 0.1.squareRoot(), within: 1e-9)
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let vx2 = rho * vx1 + (1 - rho) * gx1 * gx1, vy2 = rho * vy1 + (1 - rho) * gy1 * gy1
        let dx2 = (ux1 + eps).squareRoot() / (vx2 + eps).squareRoot() * gx1
        let dy2 = (uy1 + eps).squareRoot() / (vy2 + eps).squareRoot() * gy1
        expectPoint(points[2], x1 - dx2, y1 - dy2, within: 1e-12)
    }

    @Test func adamFirstTwoSteps() throws {
        let points = try trajectory("adam:lr=0.01", steps: 2)
        let lr = 0.01, eps = 1e-8
        // t = 1: m̂ = g₀ and v̂ = g₀², so θ₁ = θ₀ − γ g₀ / (|g₀| + ε): every coordinate moves by ≈ γ.
        let x1 = x0 - lr * -215.6 / (215.6 + eps)
        let y1 = y0 - lr * -88.0 / (88.0 + eps)
        expectPoint(points[1], x1, y1, within: 1e-12)
        expectPoint(points[1], -1.19, 1.01, within: 1e-9)
        // t = 2: m₂ = 0.9 · 0.1 g₀ + 0.1 g₁, v₂ = 0.999 · 0.001 g₀² + 0.001 g₁²; corrections 1 − 0.9², 1 − 0.999².
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let mx2 = 0.9 * (0.1 * -215.6) + 0.1 * gx1, my2 = 0.9 * (0.1 * -88.0) + 0.1 * gy1
        let vx2 = 0.999 * (0.001 * 215.6 * 215.6) + 0.001 * gx1 * gx1
        let vy2 = 0.999 * (0.001 * 88.0 * 88.0) + 0.001 * gy1 * gy1
        let c1 = 1 - 0.9 * 0.9, c2 = 1 - 0.999 * 0.999
        let x2 = x1 - lr * (mx2 / c1) / ((vx2 / c2).squareRoot() + eps)
        let y2 = y1 - lr * (my2 / c1) / ((vy2 / c2).squareRoot() + eps)
        expectPoint(points[2], x2, y2, within: 1e-12)
    }

    @Test func amsgradKeepsTheLargestRawSecondMoment() throws {
        // With β₂ = 0.1, v₂ = 0.09 g₀² + 0.9 g₁² < v₁ = 0.9 g₀² here (|g₁| < 0.95 |g₀|), so v_max₂ = v₁.
        let points = try trajectory("adam:lr=0.01,beta2=0.1,amsgrad=true", steps: 2)
        let lr = 0.01, eps = 1e-8
        let x1 = x0 - lr * -215.6 / (215.6 + eps)
        let y1 = y0 - lr * -88.0 / (88.0 + eps)
        expectPoint(points[1], x1, y1, within: 1e-12)
        let gx1 = rosenbrockGradientX(x1, y1), gy1 = rosenbrockGradientY(x1, y1)
        let vx1 = 0.9 * 215.6 * 215.6, vy1 = 0.9 * 88.0 * 88.0
        let vx2 = 0.1 * vx1 + 0.9 * gx1 * gx1, vy2 = 0.1 * vy1 + 0.9 * gy1 * gy1
        try #require(vx2 < vx1 && vy2 < vy1)
        let mx2 = 0.9 * (0.1 * -215.6) + 0.1 * gx1, my2 = 0.9 * (0.1 * -88.0) + 0.1 * gy1
        let c1 = 1 - 0.9 * 0.9, c2 = 1 - 0.1 * 0.1
        // v̂₂ = v_max₂ / (1 − β₂²) = v₁ / 0.99.
        let x2 = x1 - lr * (mx2 / c1) / ((vx1 / c2).squareRoot() + eps)
        let y2 = y1 - lr * (my2 / c1) / ((vy1 / c2).squareRoot() + eps)
        expectPoint(points[2], x2, y2, within: 1e-12)
        let plain = try trajectory("adam:lr=0.01,beta2=0.1", steps: 2)
        #expect(abs(plain[2].x - x2) > 1e-6)
    }

    // MARK: Cross-check with the independent implementation in reference/first_order.py

    /// 50 steps on Rosenbrock from (−1.2, 1); the points at steps 10 and 50 printed by
    /// `python3 Tests/DescentCoreTests/reference/first_order.py`.
    @Test(arguments: [
        ("gd:lr=0.001",
         Vector2(-1.0214113342697504, 1.0512622673760386), Vector2(-0.9895983514013362, 0.987311791560571)),
        ("sgd:lr=0.001,noise=0.5,seed=7",
         Vector2(-1.0225865193196908, 1.0526693549999184), Vector2(-0.9890580113162637, 0.9847063710897682)),
        ("momentum:lr=0.0005,momentum=0.8,dampening=0.3",
         Vector2(-1.0565152871006085, 0.9776339251560981), Vector2(-0.9298149133910961, 0.8709468804253374)),
        ("nesterov:lr=0.0005,momentum=0.85",
         Vector2(-0.9945860812776418, 1.003398412538697), Vector2(-0.8803563166575615, 0.7830661157610839)),
        ("adagrad:lr=0.1,lr_decay=0.05,initial_accumulator_value=0.5,eps=1e-10",
         Vector2(-1.0599512557479707, 1.1296074946377397), Vector2(-1.0487037639146028, 1.1060602733279339)),
        ("rmsprop:lr=0.001,alpha=0.9,eps=1e-8,momentum=0.5,centered=true",
         Vector2(-1.1617415159849402, 1.0384328476800095), Vector2(-1.0676782204927684, 1.1311135456506194)),
        ("rmsprop:lr=0.01",
         Vector2(-1.0586165350733276, 1.1269467398858146), Vector2(-1.0280226043085812, 1.0630854095511284)),
        ("adadelta:lr=1,rho=0.95,eps=0.01",
         Vector2(-0.9016784337357662, 0.5767897774069686), Vector2(-0.634527580951167, 0.4082011806154933)),
        ("adam:lr=0.05,beta1=0.8,beta2=0.99,eps=1e-6,amsgrad=true",
         Vector2(-1.0463271754129728, 1.1268537793321303), Vector2(-1.0007178930063723, 1.0063862633575795)),
        ("adam:lr=0.01",
         Vector2(-1.1049555420644475, 1.0953346172030314), Vector2(-1.0637736608874695, 1.112712016503084)),
        // noise=σ on any first-order method: its step given g + σ ξₜ (seeded by the run's seed, 0 here).
        ("adam:lr=0.01,noise=2",
         Vector2(-1.1050258460686753, 1.095450459829963), Vector2(-1.0636539504451832, 1.1135237411819268)),
        ("momentum:lr=0.0005,momentum=0.8,noise=1",
         Vector2(-0.9844246548760722, 0.9912603521058985), Vector2(-0.8947715471858649, 0.8024948714208529)),
    ])
    func matchesTheIndependentReference(spec: String, step10: Vector2, step50: Vector2) throws {
        let points = try trajectory(spec, steps: 50)
        expectPoint(points[10], step10.x, step10.y, within: 1e-9)
        expectPoint(points[50], step50.x, step50.y, within: 1e-9)
    }

    // MARK: sgd's randomness

    @Test func sgdWithTheSameSeedRepeatsItsTrajectory() throws {
        #expect(try trajectory("sgd:lr=0.001,seed=11", steps: 100) == trajectory("sgd:lr=0.001,seed=11", steps: 100))
        // Without seed=, the run's seed applies.
        #expect(try trajectory("sgd:lr=0.001", steps: 100, seed: 4) == trajectory("sgd:lr=0.001", steps: 100, seed: 4))
    }

    @Test func sgdWithDifferentSeedsDiffers() throws {
        let a = try trajectory("sgd:lr=0.001,seed=11", steps: 100)
        let b = try trajectory("sgd:lr=0.001,seed=12", steps: 100)
        #expect(a[1] != b[1])
        #expect((a[100] - b[100]).length > 1e-6)
        #expect(try trajectory("sgd:lr=0.001", steps: 100, seed: 4) != trajectory("sgd:lr=0.001", steps: 100, seed: 5))
    }

    @Test func sgdWithoutNoiseIsGradientDescent() throws {
        #expect(try trajectory("sgd:lr=0.001,noise=0,seed=11", steps: 100) == trajectory("gd:lr=0.001", steps: 100))
    }

    /// The noise is one mechanism for every first-order method: sgd is gd with noise on by default.
    @Test func sgdIsGradientDescentWithNoiseAndAnyFirstOrderMethodTakesNoise() throws {
        #expect(try trajectory("sgd:lr=0.001,noise=0.7", steps: 100, seed: 9) == trajectory("gd:lr=0.001,noise=0.7", steps: 100, seed: 9))
        for name in OptimizerCatalog.firstOrder.map(\.name) {
            let spec = try OptimizerSpec(parsing: name)
            #expect(spec.descriptor.allParameters.contains { $0.name == "noise" }, "\(name)")
            let noisy = try trajectory("\(name):noise=1", steps: 1, seed: 2), exact = try trajectory("\(name):noise=0", steps: 1, seed: 2)
            #expect(noisy[1] != exact[1], "\(name)")
        }
        #expect(throws: DescentError.self) { try OptimizerSpec(parsing: "newton:noise=1") }
        #expect(throws: DescentError.self) { try OptimizerSpec(parsing: "gd:noise=-1") }
    }

    /// Noise and minibatches together on a data surface: step t is given the gradient of step t's
    /// minibatch plus σ ξₜ, both from (seed, t).
    @Test func noiseComposesWithMinibatches() throws {
        let surface = try DataSurface(model: .linearRegression, normalize: true)
        let spec = try OptimizerSpec(parsing: "gd:lr=0.1,batch=8,noise=3")
        var race = Race(surface: surface, start: .zero, optimizers: [spec], rules: StopRules(maxSteps: 3), seed: 5)
        race.runToEnd()
        var sampler = MinibatchSampler(count: surface.trainingCount, batchSize: 8, seed: 5)
        var p = Vector2.zero
        for t in 1...3 {
            let examples = sampler.batch(forStep: t)
            // The minibatch's mean squared error gradient, by hand: (2/m) Σ (w x + b − y)(x, 1).
            var g = Vector2.zero
            for i in examples {
                let r = p.x * surface.trainingX[i] + p.y - surface.trainingY[i]
                g += 2 * r * Vector2(surface.trainingX[i], 1) / Double(examples.count)
            }
            var keyed = SeededGenerator(seed: 5 ^ (UInt64(t) &* 0x9E37_79B9_7F4A_7C15))
            var generator = SeededGenerator(seed: keyed.next())
            p = p - 0.1 * (g + 3 * generator.nextNormal2())
            #expect((race.racers[0].points[t] - p).length < 1e-12, "step \(t)")
        }
    }

    // MARK: Adam's running powers

    @Test(arguments: [0.9, 0.99, 0.999, 0.5])
    func adamRunningPowersAgreeWithPow(beta: Double) {
        var adam = Adam(beta1: beta, beta2: beta, epsilon: 1e-8, amsgrad: false)
        let surface = TestRosenbrock()
        var worst = 0.0
        for t in 1...20_000 {
            let context = StepContext(point: Vector2(x0, y0), gradient: surface.gradient(at: Vector2(x0, y0)), iteration: t, learningRate: 1e-3)
            _ = adam.step(context, on: surface)
            // torch's bias corrections are 1 − β ** t.
            let torchCorrection = 1 - Math.pow(beta, Double(t))
            worst = max(worst, abs((1 - adam.beta1Power) - torchCorrection), abs((1 - adam.beta2Power) - torchCorrection))
        }
        #expect(worst <= 1e-15, "largest difference \(worst)")
        // Flushed to zero where 1 − βᵗ is 1 anyway, never subnormal.
        #expect(adam.beta1Power == 0 || adam.beta1Power.isNormal)
    }

    // MARK: Validation

    @Test(arguments: [
        ("adam:lr=-1", "adam lr"), ("gd:lr=0", "gd lr"),
        ("adam:beta1=1", "adam beta1"), ("adam:beta2=1.5", "adam beta2"), ("adam:eps=0", "adam eps"),
        ("sgd:noise=-0.1", "sgd noise"),
        ("momentum:momentum=1", "momentum momentum"), ("momentum:dampening=1.5", "momentum dampening"),
        ("nesterov:momentum=-0.1", "nesterov momentum"),
        ("adagrad:lr_decay=-1", "adagrad lr_decay"), ("adagrad:initial_accumulator_value=-1", "adagrad initial_accumulator_value"),
        ("adagrad:eps=0", "adagrad eps"),
        ("rmsprop:alpha=1", "rmsprop alpha"), ("rmsprop:momentum=1", "rmsprop momentum"), ("rmsprop:eps=-1e-8", "rmsprop eps"),
        ("adadelta:rho=1", "adadelta rho"), ("adadelta:eps=0", "adadelta eps"),
    ])
    func rejectsOutOfRangeValues(spec: String, key: String) {
        let error = #expect(throws: DescentError.self) { try OptimizerSpec(parsing: spec) }
        guard case let .invalidValue(what, _, _) = error else {
            Issue.record("\(spec): expected an invalid value, got \(String(describing: error))")
            return
        }
        #expect(what == key)
        #expect(error?.description.contains(key) == true)
    }

    @Test func acceptsValuesAtTheEdgeOfTheirRange() throws {
        _ = try OptimizerSpec(parsing: "adam:beta1=0,beta2=0.9999")
        _ = try OptimizerSpec(parsing: "momentum:momentum=0,dampening=1")
        _ = try OptimizerSpec(parsing: "sgd:noise=0")
        _ = try OptimizerSpec(parsing: "rmsprop:alpha=0,centered=true")
    }
}

import Testing
@testable import DescentCore

/// torch.optim's weight_decay, maximize, AdamW, CosineAnnealingLR and its spellings: the first two steps
/// on x² + y² (∇f = 2θ) from (1, 2), worked by hand from torch's formulas.
@Suite struct TorchParityTests {
    static let start = Vector2(1, 2)

    /// The iterates θ₁, θ₂ of `spec` on the bowl from (1, 2).
    static func twoSteps(_ spec: String) throws -> (Vector2, Vector2) {
        var race = Race(surface: Bowl(), start: start, optimizers: [try OptimizerSpec(parsing: spec)],
                        rules: StopRules(gradientTolerance: 0, maxSteps: 2))
        race.runToEnd()
        let racer = race.racers[0]
        return (racer.points[1], racer.points[2])
    }

    static func close(_ a: Vector2, _ b: Vector2, _ tolerance: Double = 1e-15) -> Bool {
        abs(a.x - b.x) <= tolerance * max(1, abs(b.x)) && abs(a.y - b.y) <= tolerance * max(1, abs(b.y))
    }

    @Test func weightDecayJoinsTheGradientBeforeTheRule() throws {
        // torch SGD: d = g + λθ = 2θ + 0.5θ = 2.5θ; θ ← θ − 0.1 d = 0.75θ.
        let (one, two) = try Self.twoSteps("gd:lr=0.1,weight_decay=0.5")
        #expect(Self.close(one, Vector2(0.75, 1.5)) && Self.close(two, Vector2(0.5625, 1.125)))
        // Heavy ball: b₁ = d₀ = 2.5θ₀; θ₁ = θ₀ − 0.1 b₁ = 0.75θ₀; b₂ = 0.9 b₁ + 2.5θ₁; θ₂ = θ₁ − 0.1 b₂.
        let (m1, m2) = try Self.twoSteps("momentum:lr=0.1,momentum=0.9,weight_decay=0.5")
        let b1 = 2.5 * Self.start, t1 = Self.start - 0.1 * b1
        let b2 = 0.9 * b1 + 2.5 * t1
        #expect(Self.close(m1, t1) && Self.close(m2, t1 - 0.1 * b2))
    }

    @Test func maximizeClimbs() throws {
        // torch: g ← −g, then + λθ. θ ← θ − 0.1(−2θ) = 1.2θ; with λ = 0.5: θ − 0.1(−1.5θ) = 1.15θ.
        let (one, two) = try Self.twoSteps("gd:lr=0.1,maximize=true")
        #expect(Self.close(one, Vector2(1.2, 2.4)) && Self.close(two, Vector2(1.44, 2.88)))
        let (decayed, _) = try Self.twoSteps("gd:lr=0.1,maximize=true,weight_decay=0.5")
        #expect(Self.close(decayed, Vector2(1.15, 2.3)))
    }

    /// torch's Adam (and AdamW) step in torch's own order: m, v, bias corrections, then
    /// θ ← θ − (γ / (1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε).
    struct TorchAdam {
        var lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8
        var m = Vector2.zero, v = Vector2.zero, t = 0

        mutating func step(_ theta: Vector2, gradient g: Vector2) -> Vector2 {
            t += 1
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            let c1 = 1 - Math.pow(beta1, Double(t)), c2 = 1 - Math.pow(beta2, Double(t))
            let denominator = Vector2(v.x.squareRoot(), v.y.squareRoot()) / c2.squareRoot() + Vector2(eps, eps)
            return theta - (lr / c1) * m / denominator
        }
    }

    @Test func adamWithWeightDecayAddsItToTheGradient() throws {
        var adam = TorchAdam()
        let t1 = adam.step(Self.start, gradient: 2 * Self.start + 0.5 * Self.start)
        let t2 = adam.step(t1, gradient: 2 * t1 + 0.5 * t1)
        let (one, two) = try Self.twoSteps("adam:lr=0.1,weight_decay=0.5")
        #expect(Self.close(one, t1, 1e-14) && Self.close(two, t2, 1e-14), "\(one) \(two) against \(t1) \(t2)")
    }

    @Test func adamWDecaysTheParametersApartFromTheGradient() throws {
        // torch AdamW: θ ← θ(1 − γλ) first, then the Adam step with g = ∇f at the θ the step began from.
        var adam = TorchAdam()
        let t1 = adam.step((1 - 0.1 * 0.5) * Self.start, gradient: 2 * Self.start)
        let t2 = adam.step((1 - 0.1 * 0.5) * t1, gradient: 2 * t1)
        let (one, two) = try Self.twoSteps("adamw:lr=0.1,weight_decay=0.5")
        #expect(Self.close(one, t1, 1e-14) && Self.close(two, t2, 1e-14), "\(one) \(two) against \(t1) \(t2)")
        // torch's defaults.
        let defaults = OptimizerSpec(descriptor: AdamW.descriptor)
        #expect(defaults.values[.lr] == 0.001 && defaults.values[.weightDecay] == 0.01)
        #expect(defaults.values[.beta1] == 0.9 && defaults.values[.beta2] == 0.999 && defaults.values[.eps] == 1e-8)
        // And AdamW with λ = 0 is Adam.
        #expect(try Self.twoSteps("adamw:lr=0.1,weight_decay=0") == Self.twoSteps("adam:lr=0.1"))
    }

    @Test func cosineAnnealingIsTorchsClosedForm() throws {
        // η_t = η_min + (lr − η_min)(1 + cos(π e / T_max)) / 2 at torch's epoch e = t − 1.
        let spec = try OptimizerSpec(parsing: "gd:lr=0.1,schedule=cosine,t_max=4,eta_min=0.02")
        let race = Race(surface: Bowl(), start: Self.start, optimizers: [spec], rules: StopRules(gradientTolerance: 0, maxSteps: 20))
        let racer = race.racers[0]
        let cos45 = 0.5.squareRoot()
        let expected: [(Int, Double)] = [(1, 0.1), (2, 0.02 + 0.08 * (1 + cos45) / 2), (3, 0.06), (4, 0.02 + 0.08 * (1 - cos45) / 2),
                                         (5, 0.02), (7, 0.06), (9, 0.1)]
        for (t, rate) in expected {
            let got = try #require(racer.learningRate(forStep: t))
            #expect(abs(got - rate) <= 1e-16, "step \(t): \(got) against \(rate)")
        }
        // The first two steps of gd with it: θ₁ = (1 − 2·0.1)θ₀, θ₂ = (1 − 2η₂)θ₁.
        let (one, two) = try Self.twoSteps("gd:lr=0.1,schedule=cosine,t_max=4,eta_min=0.02")
        #expect(Self.close(one, 0.8 * Self.start) && Self.close(two, (1 - 2 * expected[1].1) * 0.8 * Self.start))
    }

    @Test func torchsSpellingsMeanTheSameRun() throws {
        #expect(try Self.twoSteps("adam:lr=0.1,betas=0.8/0.99") == Self.twoSteps("adam:lr=0.1,beta1=0.8,beta2=0.99"))
        #expect(try Self.twoSteps("adamw:betas=0.5/0.9") == Self.twoSteps("adamw:beta1=0.5,beta2=0.9"))
        #expect(try OptimizerSpec(parsing: "lbfgs:history_size=5").values[.history] == 5)
        // torch SGD(nesterov=True) is descent's nesterov.
        #expect(try Self.twoSteps("momentum:lr=0.05,momentum=0.8,nesterov=true") == Self.twoSteps("nesterov:lr=0.05,momentum=0.8"))
        for bad in ["adam:betas=0.9", "adam:betas=0.9/x", "adam:betas=0.9/0.99,beta1=0.8", "momentum:nesterov=true,dampening=0.1",
                    "momentum:nesterov=true,momentum=0", "gd:weight_decay=-1", "gd:schedule=cosine,t_max=0"] {
            #expect(throws: DescentError.self, "\(bad)") { _ = try OptimizerSpec(parsing: bad) }
        }
    }
}

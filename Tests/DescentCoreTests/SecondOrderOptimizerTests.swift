import Testing
@testable import DescentCore

/// Small surfaces for the optimizer tests, with analytic derivatives (checked below by central differences).
enum SecondOrderTestSurfaces {
    /// f = (1 − x)² + 100 (y − x²)², minimum (1, 1).
    struct Rosenbrock: Surface {
        let name = "test-rosenbrock"
        let formula = "(1 − x)² + 100 (y − x²)²"
        let lesson = ""
        let defaultView = ViewRect(x: -2...2, y: -1...3)
        let defaultStart = Vector2(-1.2, 1)
        let knownPoints = [KnownPoint(1, 1, value: 0, kind: .globalMinimum)]

        func value(at p: Vector2) -> Double {
            let a = 1 - p.x, b = p.y - p.x * p.x
            return a * a + 100 * b * b
        }
        func gradient(at p: Vector2) -> Vector2 {
            let b = p.y - p.x * p.x
            return Vector2(-2 * (1 - p.x) - 400 * p.x * b, 200 * b)
        }
        func hessian(at p: Vector2) -> Matrix2? {
            Matrix2(xx: 1200 * p.x * p.x - 400 * p.y + 2, xy: -400 * p.x, yy: 200)
        }
    }

    /// f = ½ θᵀAθ, A = [[10.5, 9.5], [9.5, 10.5]]: eigenvalues 1 and 20 (κ = 20), a ravine along y = −x.
    struct Ravine: Surface {
        static let a = Matrix2(xx: 10.5, xy: 9.5, yy: 10.5)
        let name = "test-ravine"
        let formula = "½ θᵀAθ"
        let lesson = ""
        let defaultView = ViewRect(x: -3...3, y: -3...3)
        let defaultStart = Vector2(2.5, -1.5)
        let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]

        func value(at p: Vector2) -> Double { 0.5 * p.dot(Self.a.times(p)) }
        func gradient(at p: Vector2) -> Vector2 { Self.a.times(p) }
        func hessian(at p: Vector2) -> Matrix2? { Self.a }
    }

    /// f = x² − y² + y⁴/4: saddle (0, 0), minima (0, ±√2).
    struct Saddle: Surface {
        let name = "test-saddle"
        let formula = "x² − y² + y⁴/4"
        let lesson = ""
        let defaultView = ViewRect(x: -3...3, y: -3...3)
        let defaultStart = Vector2(2, 0)
        let knownPoints = [KnownPoint(0, 0, value: 0, kind: .saddle)]

        func value(at p: Vector2) -> Double { p.x * p.x - p.y * p.y + p.y * p.y * p.y * p.y / 4 }
        func gradient(at p: Vector2) -> Vector2 { Vector2(2 * p.x, -2 * p.y + p.y * p.y * p.y) }
        func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 2, xy: 0, yy: -2 + 3 * p.y * p.y) }
    }

    /// f = −x − y: unbounded below, so no step along −∇f satisfies the curvature condition.
    struct Plane: Surface {
        let name = "test-plane"
        let formula = "−x − y"
        let lesson = ""
        let defaultView = ViewRect(x: -3...3, y: -3...3)
        let defaultStart = Vector2(0, 0)
        let knownPoints: [KnownPoint] = []

        func value(at p: Vector2) -> Double { -p.x - p.y }
        func gradient(at p: Vector2) -> Vector2 { Vector2(-1, -1) }
        func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 0, xy: 0, yy: 0) }
    }
}

private typealias Rosenbrock = SecondOrderTestSurfaces.Rosenbrock
private typealias Ravine = SecondOrderTestSurfaces.Ravine
private typealias Saddle = SecondOrderTestSurfaces.Saddle

private func spec(_ text: String) throws -> OptimizerSpec { try OptimizerSpec(parsing: text) }

private func firstContext(_ surface: any Surface, at point: Vector2, learningRate: Double = 1) -> StepContext {
    StepContext(point: point, gradient: surface.gradient(at: point), iteration: 1, learningRate: learningRate)
}

private func movedPoint(_ result: StepResult) throws -> Vector2 {
    guard case let .moved(point) = result else { throw TestFailure(description: "step did not move: \(result)") }
    return point
}

private struct TestFailure: Error, CustomStringConvertible { var description: String }

/// N&W (6.17) as plain matrix products: (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs.
private func explicitBFGSUpdate(_ h: [[Double]], s: Vector2, y: Vector2) -> [[Double]] {
    let rho = 1 / y.dot(s)
    let sv = [s.x, s.y], yv = [y.x, y.y]
    func left(_ r: Int, _ c: Int) -> Double { (r == c ? 1 : 0) - rho * sv[r] * yv[c] }
    var result = [[0.0, 0.0], [0.0, 0.0]]
    for r in 0..<2 {
        for c in 0..<2 {
            var sum = rho * sv[r] * sv[c]
            for a in 0..<2 {
                for b in 0..<2 { sum += left(r, a) * h[a][b] * left(c, b) }
            }
            result[r][c] = sum
        }
    }
    return result
}

/// The strong Wolfe conditions for the step θ₀ → θ₁, in terms of s = θ₁ − θ₀ = α d (α > 0):
/// f₁ ≤ f₀ + c1 g₀ᵀs and |g₁ᵀs| ≤ c2 |g₀ᵀs|.
private func satisfiesStrongWolfe(on surface: any Surface, from p0: Vector2, to p1: Vector2, c1: Double, c2: Double) -> Bool {
    let s = p1 - p0
    let g0 = surface.gradient(at: p0), g1 = surface.gradient(at: p1)
    return g0.dot(s) < 0
        && surface.value(at: p1) <= surface.value(at: p0) + c1 * g0.dot(s)
        && abs(g1.dot(s)) <= c2 * abs(g0.dot(s))
}

@Suite struct SecondOrderTestSurfaceTests {
    @Test(arguments: [Vector2(-1.2, 1), Vector2(0.3, -0.7), Vector2(1.5, 2)])
    func derivativesMatchCentralDifferences(point: Vector2) throws {
        let surfaces: [any Surface] = [Rosenbrock(), Ravine(), Saddle()]
        let h = 1e-5
        for surface in surfaces {
            let ex = Vector2(h, 0), ey = Vector2(0, h)
            let numericGradient = Vector2(
                (surface.value(at: point + ex) - surface.value(at: point - ex)) / (2 * h),
                (surface.value(at: point + ey) - surface.value(at: point - ey)) / (2 * h))
            #expect((numericGradient - surface.gradient(at: point)).length <= 1e-5 * max(1, surface.gradient(at: point).length))
            let column = (surface.gradient(at: point + ex) - surface.gradient(at: point - ex)) / (2 * h)
            let row = (surface.gradient(at: point + ey) - surface.gradient(at: point - ey)) / (2 * h)
            let hessian = try #require(surface.hessian(at: point))
            #expect(abs(column.x - hessian.xx) <= 1e-4 * max(1, abs(hessian.xx)))
            #expect(abs(column.y - hessian.xy) <= 1e-4 * max(1, abs(hessian.xy)))
            #expect(abs(row.x - hessian.xy) <= 1e-4 * max(1, abs(hessian.xy)))
            #expect(abs(row.y - hessian.yy) <= 1e-4 * max(1, abs(hessian.yy)))
        }
    }
}

@Suite struct NewtonTests {
    @Test func minimisesConvexQuadraticInExactlyOneStep() throws {
        var race = Race(surface: Ravine(), start: Vector2(2.5, -1.5), optimizers: [try spec("newton")])
        race.runToEnd()
        let racer = race.racers[0]
        #expect(racer.status == .converged(step: 1))
        #expect(racer.points.count == 2)
        #expect(racer.points[1].length <= 1e-14)
    }

    @Test func dampedStepMatchesHandFormula() throws {
        // θ − γ (H + λI)⁻¹ g with the 2 × 2 inverse written out: [[d, −b], [−b, a]] / (ad − b²).
        let surface = Rosenbrock(), p = Vector2(-1.2, 1), lambda = 0.1, gamma = 0.5
        let g = surface.gradient(at: p)
        let a = 1200 * 1.44 - 400 + 2 + lambda, b = -400 * -1.2, d = 200 + lambda
        let det = a * d - b * b
        let expected = p - gamma * Vector2((d * g.x - b * g.y) / det, (a * g.y - b * g.x) / det)

        var newton = try spec("newton:damping=0.1,lr=0.5").makeOptimizer(runSeed: 0)
        let next = try movedPoint(newton.step(firstContext(surface, at: p, learningRate: gamma), on: surface))
        #expect(abs(next.x - expected.x) <= 1e-12)
        #expect(abs(next.y - expected.y) <= 1e-12)
        #expect((next - p).length > 0.1)
    }

    @Test func firstTwoStepsOnRosenbrockByHand() throws {
        // Step 1: H = [[1330, 480], [480, 200]], det 35600, H⁻¹g = (−880, −13552) / 35600.
        // Step 2 from (−523/445, 1.3806741573…), computed in exact rational arithmetic.
        var race = Race(surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec("newton")])
        race.run(steps: 2)
        let points = race.racers[0].points
        #expect(abs(points[1].x - (-1.2 + 880.0 / 35600)) <= 1e-12)
        #expect(abs(points[1].y - (1 + 13552.0 / 35600)) <= 1e-12)
        #expect(abs(points[2].x - 0.7631148711764698) <= 1e-9)
        #expect(abs(points[2].y - -3.1750338547481953) <= 1e-9)
    }

    @Test(arguments: [-2.0, 0.5, 3.0])
    func fromTheXAxisGoesStraightToTheSaddle(x: Double) throws {
        var race = Race(surface: Saddle(), start: Vector2(x, 0), optimizers: [try spec("newton")])
        race.runToEnd()
        let racer = race.racers[0]
        #expect(racer.currentPoint == Vector2(0, 0))
        // f = x² − y² has H = diag(2, −2) there: indefinite, so the run stopped at a saddle, not a minimum.
        #expect(racer.status == .stoppedAtSaddle(step: 1))
        #expect(racer.status.summary == "stopped at a saddle at step 1")
    }

    @Test func singularHessianFailsInsteadOfNaN() throws {
        // On the saddle at (1, 0), H = diag(2, −2), so H + 2I = diag(4, 0) is singular.
        let surface = Saddle(), p = Vector2(1, 0)
        var newton = try spec("newton:damping=2").makeOptimizer(runSeed: 0)
        let result = newton.step(firstContext(surface, at: p), on: surface)
        guard case let .failed(reason) = result else {
            Issue.record("expected a failed step, got \(result)")
            return
        }
        #expect(reason.hasPrefix("singular Hessian"))

        var race = Race(surface: surface, start: p, optimizers: [try spec("newton:damping=2")])
        race.runToEnd()
        let racer = race.racers[0]
        #expect(racer.status.label == "failed")
        #expect(racer.status.step == 1)
        #expect(racer.points == [p])
        #expect(racer.loss.isFinite && racer.gradient.isFinite)
    }
}

@Suite struct StrongWolfeLineSearchTests {
    private let search = StrongWolfeLineSearch(sufficientDecrease: 1e-4, curvature: 0.1)

    @Test(arguments: [1e-3, 1.0, 100.0])
    func acceptedStepSatisfiesStrongWolfeAndIsTheLastTrial(initialStep: Double) throws {
        let surface = Rosenbrock()
        for p in [Vector2(-1.2, 1), Vector2(0, 0), Vector2(1.5, 1.5)] {
            let g = surface.gradient(at: p)
            let result = search.search(on: surface, from: p, value: surface.value(at: p), gradient: g, direction: -g, initialStep: initialStep)
            guard case let .accepted(trial) = result.outcome else {
                Issue.record("no step from \(p): \(result.outcome)")
                continue
            }
            #expect(result.trialPoints.last == trial.point)
            #expect(result.trialPoints.count <= search.maxEvaluations)
            #expect(trial.point == p - trial.step * g)
            #expect(satisfiesStrongWolfe(on: surface, from: p, to: trial.point, c1: 1e-4, c2: 0.1))
        }
    }

    @Test func tooShortAFirstStepIsDoubled() {
        let surface = Ravine(), p = Vector2(2.5, -1.5)
        let g = surface.gradient(at: p)
        let result = search.search(on: surface, from: p, value: surface.value(at: p), gradient: g, direction: -g, initialStep: 1e-4)
        #expect(result.trialPoints.count >= 3)
        let first = result.trialPoints[0] - p, second = result.trialPoints[1] - p
        #expect((second - 2 * first).length <= 1e-15)
    }

    @Test func ascentDirectionIsReportedWithoutTrials() {
        let surface = Rosenbrock(), p = Vector2(-1.2, 1)
        let g = surface.gradient(at: p)
        let result = search.search(on: surface, from: p, value: surface.value(at: p), gradient: g, direction: g, initialStep: 1)
        #expect(result.outcome == .failed(reason: "line search direction is not a descent direction (gᵀd = \(formatNumber(g.dot(g))))"))
        #expect(result.trialPoints.isEmpty)
    }

    @Test func unboundedDescentFailsAfterTheEvaluationBudget() {
        let surface = SecondOrderTestSurfaces.Plane(), p = Vector2(0, 0)
        let g = surface.gradient(at: p)
        let result = search.search(on: surface, from: p, value: 0, gradient: g, direction: -g, initialStep: 1)
        #expect(result.outcome == .failed(reason: "line search found no strong-Wolfe step in 30 evaluations"))
        #expect(result.trialPoints.count == 30)
        #expect(result.trialPoints.allSatisfy { $0.isFinite })
    }

    @Test func constantsOutOfOrderAreReported() {
        let surface = Rosenbrock(), p = Vector2(-1.2, 1)
        let g = surface.gradient(at: p)
        let inverted = StrongWolfeLineSearch(sufficientDecrease: 0.5, curvature: 0.4)
        let result = inverted.search(on: surface, from: p, value: surface.value(at: p), gradient: g, direction: -g, initialStep: 1)
        #expect(result.outcome == .failed(reason: "line search needs 0 < c1 < c2 < 1 (c1 = 0.5, c2 = 0.4)"))
    }
}

@Suite struct LineSearchOptimizerTests {
    static let methods = ["cg", "bfgs", "lbfgs"]

    @Test(arguments: methods)
    func firstStepSatisfiesStrongWolfe(method: String) throws {
        let optimizerSpec = try spec(method)
        let c1 = optimizerSpec.values[.c1], c2 = optimizerSpec.values[.c2]
        let cases: [(any Surface, Vector2)] = [(Rosenbrock(), Vector2(-1.2, 1)), (Ravine(), Vector2(2.5, -1.5))]
        for (surface, p) in cases {
            var optimizer = optimizerSpec.makeOptimizer(runSeed: 0)
            let next = try movedPoint(optimizer.step(firstContext(surface, at: p), on: surface))
            #expect(satisfiesStrongWolfe(on: surface, from: p, to: next, c1: c1, c2: c2))
            // The first direction is −g for all three (H₀ = I): the step is parallel to the gradient.
            let g = surface.gradient(at: p), s = next - p
            #expect(abs(s.x * g.y - s.y * g.x) <= 1e-12 * s.length * g.length)
        }
    }

    @Test(arguments: methods)
    func trialPointsAreRecordedAndTheLastIsTheAcceptedPoint(method: String) throws {
        let surface = Rosenbrock()
        var optimizer = try spec(method).makeOptimizer(runSeed: 0)
        var p = Vector2(-1.2, 1)
        for t in 1...8 {
            let context = StepContext(point: p, gradient: surface.gradient(at: p), iteration: t, learningRate: 1)
            let next = try movedPoint(optimizer.step(context, on: surface))
            #expect(!optimizer.lastTrialPoints.isEmpty)
            #expect(optimizer.lastTrialPoints.last == next)
            p = next
        }
    }

    @Test func cgAndBfgsSolveTheRavineInTenIterationsWhileGDNeedsHundreds() throws {
        var race = Race(
            surface: Ravine(), start: Vector2(2.5, -1.5),
            optimizers: [try spec("cg"), try spec("bfgs"), try spec("gd:lr=0.01")],
            rules: StopRules(gradientTolerance: 1e-8, maxSteps: 10_000))
        race.runToEnd()
        for racer in race.racers.prefix(2) {
            #expect(racer.status.label == "converged", "\(racer.name): \(racer.status.summary)")
            #expect(racer.stepCount <= 10, "\(racer.name) took \(racer.stepCount) steps")
            #expect(racer.gradient.length < 1e-8)
        }
        let gd = race.racers[2]
        #expect(gd.status.label == "converged")
        #expect(gd.stepCount >= 200, "gd took \(gd.stepCount) steps")
    }

    @Test(arguments: ["cg", "bfgs", "lbfgs", "lbfgs:history=1"])
    func reachesTheRosenbrockMinimum(method: String) throws {
        var race = Race(
            surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec(method)],
            rules: StopRules(gradientTolerance: 1e-10, maxSteps: 1000))
        race.runToEnd()
        let racer = race.racers[0]
        #expect(racer.status.label == "converged", "\(method): \(racer.status.summary)")
        #expect((racer.currentPoint - Vector2(1, 1)).length <= 1e-5, "\(method) ended at \(racer.currentPoint)")
        #expect(racer.points.allSatisfy { $0.isFinite })
    }

    @Test func cgDirectionsFollowPolakRibierePlus() throws {
        // d₁ = −g₁, dₖ = −gₖ + max(0, gₖᵀ(gₖ − gₖ₋₁)/|gₖ₋₁|²) dₖ₋₁ (−gₖ if not downhill); each sₖ ∥ dₖ.
        let surface = Rosenbrock()
        var race = Race(surface: surface, start: Vector2(-1.2, 1), optimizers: [try spec("cg")], rules: StopRules(maxSteps: 15))
        race.runToEnd()
        let points = race.racers[0].points
        #expect(points.count == 16)
        var direction = Vector2.zero, previousGradient = Vector2.zero
        for k in 0..<points.count - 1 {
            let g = surface.gradient(at: points[k])
            if k == 0 {
                direction = -g
            } else {
                let beta = max(0, g.dot(g - previousGradient) / previousGradient.dot(previousGradient))
                direction = -g + beta * direction
                if g.dot(direction) >= 0 { direction = -g }
            }
            previousGradient = g
            let s = points[k + 1] - points[k]
            #expect(abs(s.x * direction.y - s.y * direction.x) <= 1e-9 * s.length * direction.length, "step \(k + 1)")
            #expect(s.dot(direction) > 0, "step \(k + 1)")
        }
    }

    @Test func cgFirstTrialStepsAreUnitLengthThenTheSlopeRatio() throws {
        // Step 1 tries α = 1/|g₁| (distance 1); step k tries α = αₖ₋₁ gₖ₋₁ᵀdₖ₋₁ / gₖᵀdₖ (N&W 3.60).
        let surface = Rosenbrock()
        var optimizer = try spec("cg").makeOptimizer(runSeed: 0)
        var p = Vector2(-1.2, 1)
        var previous: (step: Double, slope: Double, direction: Vector2, gradient: Vector2)?
        for t in 1...6 {
            let g = surface.gradient(at: p)
            let next = try movedPoint(optimizer.step(StepContext(point: p, gradient: g, iteration: t, learningRate: 1), on: surface))
            let firstTrial = optimizer.lastTrialPoints[0] - p
            var direction = -g
            if let previous {
                let beta = max(0, g.dot(g - previous.gradient) / previous.gradient.dot(previous.gradient))
                if g.dot(-g + beta * previous.direction) < 0 { direction = -g + beta * previous.direction }
                let expected = previous.step * previous.slope / g.dot(direction) * direction
                #expect((firstTrial - expected).length <= 1e-10 * expected.length, "step \(t)")
            } else {
                #expect(abs(firstTrial.length - 1) <= 1e-15)
            }
            previous = ((next - p).length / direction.length, g.dot(direction), direction, g)
            p = next
        }
    }

    @Test func lbfgsTakesTheSameFirstTwoStepsAsBfgs() throws {
        // With one pair and γ = sᵀy/yᵀy, the two-loop recursion computes exactly BFGS's (6.17) update of (6.20).
        var race = Race(surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec("bfgs"), try spec("lbfgs")])
        race.run(steps: 3)
        let bfgs = race.racers[0].points, lbfgs = race.racers[1].points
        for k in 1...2 {
            #expect((bfgs[k] - lbfgs[k]).length <= 1e-12 * max(1, bfgs[k].length), "step \(k)")
        }
        #expect(bfgs[3] != lbfgs[3])
    }

    @Test func lbfgsDirectionIsTheExplicitUpdateOfItsLastPairs() throws {
        // N&W (7.19): Hₖ = BFGS updates (6.17) of γₖ I by the last m pairs, oldest first. Each step
        // sₖ must be a positive multiple of −Hₖ gₖ, also once the ring of m = 2 slots has wrapped.
        let surface = Rosenbrock(), m = 2
        var race = Race(
            surface: surface, start: Vector2(-1.2, 1), optimizers: [try spec("lbfgs:history=\(m)")],
            rules: StopRules(gradientTolerance: 1e-6, maxSteps: 16))
        race.runToEnd()
        let points = race.racers[0].points
        #expect(points.count == 17)
        let s = (0..<points.count - 1).map { points[$0 + 1] - points[$0] }
        let y = (0..<points.count - 1).map { surface.gradient(at: points[$0 + 1]) - surface.gradient(at: points[$0]) }
        for k in 1..<s.count {
            let window = max(0, k - m)..<k
            #expect(window.allSatisfy { y[$0].dot(s[$0]) > 0 })
            let gamma = s[k - 1].dot(y[k - 1]) / y[k - 1].dot(y[k - 1])
            var h = [[gamma, 0], [0, gamma]]
            for i in window { h = explicitBFGSUpdate(h, s: s[i], y: y[i]) }
            let g = surface.gradient(at: points[k])
            let direction = -Vector2(h[0][0] * g.x + h[0][1] * g.y, h[1][0] * g.x + h[1][1] * g.y)
            #expect(abs(s[k].x * direction.y - s[k].y * direction.x) <= 1e-9 * s[k].length * direction.length, "step \(k + 1)")
            #expect(s[k].dot(direction) > 0, "step \(k + 1)")
        }
    }

    @Test func lbfgsKeepsAtMostHistoryPairs() throws {
        var race = Race(
            surface: Rosenbrock(), start: Vector2(-1.2, 1), optimizers: [try spec("lbfgs:history=3")],
            rules: StopRules(gradientTolerance: 0, maxSteps: 20))
        race.run(steps: 20)
        let lbfgs = try #require(race.racers[0].optimizer as? LBFGS)
        #expect(race.racers[0].stepCount >= 10)
        #expect(lbfgs.pairs.count == 3)
    }

    @Test func constantsOutOfOrderAreRejectedInTheSpec() throws {
        for name in ["bfgs", "lbfgs", "cg"] {
            #expect(throws: DescentError.invalid("\(name): the line search needs c1 < c2 (c1 = 0.5, c2 = 0.4)")) {
                try OptimizerSpec(parsing: "\(name):c1=0.5,c2=0.4")
            }
        }
    }
}

@Suite struct SecondOrderCatalogTests {
    @Test func everyMethodIsRegistered() {
        for name in ["newton", "cg", "bfgs", "lbfgs"] {
            let descriptor = OptimizerCatalog.secondOrder.first { $0.name == name }
            #expect(descriptor?.family == .secondOrder, "\(name)")
            #expect(descriptor?.acceptsSchedule == false, "\(name)")
            #expect(descriptor.map { !$0.rule.isEmpty && !$0.lesson.isEmpty && !$0.lesson.contains("\n") } == true)
        }
    }

    @Test func lineSearchMethodsHaveNoLearningRate() throws {
        for name in LineSearchOptimizerTests.methods {
            let descriptor = try OptimizerCatalog.descriptor(named: name)
            #expect(descriptor.usesLineSearch)
            #expect(!descriptor.hasLearningRate)
            #expect(throws: DescentError.self) { try spec("\(name):lr=0.1") }
        }
        #expect(try !OptimizerCatalog.descriptor(named: "newton").usesLineSearch)
    }

    @Test func specsParse() throws {
        #expect(try spec("lbfgs:history=5").values[.history] == 5)
        #expect(try spec("lbfgs").values[.history] == 10)
        #expect(try spec("newton:damping=0.1").values[.damping] == 0.1)
        #expect(try spec("newton").learningRate == 1.0)
        #expect(try spec("cg").values[.c2] == 0.1)
        #expect(try spec("bfgs:c1=1e-3").values[.c1] == 1e-3)
        #expect(try spec("bfgs").values[.c2] == 0.9)
        #expect(try spec("lbfgs").values[.c1] == 1e-4)
        for bad in ["lbfgs:history=0", "lbfgs:history=2.5", "newton:damping=-1", "newton:lr=0", "cg:c1=0", "bfgs:c2=1"] {
            #expect(throws: DescentError.self, "\(bad)") { try spec(bad) }
        }
    }
}

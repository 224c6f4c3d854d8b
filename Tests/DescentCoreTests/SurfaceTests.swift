import Testing
@testable import DescentCore

@Suite struct SurfaceTests {
    // MARK: - Every surface

    @Test func catalogListsTheSurfacesInOrder() {
        #expect(SurfaceCatalog.names == [
            "bowl", "ravine", "wells", "plateau", "saddle", "rosenbrock", "himmelblau", "beale", "booth", "camel", "rastrigin", "linreg", "logreg",
        ])
    }

    @Test func namesAreUniqueAndLowerCase() {
        let names = SurfaceCatalog.names
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(!name.isEmpty && name == name.lowercased() && !name.contains(" "), "\(name)")
        }
    }

    @Test(arguments: SurfaceCatalog.names)
    func derivativeCheckPasses(_ name: String) throws {
        let surface = try #require(SurfaceCatalog.named(name))
        let result = DerivativeCheck.run(surface)
        #expect(result.passed, "\(name): gradient error \(result.maxGradientError) at \(result.worstGradientPoint), Hessian error \(result.maxHessianError) at \(result.worstHessianPoint)")
        #expect(result.pointsChecked == 400 + surface.knownPoints.count)
    }

    @Test(arguments: SurfaceCatalog.names)
    func knownPointsAreStationaryWithTheListedValues(_ name: String) throws {
        let surface = try #require(SurfaceCatalog.named(name))
        #expect(!surface.knownPoints.isEmpty)
        for known in surface.knownPoints {
            let gradient = surface.gradient(at: known.point)
            #expect(gradient.length < 1e-6, "\(name) \(known.kind) at \(known.point): |∇f| = \(gradient.length)")
            let value = surface.value(at: known.point)
            #expect(abs(value - known.value) <= 1e-9 * max(1, abs(known.value)), "\(name) at \(known.point): f = \(value), listed \(known.value)")
            #expect(surface.defaultView.contains(known.point), "\(name): \(known.point) is outside the default view")
        }
    }

    @Test(arguments: SurfaceCatalog.names)
    func knownPointKindsMatchTheHessian(_ name: String) throws {
        let surface = try #require(SurfaceCatalog.named(name))
        for known in surface.knownPoints {
            let (smaller, larger) = try #require(surface.hessian(at: known.point)).eigenvalues
            switch known.kind {
            case .globalMinimum, .localMinimum:
                #expect(smaller > 0, "\(name) minimum \(known.point): eigenvalues \(smaller), \(larger)")
            case .saddle:
                #expect(smaller < 0 && larger > 0, "\(name) saddle \(known.point): eigenvalues \(smaller), \(larger)")
            case .maximum:
                #expect(larger < 0, "\(name) maximum \(known.point): eigenvalues \(smaller), \(larger)")
            }
        }
    }

    @Test(arguments: SurfaceCatalog.names)
    func globalMinimaAreTheLowestMinima(_ name: String) throws {
        let surface = try #require(SurfaceCatalog.named(name))
        let globals = surface.knownPoints.filter { $0.kind == .globalMinimum }.map(\.value)
        let locals = surface.knownPoints.filter { $0.kind == .localMinimum }.map(\.value)
        let lowest = try #require(globals.min())
        #expect(globals.allSatisfy { abs($0 - lowest) <= 1e-9 * max(1, abs(lowest)) })
        #expect(locals.allSatisfy { $0 > lowest })
    }

    @Test(arguments: SurfaceCatalog.names)
    func defaultStartIsInsideTheViewAndNotStationary(_ name: String) throws {
        let surface = try #require(SurfaceCatalog.named(name))
        #expect(surface.defaultView.contains(surface.defaultStart))
        #expect(surface.gradient(at: surface.defaultStart).length > StopRules().gradientTolerance)
        #expect(surface.value(at: surface.defaultStart).isFinite)
    }

    // MARK: - Specific surfaces

    /// f at points worked out by hand from the standard formulas, so a consistent change of value, gradient and
    /// Hessian (which the derivative check cannot see) is still caught.
    @Test(arguments: [
        ("bowl", 1.0, 2.0, 5.0),
        ("ravine", 2, 1, 12),
        ("wells", -1.5, 1, 0.1625 - 1.5 - 2.5 * Math.exp(-6.5)),
        ("plateau", 1, 0, 1 - Math.exp(-1)),
        ("saddle", 1, 2, 1),
        ("rosenbrock", 0, 0, 1),
        ("himmelblau", 0, 0, 170),
        ("beale", 1, -1, 5.703125),
        ("booth", 0, 0, 74),
        ("camel", 1, 1, 1.9 + 1.0 / 3 + 1),
        ("rastrigin", 0.5, 0.5, 40.5),
        ("rastrigin", 1, 1, 2),
    ])
    func valueAtAHandComputedPoint(_ name: String, _ x: Double, _ y: Double, _ expected: Double) throws {
        let surface = try #require(SurfaceCatalog.named(name))
        #expect(abs(surface.value(at: Vector2(x, y)) - expected) <= 1e-12 * max(1, abs(expected)))
    }


    @Test func rosenbrockAtTheClassicStart() {
        let surface = Rosenbrock()
        let start = Vector2(-1.2, 1)
        #expect(surface.defaultStart == start)
        #expect(abs(surface.value(at: start) - 24.2) < 1e-12)
        let gradient = surface.gradient(at: start)
        #expect(abs(gradient.x - -215.6) < 1e-12 && abs(gradient.y - -88) < 1e-12)
        #expect(surface.prefersLogShading)
    }

    @Test func boothHessianIsConstant() {
        for point in [Vector2(0, 0), Vector2(1, 3), Vector2(-7.5, 2.25)] {
            #expect(Booth().hessian(at: point) == Matrix2(xx: 10, xy: 8, yy: 10))
        }
    }

    @Test func bealeMinimumIsExactlyZero() {
        let surface = Beale()
        #expect(surface.value(at: Vector2(3, 0.5)) == 0)
        #expect(surface.gradient(at: Vector2(3, 0.5)) == Vector2(0, 0))
        // Each residual at (1, 1) is its constant: 1.5² + 2.25² + 2.625².
        #expect(surface.value(at: Vector2(1, 1)) == 14.203125)
        #expect(surface.prefersLogShading)
    }

    /// The published 6-digit coordinates and values (as the test-function literature gives them) agree with the refined ones.
    @Test func refinedPointsAgreeWithThePublishedOnes() throws {
        let published: [(surface: any Surface, x: Double, y: Double, value: Double)] = [
            (Himmelblau(), -2.805118, 3.131313, 0), (Himmelblau(), -3.779310, -3.283186, 0),
            (Himmelblau(), 3.584428, -1.848127, 0), (Himmelblau(), -0.270845, -0.923039, 181.617),
            (SixHumpCamel(), 0.089842, -0.712656, -1.031628), (SixHumpCamel(), -0.089842, 0.712656, -1.031628),
            (SixHumpCamel(), 1.703607, -0.796084, -0.215464), (SixHumpCamel(), -1.703607, 0.796084, -0.215464),
            (SixHumpCamel(), 1.607105, 0.568651, 2.104250), (SixHumpCamel(), -1.607105, -0.568651, 2.104250),
        ]
        for entry in published {
            let target = Vector2(entry.x, entry.y)
            let known = try #require(entry.surface.knownPoints.min { ($0.point - target).length < ($1.point - target).length })
            #expect((known.point - target).length < 1e-6, "\(entry.surface.name): \(known.point) vs \(target)")
            #expect(abs(known.value - entry.value) < 1e-3, "\(entry.surface.name): \(known.value) vs \(entry.value)")
        }
    }

    @Test func ravineIsIllConditionedAndGradientDescentCrawls() throws {
        let surface = Ravine()
        let (smaller, larger) = try #require(surface.hessian(at: surface.defaultStart)).eigenvalues
        #expect(smaller > 0 && larger / smaller >= 20)

        // Plain gradient descent and heavy-ball momentum (μ = 0.9), both at learning rate 0.01.
        var point = surface.defaultStart, gdSteps = 0
        while surface.gradient(at: point).length >= 1e-8 && gdSteps < 100_000 {
            point -= 0.01 * surface.gradient(at: point)
            gdSteps += 1
        }
        point = surface.defaultStart
        var velocity = Vector2(0, 0), momentumSteps = 0
        while surface.gradient(at: point).length >= 1e-8 && momentumSteps < 100_000 {
            velocity = 0.9 * velocity + surface.gradient(at: point)
            point -= 0.01 * velocity
            momentumSteps += 1
        }
        #expect(gdSteps >= 500, "gd took \(gdSteps) steps")
        #expect(momentumSteps * 3 < gdSteps, "momentum took \(momentumSteps) steps, gd \(gdSteps)")
    }

    @Test func wellsTrapGradientDescentInTheShallowMinimum() throws {
        let surface = Wells()
        var point = surface.defaultStart
        for _ in 0..<20_000 { point -= 0.01 * surface.gradient(at: point) }
        let nearest = try #require(surface.minima.min { ($0.point - point).length < ($1.point - point).length })
        let global = try #require(surface.knownPoints.first { $0.kind == .globalMinimum })
        #expect((nearest.point - point).length < 1e-3, "ended at \(point)")
        #expect(nearest.kind == .localMinimum)
        #expect(nearest.value > global.value)
        #expect(surface.saddles.count == 1)
    }

    @Test func plateauIsFlatOverAThirdOfTheView() {
        let surface = Plateau()
        let view = surface.defaultView, cells = 200
        var flat = 0
        for row in 0..<cells {
            for column in 0..<cells {
                let point = Vector2(
                    view.minX + (Double(column) + 0.5) / Double(cells) * view.width,
                    view.minY + (Double(row) + 0.5) / Double(cells) * view.height
                )
                if surface.gradient(at: point).length < 1e-3 { flat += 1 }
            }
        }
        #expect(3 * flat >= cells * cells, "\(flat) flat cells of \(cells * cells)")
        #expect(surface.gradient(at: surface.defaultStart).length < 1e-3)
    }

    @Test func saddleDrawsGradientDescentAndNewton() throws {
        let surface = SaddleSurface()
        // Gradient descent from the default start passes close to the saddle, then settles in a minimum.
        var point = surface.defaultStart, closest = Double.infinity
        for _ in 0..<5_000 {
            point -= 0.01 * surface.gradient(at: point)
            closest = min(closest, point.length)
        }
        #expect(closest < 0.1)
        #expect(abs(abs(point.y) - 2.0.squareRoot()) < 1e-9 && abs(point.x) < 1e-9)

        // A pure Newton step from (x, 0) lands exactly on the saddle; from the default start it converges there.
        let step = try #require(surface.hessian(at: Vector2(-2.5, 0))?.solve(surface.gradient(at: Vector2(-2.5, 0))))
        #expect(Vector2(-2.5, 0) - step == Vector2(0, 0))
        point = surface.defaultStart
        for _ in 0..<5 { point -= try #require(surface.hessian(at: point)?.solve(surface.gradient(at: point))) }
        #expect(point.length < 1e-12)
    }

    // MARK: - The derivative checker

    /// f = x² + 3y² with the bowl's gradient copied by mistake.
    struct CopiedGradient: Surface {
        let name = "copied-gradient", formula = "x² + 3y²", lesson = ""
        let defaultView = ViewRect(x: -2...2, y: -2...2), defaultStart = Vector2(1, 1)
        let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]
        func value(at p: Vector2) -> Double { p.x * p.x + 3 * p.y * p.y }
        func gradient(at p: Vector2) -> Vector2 { 2 * p }
        func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 2, xy: 0, yy: 6) }
    }

    /// f = x² + xy + y² with a correct gradient and the sign of the Hessian's cross term wrong.
    struct WrongCrossTerm: Surface {
        let name = "wrong-cross-term", formula = "x² + xy + y²", lesson = ""
        let defaultView = ViewRect(x: -2...2, y: -2...2), defaultStart = Vector2(1, 1)
        let knownPoints = [KnownPoint(0, 0, value: 0, kind: .globalMinimum)]
        func value(at p: Vector2) -> Double { p.x * p.x + p.x * p.y + p.y * p.y }
        func gradient(at p: Vector2) -> Vector2 { Vector2(2 * p.x + p.y, p.x + 2 * p.y) }
        func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 2, xy: -1, yy: 2) }
    }

    /// Rosenbrock with its gradient off by a relative 1e-4.
    struct SlightlyWrongGradient: Surface {
        let name = "slightly-wrong", formula = "", lesson = ""
        let defaultView = Rosenbrock().defaultView, defaultStart = Rosenbrock().defaultStart, knownPoints: [KnownPoint] = []
        func value(at p: Vector2) -> Double { Rosenbrock().value(at: p) }
        func gradient(at p: Vector2) -> Vector2 { (1 + 1e-4) * Rosenbrock().gradient(at: p) }
        func hessian(at p: Vector2) -> Matrix2? { Rosenbrock().hessian(at: p) }
    }

    /// The bowl where x ≥ 0, undefined (NaN) elsewhere.
    struct HalfBowl: Surface {
        let name = "half-bowl", formula = "", lesson = ""
        let defaultView = ViewRect(x: -1...1, y: -1...1), defaultStart = Vector2(0.5, 0.5), knownPoints: [KnownPoint] = []
        func value(at p: Vector2) -> Double { p.x >= 0 ? p.x * p.x + p.y * p.y : .nan }
        func gradient(at p: Vector2) -> Vector2 { 2 * p }
        func hessian(at p: Vector2) -> Matrix2? { Matrix2(xx: 2, xy: 0, yy: 2) }
    }

    @Test func derivativeCheckCatchesACopiedGradient() {
        let result = DerivativeCheck.run(CopiedGradient())
        #expect(!result.passed)
        #expect(result.maxGradientError > 0.1)
        #expect(result.worstGradientPoint != Vector2(0, 0))
    }

    @Test func derivativeCheckCatchesAWrongHessianAlone() {
        let result = DerivativeCheck.run(WrongCrossTerm())
        #expect(result.maxGradientError < result.tolerance)
        #expect(abs(result.maxHessianError - 2) < 1e-6)
        #expect(!result.passed)
    }

    @Test func derivativeCheckCatchesASmallRelativeError() {
        let result = DerivativeCheck.run(SlightlyWrongGradient())
        #expect(result.maxGradientError > 5e-5)
        #expect(!result.passed)
    }

    @Test func derivativeCheckSkipsPointsWhereTheSurfaceIsUndefined() {
        let result = DerivativeCheck.run(HalfBowl(), points: 200)
        #expect(result.pointsChecked > 50 && result.pointsChecked < 150)
        #expect(result.passed)
    }

    @Test func derivativeCheckIsReproducible() {
        let first = DerivativeCheck.run(Rastrigin(), points: 100, seed: 7)
        let second = DerivativeCheck.run(Rastrigin(), points: 100, seed: 7)
        #expect(first.maxGradientError == second.maxGradientError && first.worstHessianPoint == second.worstHessianPoint)
        #expect(first.pointsChecked == 101)
        #expect(first.surfaceName == "rastrigin")
    }
}

@Suite struct SurfaceCatalogTests {
    /// The name each catalog entry is looked up by is the name of the surface it makes, and a lookup
    /// by name gives the same surface as the list (its formula, view and start).
    @Test func eachEntrysNameIsItsSurfacesName() throws {
        for (entry, listed) in zip(SurfaceCatalog.entries, SurfaceCatalog.all) {
            #expect(entry.make().name == entry.name)
            #expect(listed.name == entry.name)
            let found = try #require(SurfaceCatalog.named(entry.name.uppercased()))
            #expect(found.formula == listed.formula && found.defaultView == listed.defaultView && found.defaultStart == listed.defaultStart)
        }
        #expect(SurfaceCatalog.entries.count == SurfaceCatalog.all.count)
        #expect(SurfaceCatalog.named("nope") == nil)
    }
}

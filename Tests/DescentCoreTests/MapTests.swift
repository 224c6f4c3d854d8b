import Testing
@testable import DescentCore

/// Basins of attraction and stability maps, checked against what the surfaces' formulas say by hand.
@Suite struct MapTests {
    static func basins(_ surface: any Surface, _ spec: String, columns: Int = 41, rows: Int = 21, steps: Int = 500,
                       parallelism: Int = 4) async throws -> BasinMap {
        let grid = MapGrid(view: surface.defaultView, columns: columns, rows: rows)
        let map = await BasinMap.compute(surface: surface, spec: try OptimizerSpec(parsing: spec), rules: StopRules(maxSteps: steps),
                                         seed: 0, grid: grid, parallelism: parallelism)
        return try #require(map)
    }

    @Test func theGridsCellCentresSpanTheViewAndItsMiddleRowIsAtYZeroExactly() {
        let grid = MapGrid(view: ViewRect(x: -3...3, y: -3...3), columns: 6, rows: 5)
        #expect(grid.point(column: 0, row: 0) == Vector2(-2.5, 2.4))
        #expect(abs(grid.point(column: 5, row: 4).x - 2.5) < 1e-15 && abs(grid.point(column: 5, row: 4).y + 2.4) < 1e-15)
        #expect(grid.point(column: 3, row: 2).y == 0)
    }

    @Test func gradientDescentOnTheBowlHasOneBasinCoveringEveryCell() async throws {
        // f = x² + y² is convex: from anywhere gd with γ < 1 goes to (0, 0).
        let map = try await Self.basins(Bowl(), "gd:lr=0.1")
        #expect(map.basins.count == 1)
        #expect(map.basins[0].point == Vector2(0, 0))
        #expect(map.basins[0].kind == .globalMinimum)
        #expect(map.cells.allSatisfy { $0.ending == .basin(0) })
        #expect(map.basins[0].cells == 41 * 21)
    }

    @Test func onTheSaddleTheBasinsSplitAtYZeroAndTheAxisEndsAtTheSaddle() async throws {
        // f = x² − y² + y⁴/4: ∂f/∂y = y(y² − 2) keeps y's sign, so a start above the x axis ends at (0, √2), one
        // below at (0, −√2); on the axis ∂f/∂y = 0 for ever and gd converges to the saddle (0, 0).
        let map = try await Self.basins(SaddleSurface(), "gd:lr=0.1", rows: 21)
        let above = try #require(map.basins.firstIndex { $0.point.y > 0 })
        let below = try #require(map.basins.firstIndex { $0.point.y < 0 })
        #expect(map.basins.count == 2)
        for r in 0..<21 {
            let y = map.grid.point(column: 0, row: r).y
            for c in 0..<41 {
                let expected: BasinMap.Ending = y > 0 ? .basin(above) : y < 0 ? .basin(below) : .saddle
                #expect(map.cell(column: c, row: r).ending == expected, "cell (\(c), \(r)) at y = \(y)")
            }
        }
        #expect(map.grid.point(column: 0, row: 10).y == 0)
    }

    @Test func aLargeRateDivergesEverywhereOnTheBowl() async throws {
        // γ = 1.5: θ ← (1 − 2γ)θ = −2θ, |θ| doubles each step and passes the bound 10⁶ within 25 steps.
        let map = try await Self.basins(Bowl(), "gd:lr=1.5", columns: 10, rows: 4)
        #expect(map.basins.isEmpty)
        #expect(map.cells.allSatisfy { $0.ending == .diverged })
    }

    @Test func aMapIsTheSameOnOneTaskAndOnEight() async throws {
        let one = try await Self.basins(Wells(), "momentum:lr=0.05", columns: 30, rows: 13, steps: 200, parallelism: 1)
        let eight = try await Self.basins(Wells(), "momentum:lr=0.05", columns: 30, rows: 13, steps: 200, parallelism: 8)
        #expect(one == eight)
        #expect(one.basins.count == 2)
    }

    @Test func aStoppedMapReturnsNothing() async throws {
        let grid = MapGrid(view: Bowl().defaultView, columns: 5, rows: 50)
        let map = await BasinMap.compute(surface: Bowl(), spec: try OptimizerSpec(parsing: "gd"), rules: StopRules(maxSteps: 10),
                                         seed: 0, grid: grid, parallelism: 2, shouldStop: { true })
        #expect(map == nil)
    }

    @Test func theStabilityMapOfGradientDescentOnTheBowlDivergesExactlyAboveOne() async throws {
        // θ ← (1 − 2γ)θ: |1 − 2γ| ≤ 1 exactly for γ ≤ 1 (γ = 1 flips θ to −θ, the loss stays); above 1 it grows.
        let rates = StabilityMap.learningRates(in: 1e-4...10, count: 41) + [0.999, 1, 1.001, 1.01]
        let map = try #require(try await StabilityMap.compute(
            surface: Bowl(), spec: try OptimizerSpec(parsing: "gd"), start: Vector2(-2.5, 2), rules: StopRules(maxSteps: 100), seed: 0,
            learningRates: rates, parameterKey: nil, parameterValues: [], parallelism: 3))
        #expect(map.rows == 1)
        for c in 0..<map.columns {
            let cell = map.cell(column: c, row: 0)
            #expect(cell.diverged == (cell.learningRate > 1), "lr \(cell.learningRate)")
        }
    }

    @Test func theStabilityAxesAreLogSpacedRatesAndEvenlySpacedMomentaFromTheTop() {
        let rates = StabilityMap.learningRates(in: 1e-4...10, count: 6)
        #expect(rates.first == 1e-4 && rates.last == 10)
        for (rate, expected) in zip(rates, [1e-4, 1e-3, 1e-2, 1e-1, 1, 10]) { #expect(abs(rate / expected - 1) < 1e-12) }
        let momenta = StabilityMap.parameterValues(in: 0...0.99, count: 4)
        #expect(momenta.first == 0.99 && momenta.last == 0)
        for (value, expected) in zip(momenta, [0.99, 0.66, 0.33, 0]) { #expect(abs(value - expected) < 1e-15) }
    }

    @Test func theStabilityMapOfMomentumSweepsMomentumAndAdamsSweepsBetaOne() throws {
        #expect(StabilityMap.parameterKey(for: try OptimizerSpec(parsing: "momentum").descriptor) == "momentum")
        #expect(StabilityMap.parameterKey(for: try OptimizerSpec(parsing: "adam").descriptor) == "beta1")
        #expect(StabilityMap.parameterKey(for: try OptimizerSpec(parsing: "gd").descriptor) == nil)
    }

    @Test func heavyBallMomentumOnTheBowlIsStableExactlyInsideItsTriangle() async throws {
        // Heavy ball on f = x² + y² (curvature h = 2): v ← μv + g, θ ← θ − γv is stable iff 0 < γh < 2(1 + μ),
        // i.e. γ < 1 + μ. The cells well inside and well outside that line are checked.
        let rates = [0.05, 0.5, 1.2, 1.6, 1.8, 2.0, 2.5]
        let momenta = [0.9, 0.5, 0.0]
        let map = try #require(try await StabilityMap.compute(
            surface: Bowl(), spec: try OptimizerSpec(parsing: "momentum"), start: Vector2(1, 1), rules: StopRules(gradientTolerance: 0, maxSteps: 400),
            seed: 0, learningRates: rates, parameterKey: "momentum", parameterValues: momenta, parallelism: 2))
        for r in 0..<map.rows {
            for c in 0..<map.columns {
                let cell = map.cell(column: c, row: r)
                let mu = try #require(cell.parameter)
                #expect(cell.diverged == (cell.learningRate > 1 + mu), "lr \(cell.learningRate), momentum \(mu)")
            }
        }
    }
}

import Testing
import DescentCore
import DescentRender
@testable import DescentApp

@Suite struct FrameComposerTests {
    @Test func theHeatmapIsComputedOnlyWhenTheViewSurfaceShadingOrSizeChanges() throws {
        var state = try makeState(playing: true)
        let composer = FrameComposer()
        _ = composer.compose(state)
        for _ in 0..<10 {
            state = reduce(state, .tick(seconds: 0.1))
            _ = composer.compose(state)
        }
        #expect(composer.heatmapComputations == 1)
        for action in [Action.zoomIn, .toggleLogShading, .toggleContours, .resize(width: 100, height: 30), .chooseSurface("bowl")] {
            state = reduce(state, action)
            let before = composer.heatmapComputations
            _ = composer.compose(state)
            _ = composer.compose(state)
            if action == .chooseSurface("bowl") {
                // the same surface and view: nothing to recompute
                #expect(composer.heatmapComputations <= before + 1)
            } else {
                #expect(composer.heatmapComputations == before + 1, "\(action)")
            }
        }
    }

    @Test func thePanelShowsEachOptimizerWithItsLearningRateStepAndStatus() throws {
        var state = try makeState(["gd:lr=0.05", "gd:lr=0.5"])
        state = reduce(state, .stepOnce)
        let text = FrameComposer().compose(state).plainText
        #expect(text.contains("bowl"))
        #expect(text.contains("x² + y²"))
        #expect(text.contains("gd:lr=0.05"))
        #expect(text.contains("gd:lr=0.5"))
        #expect(text.contains("step 1"))
        #expect(text.contains("converged at 1"))
        #expect(text.contains("running"))
        #expect(text.contains("paused"))
        #expect(text.contains("? help"))
    }

    @Test func plusShowsTheNewLearningRateInThePanelAtOnce() throws {
        var state = try makeState(["gd:lr=0.05"])
        press(.character("+"), &state)
        let text = FrameComposer().compose(state).plainText
        // The label is the spec now in force, not the one the race was launched with.
        #expect(text.contains("gd:lr=0.1"))
        #expect(!text.contains("gd:lr=0.05"))
    }

    @Test func aDivergedOptimizerIsMarkedAtTheEdgeAndSaysSo() throws {
        var state = try makeState(["gd:lr=1.5"])
        state.colorMode = .none
        for _ in 0..<40 { state = reduce(state, .stepOnce) }
        let grid = FrameComposer().compose(state)
        let text = grid.plainText
        #expect(text.contains("diverged at step"))
        #expect(!text.lowercased().contains("nan"))
        #expect(!text.contains("inf"))
        // Its path ends on the heatmap's border with a mark (✕, X without colour) where it left the view.
        let area = state.layout.heatmap
        let border = (0..<area.height).flatMap { [grid[area.x, area.y + $0], grid[area.maxX - 1, area.y + $0]] }
            + (0..<area.width).flatMap { [grid[area.x + $0, area.y], grid[area.x + $0, area.maxY - 1]] }
        #expect(border.contains { $0.character == "X" })
    }

    @Test func aTinyTerminalGetsAShortMessageAndRecovers() throws {
        var state = try makeState()
        let composer = FrameComposer()
        state = reduce(state, .resize(width: 30, height: 8))
        let small = composer.compose(state).plainText
        #expect(small.contains("too small"))
        state = reduce(state, .resize(width: 120, height: 40))
        #expect(composer.compose(state).plainText.contains("x² + y²"))
    }

    @Test func everyOverlayDrawsInsideTheScreen() throws {
        var state = try makeState()
        for size in [(120, 40), (60, 20), (40, 12)] {
            state = reduce(state, .resize(width: size.0, height: size.1))
            for overlay in [Action.toggleHelp, .openSurfacePicker, .openOptimizerPicker] {
                state = reduce(state, .closeOverlay)
                state = reduce(state, overlay)
                let grid = FrameComposer().compose(state)
                #expect(grid.width == size.0 && grid.height == size.1)
            }
        }
        state = reduce(state, .resize(width: 120, height: 40))
        state = reduce(state, .closeOverlay)
        state = reduce(state, .toggleHelp)
        let help = FrameComposer().compose(state).plainText
        for binding in Keymap.bindings { #expect(help.contains(binding.keys), "\(binding.keys)") }
    }

    @Test func arrowsOfTheGradientAndOfTheNextStepAreDrawn() throws {
        var state = try makeState(["gd:lr=0.05"])
        state.colorMode = .none
        let plain = FrameComposer().compose(state)
        state = reduce(state, .toggleGradientArrows)
        let withGradient = FrameComposer().compose(state)
        #expect(withGradient.cells.filter { $0.character == "*" }.count > plain.cells.filter { $0.character == "*" }.count)
        state = reduce(state, .toggleGradientArrows)
        state = reduce(state, .toggleStepArrows)
        let withStep = FrameComposer().compose(state)
        #expect(withStep != plain)
    }

    /// Far-off and diverging points (10³⁰⁰ away, every optimizer, arrows on) are clipped, never a crash.
    @Test func extremePointsAreClippedInEveryColourMode() throws {
        let starts = [Vector2(-1e300, 5), Vector2(1e300, -1e300), Vector2(1e15, 0), Vector2(3, 1e200)]
        for start in starts {
            let specs = try ["gd:lr=1e10", "newton", "bfgs", "adam", "sgd:noise=1e300", "random-search:radius=1e300"].map { try OptimizerSpec(parsing: $0) }
            var race = Race(surface: Rosenbrock(), start: start, optimizers: specs, rules: StopRules(maxSteps: 20))
            race.runToEnd()
            for mode in ColorMode.allCases {
                var state = AppState(race: race, screenWidth: 80, screenHeight: 24, colorMode: mode, isPlaying: false)
                state.apply(.toggleGradientArrows)
                state.apply(.toggleStepArrows)
                let text = FrameComposer().compose(state).plainText
                #expect(!text.contains("nan") && !text.contains("inf"))
            }
        }
    }
}

/// A surface that knows none of its minima (a formula) has its heatmap's lowest sample marked instead.
@Suite struct LowestSampleMarkTests {
    func marks(in grid: CellGrid, area: CellRect) -> [(column: Int, row: Int)] {
        var found: [(Int, Int)] = []
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX where grid[column, row].character == "×" { found.append((column, row)) }
        }
        return found
    }

    @Test func aFormulasLowestSampleIsMarkedWhereItsMinimumIs() throws {
        // The minimum of this bowl is at (1.3, −2.1), by hand.
        let surface = try FormulaSurface("(x-1.3)^2 + (y+2.1)^2")
        let race = Race(surface: surface, start: Vector2(-3, 3), optimizers: [try OptimizerSpec(parsing: "gd:lr=0.1")], rules: StopRules(maxSteps: 10))
        let state = AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: false)
        let grid = FrameComposer().compose(state)
        let found = marks(in: grid, area: state.layout.heatmap)
        #expect(found.count == 1)
        let expected = try #require(state.viewport.cell(of: Vector2(1.3, -2.1)))
        let mark = try #require(found.first)
        #expect(abs(mark.column - expected.column) <= 1 && abs(mark.row - expected.row) <= 1, "\(mark) vs \(expected)")
        #expect(grid.plainText.contains("× lowest in view (1.3"))
    }

    @Test func aSurfaceWithKnownMinimaMarksOnlyThem() throws {
        let state = try makeState()
        let grid = FrameComposer().compose(state)
        #expect(marks(in: grid, area: state.layout.heatmap).count == 1, "the bowl's one known minimum")
        #expect(!grid.plainText.contains("lowest in view"))
    }
}

/// Polyak averaging on screen: θ̄'s path dotted and dim over the run's own, ◌ where θ̄ is, avg in the panel.
@Suite struct AverageTrailTests {
    @Test func anAveragingRacerShowsItsAveragesPathMarkAndLoss() throws {
        var state = try makeState(["gd:lr=0.05,average=true"], start: Vector2(2.5, 2.5))
        for _ in 0..<30 { state = reduce(state, .stepOnce) }
        let grid = FrameComposer().compose(state)
        let racer = state.race.racers[0]
        // θ̄ lags behind θ on the way down the bowl: its cell holds ◌, in bold.
        let (column, row) = try #require(state.viewport.cell(of: racer.averagePoint))
        let mark = grid[column, row]
        #expect(mark.character == "◌" && mark.attributes.contains(.bold))
        #expect(state.viewport.cell(of: racer.averagePoint)! != state.viewport.cell(of: racer.currentPoint)!)
        // The path of θ̄ is dotted ∘ and dim.
        var dotted = 0
        for r in 0..<grid.height { for c in 0..<grid.width where grid[c, r].character == "∘" {
            dotted += 1
            #expect(grid[c, r].attributes.contains(.dim))
        } }
        #expect(dotted >= 3)
        // f(θ̄) in the panel.
        let text = grid.plainText
        #expect(text.contains("avg " + NumberFormat.compact(Bowl().value(at: racer.averagePoint))), "\(text)")
    }

    @Test func aRacerThatDoesNotAverageHasNoneOfIt() throws {
        var state = try makeState(["gd:lr=0.05"], start: Vector2(2.5, 2.5))
        for _ in 0..<30 { state = reduce(state, .stepOnce) }
        let grid = FrameComposer().compose(state)
        #expect(!grid.plainText.contains("◌") && !grid.plainText.contains("∘") && !grid.plainText.contains("avg "))
    }
}

/// Where paths cross, the selected racer's path lies beneath the others', and its current point above them.
@Suite struct TrailOrderTests {
    /// The trail cells (not a current point, not the start) drawn in racer `index`'s colours.
    private func trailCells(of index: Int, in state: AppState) -> Int {
        let grid = FrameComposer().compose(state)
        let area = state.viewport.area
        let colours = [RacerStyle.color(index, mode: state.colorMode), RacerStyle.darkColor(index, mode: state.colorMode)]
        let markers = Set(state.race.racers.indices.map { RacerStyle.glyph($0, mode: state.colorMode) })
        var count = 0
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                let cell = grid[column, row]
                if colours.contains(cell.foreground), !markers.contains(cell.character), cell.character != "○" { count += 1 }
            }
        }
        return count
    }

    @Test func theSelectedPathLiesBeneathTheOthersAndItsPointAbove() throws {
        // On the bowl, gd at any rate runs straight from the start to the minimum: at lr 0.02 it covers a part of
        // the line that gd at lr 0.06 covers too. The two paths share their cells from the start on.
        var state = try makeState(["gd:lr=0.02", "gd:lr=0.06"])
        for _ in 0..<12 { state = reduce(state, .stepOnce) }
        let selectedFirst = trailCells(of: 0, in: state)
        state.selected = 1
        let selectedSecond = trailCells(of: 0, in: state)
        // Selected, the slower path is beneath the faster one and shows almost nowhere; not selected, it is on top.
        #expect(selectedFirst * 4 < selectedSecond, "\(selectedFirst) against \(selectedSecond)")
        #expect(selectedSecond >= 5)
        // Its current point is drawn whichever is selected.
        for selected in [0, 1] {
            state.selected = selected
            let grid = FrameComposer().compose(state)
            let (column, row) = try #require(state.viewport.cell(of: state.race.racers[0].currentPoint))
            #expect(grid[column, row].character == RacerStyle.glyph(0, mode: state.colorMode))
        }
        #expect(FrameComposer.trailOrder(state) == [1, 0])
        #expect(FrameComposer.drawingOrder(state) == [0, 1])
    }
}

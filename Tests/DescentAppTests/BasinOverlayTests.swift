import Testing
import DescentCore
import DescentRender
@testable import DescentApp

/// `B`: the basin map of the selected optimizer under the paths — asked for what is on screen, shown only
/// while it still matches, drawn as half blocks in the basins' colours.
@Suite struct BasinOverlayTests {
    @Test func theRequestIsTheSelectedOptimizerOverTheHeatmapsCellsAtHalfBlockResolution() throws {
        var state = try makeState(["gd:lr=0.05", "adam:lr=0.1"])
        #expect(state.basinRequest == nil)
        press(.character("B"), &state)
        #expect(state.showBasins)
        let request = try #require(state.basinRequest)
        #expect(request.spec == "gd:lr=0.05" && request.racerID == state.race.racers[0].id)
        #expect(request.grid.columns == state.layout.heatmap.width && request.grid.rows == 2 * state.layout.heatmap.height)
        #expect(request.grid.view == state.viewport.world)
        #expect(request.steps == 500)
        #expect(state.notice == "basins of gd:lr=0.05: computing…")
        press(.tab, &state)
        #expect(state.basinRequest?.spec == "adam:lr=0.1")
        press(.character("B"), &state)
        #expect(state.basinRequest == nil && state.notice == "basins off")
    }

    @Test func aMapIsShownOnlyWhileItMatchesWhatIsOnScreen() async throws {
        var state = try makeState(["gd:lr=0.05"])
        press(.character("B"), &state)
        let request = try #require(state.basinRequest)
        let overlay = try #require(await BasinOverlay.compute(request, surface: state.race.surface, spec: state.race.racers[0].currentSpec, parallelism: 2))
        state = reduce(state, .basinsComputed(overlay))
        #expect(state.shownBasins == overlay)
        // gd on the bowl: one basin, every start.
        #expect(overlay.map.basins.count == 1 && overlay.map.basins[0].cells == overlay.map.cells.count)
        #expect(state.notice == "basins of gd:lr=0.05 (≤ 500 steps): A 100%")
        // A new rate, a zoom: the map is no longer for what is on screen.
        press(.character("+"), &state)
        #expect(state.shownBasins == nil && state.basinRequest?.spec == "gd:lr=0.1")
        // A map that arrives for a request no longer wanted is dropped.
        state = reduce(state, .basinsComputed(overlay))
        #expect(state.shownBasins == nil)
        press(.character("-"), &state)
        #expect(state.shownBasins == overlay, "back to the rate it was computed for")
        press(.character("z"), &state)
        #expect(state.shownBasins == nil)
    }

    @Test func theHeatmapAreaShowsTheBasinsInPlaceOfTheSurface() async throws {
        // On the saddle x² − y² + y⁴/4, gd splits at y = 0: starts above end at (0, √2), below at (0, −√2).
        let race = Race(surface: SaddleSurface(), start: Vector2(2, 1), optimizers: [try OptimizerSpec(parsing: "gd:lr=0.1")], rules: StopRules(maxSteps: 500))
        var state = AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .trueColor, isPlaying: false)
        state = reduce(state, .toggleBasins)
        let request = try #require(state.basinRequest)
        let overlay = try #require(await BasinOverlay.compute(request, surface: race.surface, spec: race.racers[0].spec, parallelism: 2))
        state = reduce(state, .basinsComputed(overlay))
        let grid = FrameComposer().compose(state)
        let area = state.layout.heatmap
        let above = try #require(overlay.map.basins.firstIndex { $0.point.y > 0 })
        let below = try #require(overlay.map.basins.firstIndex { $0.point.y < 0 })
        // The top-right and bottom-right corners, away from the path: half blocks in the two basins' hues.
        let top = grid[area.maxX - 1, area.y], bottom = grid[area.maxX - 1, area.maxY - 1]
        #expect(top.character == Heatmap.upperHalfBlock && bottom.character == Heatmap.upperHalfBlock)
        func hue(_ color: CellColor) -> Int? {
            guard case let .rgb(r, g, b) = color else { return nil }
            // Tableau blue (31, 119, 180) and orange (255, 127, 14), each darkened by a common factor.
            return b > r ? 0 : (r > b ? 1 : nil)
        }
        #expect(hue(top.foreground) == [0, 1][above] && hue(top.background) == [0, 1][above])
        #expect(hue(bottom.foreground) == [0, 1][below] && hue(bottom.background) == [0, 1][below])
        // The panel shows the basins' legend, not the heatmap's colour scale.
        // Both minima (0, ±√2) are global (f = −1); each basin's share of the starts, rounded.
        #expect(overlay.map.basins.allSatisfy { $0.kind == .globalMinimum })
        let shares = overlay.map.basins.map { Int((100 * Double($0.cells) / Double(overlay.map.cells.count)).rounded()) }
        #expect(grid.plainText.contains("A global \(shares[0])%   B global \(shares[1])%"), "\(grid.plainText)")
    }
}

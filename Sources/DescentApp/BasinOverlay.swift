import DescentCore
import DescentRender

/// What a basin map under the trajectories (`B`) is computed for: the selected optimizer as it is now,
/// the surface, and the heatmap's area at its resolution (two starts a cell, one above the other, as the
/// half blocks sample; one a cell without colour). A map is shown only while it matches the request of
/// the state on screen, so a zoom, a new rate or another racer never shows a stale map.
public struct BasinRequest: Equatable, Sendable {
    public var racerID: Int
    public var spec: String
    /// The surface's identity (a typed formula's includes its text).
    public var surface: String
    public var grid: MapGrid
    public var steps: Int
    public var gradientTolerance: Double
    public var seed: UInt64

    public var rules: StopRules { StopRules(gradientTolerance: gradientTolerance, maxSteps: steps) }
}

/// A basin map computed for a request.
public struct BasinOverlay: Equatable, Sendable {
    public var request: BasinRequest
    public var map: BasinMap

    public init(request: BasinRequest, map: BasinMap) {
        self.request = request
        self.map = map
    }

    /// Runs the request's map (rows on up to `parallelism` tasks); nil when `shouldStop` stopped it.
    public static func compute(_ request: BasinRequest, surface: any Surface, spec: OptimizerSpec, parallelism: Int,
                               shouldStop: @escaping @Sendable () -> Bool = { false }) async -> BasinOverlay? {
        guard let map = await BasinMap.compute(surface: surface, spec: spec, rules: request.rules, seed: request.seed,
                                               grid: request.grid, parallelism: parallelism, shouldStop: shouldStop) else { return nil }
        return BasinOverlay(request: request, map: map)
    }

    /// The map as heatmap cells: each cell's upper and lower start as the two halves of ▀ in their basin's
    /// colour (darker for more steps); a start that reached no minimum dark grey, one that diverged dark
    /// red, one that stopped at a saddle light grey. Without colour, each cell's basin letter (· × + for the others).
    public func cells(mode: ColorMode) -> CellGrid {
        let columns = map.grid.columns
        let halves = mode == .none ? 1 : 2
        let rows = map.grid.rows / halves
        var grid = CellGrid(width: columns, height: rows)
        let range = BasinMapView.StepRange(map)
        for r in 0..<rows {
            for c in 0..<columns {
                if halves == 1 {
                    grid.set(column: c, row: r, BasinMapView.cell(map.cell(column: c, row: r), range: range, mode: mode))
                } else {
                    let top = Self.color(map.cell(column: c, row: 2 * r), range: range, mode: mode)
                    let bottom = Self.color(map.cell(column: c, row: 2 * r + 1), range: range, mode: mode)
                    grid.set(column: c, row: r, Cell(Heatmap.upperHalfBlock, foreground: top, background: bottom))
                }
            }
        }
        return grid
    }

    /// The colour of one start's half cell.
    static func color(_ cell: BasinMap.Cell, range: BasinMapView.StepRange, mode: ColorMode) -> CellColor {
        switch cell.ending {
        case let .basin(i): return BasinMapView.basinColor(i, steps: cell.steps, range: range, mode: mode)
        case .unfinished: return BasinMapView.color((48, 48, 48), mode: mode)
        case .diverged: return mode == .basic ? .black : BasinMapView.color((110, 20, 20), mode: mode)
        case .saddle: return mode == .basic ? .white : BasinMapView.color((170, 170, 170), mode: mode)
        }
    }

    /// One line for the status bar: each basin's letter and share, then the starts that reached none.
    public var summary: String {
        let total = max(1, map.cells.count)
        func percent(_ count: Int) -> String { "\(Int((100 * Double(count) / Double(total)).rounded()))%" }
        var parts = map.basins.enumerated().map { i, basin in "\(BasinMapView.letter(i)) \(percent(basin.cells))" }
        let others: [(String, BasinMap.Ending)] = [("unfinished", .unfinished), ("diverged", .diverged), ("saddle", .saddle)]
        for (name, ending) in others {
            let count = map.cells.filter { $0.ending == ending }.count
            if count > 0 { parts.append("\(name) \(percent(count))") }
        }
        return "basins of \(request.spec) (≤ \(request.steps) steps): " + parts.joined(separator: " ")
    }
}

extension AppState {
    /// The most steps of each run of the `B` map (fewer when the race's own limit is lower).
    public static let basinSteps = 500

    /// What the `B` map on screen must be computed for; nil while it is off (or nothing can show it).
    public var basinRequest: BasinRequest? {
        guard showBasins, let racer = selectedRacer, !layout.isTooSmall else { return nil }
        let viewport = self.viewport
        let grid = MapGrid(view: viewport.world, columns: viewport.area.width, rows: viewport.area.height * (colorMode == .none ? 1 : 2))
        return BasinRequest(racerID: racer.id, spec: racer.currentSpec.text, surface: race.surface.identity,
                            grid: grid, steps: min(race.rules.maxSteps, AppState.basinSteps),
                            gradientTolerance: race.rules.gradientTolerance, seed: race.seed)
    }

    /// The map to draw under the trajectories: the last one computed, when it is for what is on screen.
    public var shownBasins: BasinOverlay? {
        guard let basinOverlay, let request = basinRequest, basinOverlay.request == request else { return nil }
        return basinOverlay
    }
}

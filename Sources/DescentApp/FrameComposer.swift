import DescentCore
import DescentRender

/// The view: composes the whole screen for a state into a grid of cells.
///
/// The heatmap is the one costly layer; it is cached and recomputed only when the surface, the
/// view, the size, the colour mode or the shading changes — never per frame.
public final class FrameComposer {
    struct HeatmapKey: Equatable {
        var surfaceIdentity: String
        var view: ViewRect
        var area: CellRect
        var mode: ColorMode
        var shading: Shading
    }

    private var cachedKey: HeatmapKey?
    private var cachedHeatmap: Heatmap?
    /// The cells of the `B` map shown, made once for its request and colour mode.
    private var cachedBasins: (request: BasinRequest, mode: ColorMode, cells: CellGrid)?
    /// How many times the heatmap was computed (for tests and benchmarks).
    public private(set) var heatmapComputations = 0

    /// Trails longer than this are thinned in their older part (the newest `recentTrail` points are exact).
    public static let recentTrail = 5_000

    public init() {}

    public func compose(_ state: AppState) -> CellGrid {
        var grid = CellGrid(width: state.screenWidth, height: state.screenHeight)
        let layout = state.layout
        if layout.isTooSmall {
            drawTooSmall(&grid, state: state)
            if state.asciiOnly { grid.transliterateToASCII() }
            return grid
        }
        let viewport = state.viewport
        let heatmap = heatmap(for: state, viewport: viewport)
        if let basins = state.shownBasins {
            // `B`: the basin map in place of the heatmap, each minimum's letter on it; the paths above.
            grid.paste(basinCells(basins, mode: state.colorMode), column: layout.heatmap.x, row: layout.heatmap.y)
            markBasinMinima(&grid, basins.map, viewport: viewport, mode: state.colorMode)
        } else {
            grid.paste(heatmap.grid, column: layout.heatmap.x, row: layout.heatmap.y)
        }
        let order = Self.drawingOrder(state)
        let trailOrder = Self.trailOrder(state)
        for index in trailOrder { drawTrail(&grid, racerIndex: index, state: state, viewport: viewport) }
        if state.showGradientArrows || state.showStepArrows {
            for index in trailOrder { drawArrows(&grid, racerIndex: index, state: state, viewport: viewport) }
        }
        // Known points and starts above the trails, so a trail never hides them; the racers above all.
        grid.markKnownPoints(of: state.race.surface, viewport: viewport, mode: state.colorMode)
        if let lowest = FrameComposer.markedLowestSample(state: state, heatmap: heatmap) {
            grid.markLowestSample(lowest, viewport: viewport, mode: state.colorMode)
        }
        drawStarts(&grid, state: state, viewport: viewport)
        for index in order { drawCurrentPoint(&grid, racerIndex: index, state: state, viewport: viewport) }
        for row in 0..<(layout.heatmap.height + layout.xAxis.height) {
            grid.put("│", column: layout.separatorColumn, row: row, style: TextStyle(foreground: .terminalDefault, attributes: [.dim]))
        }
        drawAxes(&grid, state: state, viewport: viewport)
        Panel.draw(&grid, state: state, rect: layout.panel, valueRange: (heatmap.lowestValue, heatmap.highestValue),
                   markedLowest: FrameComposer.markedLowestSample(state: state, heatmap: heatmap),
                   coveredBy: coveredMarkers(state: state, viewport: viewport, order: order))
        StatusBar.draw(&grid, state: state, rect: layout.statusBar)
        Overlays.draw(&grid, state: state)
        if state.asciiOnly { grid.transliterateToASCII() }
        return grid
    }

    private func basinCells(_ basins: BasinOverlay, mode: ColorMode) -> CellGrid {
        if let cachedBasins, cachedBasins.request == basins.request, cachedBasins.mode == mode { return cachedBasins.cells }
        let cells = basins.cells(mode: mode)
        cachedBasins = (basins.request, mode, cells)
        return cells
    }

    /// Each basin's letter, bold, on the cell of its minimum (where it is in view).
    private func markBasinMinima(_ grid: inout CellGrid, _ map: BasinMap, viewport: Viewport, mode: ColorMode) {
        for (i, basin) in map.basins.enumerated() {
            guard let (column, row) = viewport.cell(of: basin.point) else { continue }
            let style = mode.hasColor
                ? TextStyle(foreground: .rgb(0, 0, 0), attributes: .bold, alternateForeground: .rgb(255, 255, 255))
                : TextStyle(attributes: [.bold, .reverse])
            grid.put(Unicode.Scalar(String(BasinMapView.letter(i)))!, column: column, row: row, style: style)
        }
    }

    /// The heatmap's lowest sample, marked when the surface knows none of its minima (a formula).
    static func markedLowestSample(state: AppState, heatmap: Heatmap) -> Vector2? {
        let knowsAMinimum = state.race.surface.knownPoints.contains { $0.kind == .globalMinimum || $0.kind == .localMinimum }
        return knowsAMinimum ? nil : heatmap.lowestSample
    }

    /// The cached heatmap, recomputed only when its inputs changed.
    public func heatmap(for state: AppState, viewport: Viewport) -> Heatmap {
        let key = HeatmapKey(surfaceIdentity: state.race.surface.identity, view: state.view, area: viewport.area,
                             mode: state.colorMode, shading: Shading(logarithmic: state.logShading, contours: state.showContours))
        if let cachedHeatmap, cachedKey == key { return cachedHeatmap }
        let heatmap = Heatmap(surface: state.race.surface, viewport: viewport, mode: state.colorMode, shading: key.shading)
        heatmapComputations += 1
        cachedKey = key
        cachedHeatmap = heatmap
        return heatmap
    }

    private func drawTooSmall(_ grid: inout CellGrid, state: AppState) {
        let lines = [
            "Terminal too small",
            "\(state.screenWidth)×\(state.screenHeight), need \(Layout.minimumWidth)×\(Layout.minimumHeight)",
            "enlarge, or q quits",
        ]
        let top = max(0, state.screenHeight / 2 - 1)
        for (i, line) in lines.enumerated() {
            let column = max(0, (state.screenWidth - line.unicodeScalars.count) / 2)
            grid.write(line, column: column, row: top + i, style: TextStyle(attributes: i == 0 ? [.bold] : []))
        }
    }

    /// Round tick values along the heatmap's left and bottom edges: on the left, labels right-aligned with
    /// a tick mark ┤ at the row of their value; below, labels centred on the column of their value. As
    /// many as fit with room between them; a label that would not fit whole is left out.
    private func drawAxes(_ grid: inout CellGrid, state: AppState, viewport: Viewport) {
        let layout = state.layout
        guard !layout.yAxis.isEmpty, !layout.xAxis.isEmpty else { return }
        let ascii = state.colorMode == .none
        let style = TextStyle(attributes: [.dim])
        let world = viewport.world, area = viewport.area
        let markColumn = layout.yAxis.maxX - 1
        for row in area.y..<area.maxY { grid.put("│", column: markColumn, row: row, style: style) }
        // y: a tick every 3 rows or more.
        if let step = AxisTicks.step(lower: world.minY, upper: world.maxY, maxCount: max(2, area.height / 3)) {
            for value in AxisTicks.values(lower: world.minY, upper: world.maxY, step: step) {
                let row = cellIndex(viewport.cellCoordinates(of: Vector2(world.minX, value)).row)
                guard row >= area.y, row < area.maxY else { continue }
                let label = AxisTicks.label(value, step: step, ascii: ascii)
                let width = TextFit.columns(label)
                grid.put("┤", column: markColumn, row: row, style: style)
                if width < Layout.yAxisWidth { grid.write(label, column: markColumn - width, row: row, style: style) }
            }
        }
        // x: labels need their width and two spaces.
        let row = layout.xAxis.y
        grid.put("└", column: markColumn, row: row, style: style)
        var widest = 1
        var step: Double? = nil
        for count in stride(from: max(2, area.width / 6), through: 2, by: -1) {
            guard let candidate = AxisTicks.step(lower: world.minX, upper: world.maxX, maxCount: count) else { break }
            widest = AxisTicks.values(lower: world.minX, upper: world.maxX, step: candidate)
                .map { TextFit.columns(AxisTicks.label($0, step: candidate, ascii: ascii)) }.max() ?? 1
            step = candidate
            if Double(area.width) / Double(count) >= Double(widest + 2) { break }
        }
        guard let step else { return }
        var free = area.x
        for value in AxisTicks.values(lower: world.minX, upper: world.maxX, step: step) {
            let column = cellIndex(viewport.cellCoordinates(of: Vector2(value, world.minY)).column)
            guard column >= area.x, column < area.maxX else { continue }
            let label = AxisTicks.label(value, step: step, ascii: ascii)
            let width = TextFit.columns(label)
            let start = column - (width - 1) / 2
            guard start >= free, start + width <= area.maxX else { continue }
            grid.write(label, column: start, row: row, style: style)
            free = start + width + 2
        }
    }

    /// The start of the race (○) and every racer's own start.
    private func drawStarts(_ grid: inout CellGrid, state: AppState, viewport: Viewport) {
        let starts = [state.race.start] + state.race.racers.compactMap(\.ownStart)
        let style = TextStyle(foreground: state.colorMode == .none ? .terminalDefault : .palette(231), attributes: [.bold],
                              alternateForeground: state.colorMode.isRich ? .palette(16) : nil)
        for start in starts {
            guard let (column, row) = viewport.cell(of: start) else { continue }
            grid.put(state.colorMode == .none ? "S" : "○", column: column, row: row, style: style)
        }
    }

    /// For a diverged racer whose path leaves the view: the index of the first point outside it (after one
    /// inside) and the border cell where the path leaves. Its trail stops there with a mark, instead of
    /// lines that cross the whole map as the iterates swing ever wider.
    /// A diverged run no longer changes, so the search through its points is done once per racer and view.
    func divergenceExit(of racer: Racer, viewport: Viewport) -> DivergenceExit? {
        guard case .diverged = racer.status else { return nil }
        let key = ExitKey(steps: racer.stepCount, firstKeptStep: racer.firstKeptStep, first: racer.points[0],
                          last: racer.currentPoint, viewport: viewport)
        if let cached = exits[racer.id], cached.key == key { return cached.exit }
        let exit = Self.findDivergenceExit(in: racer.points, viewport: viewport)
        exits[racer.id] = (key, exit)
        return exit
    }

    typealias DivergenceExit = (index: Int, column: Int, row: Int)

    struct ExitKey: Equatable {
        var steps: Int
        var firstKeptStep: Int
        var first: Vector2
        var last: Vector2
        var viewport: Viewport
    }

    /// The divergence exits found, by racer id, with what they were found for.
    private var exits: [Int: (key: ExitKey, exit: DivergenceExit?)] = [:]

    static func findDivergenceExit(in points: [Vector2], viewport: Viewport) -> DivergenceExit? {
        guard var inside = points.indices.first(where: { viewport.cell(of: points[$0]) != nil }) else { return nil }
        var i = inside + 1
        while i < points.count {
            if viewport.cell(of: points[i]) == nil {
                guard let exit = CellGrid.exitCell(from: points[inside], toward: points[i], viewport: viewport) else { return nil }
                return (i, exit.column, exit.row)
            }
            inside = i
            i += 1
        }
        return nil
    }

    /// The iterates joined by line segments, in the optimizer's colour: a step within a cell or to
    /// a neighbour is a dot, a longer jump a line (─ ╱ │ ╲ by its direction) ending in a dot. Older
    /// points of very long trails are thinned to every k-th point.
    ///
    /// An optimizer that averages its iterates (`average=true`) also has the path of its average θ̄,
    /// drawn over its own trail, fainter: dim, and dotted with `averageGlyph` whatever the direction.
    private func drawTrail(_ grid: inout CellGrid, racerIndex index: Int, state: AppState, viewport: Viewport) {
        let racer = state.race.racers[index]
        let exit = divergenceExit(of: racer, viewport: viewport)
        // A diverged path ends where it first leaves the view; segments wholly outside the view are not drawn.
        drawPath(&grid, racer.points, end: exit.map { $0.index + 1 } ?? racer.points.count,
                 style: RacerStyle.style(index, mode: state.colorMode), state: state, viewport: viewport)
        if racer.averages {
            let glyph: Unicode.Scalar = state.colorMode == .none ? FrameComposer.asciiAverageGlyph : FrameComposer.averageGlyph
            drawPath(&grid, racer.averagePoints, end: racer.averagePoints.count, style: RacerStyle.style(index, mode: state.colorMode, attributes: [.dim]),
                     state: state, viewport: viewport, glyph: glyph)
        }
    }

    /// The glyphs of an average's path and of the average now (◌ beside the racer's own glyph).
    public static let averageGlyph: Unicode.Scalar = "∘", asciiAverageGlyph: Unicode.Scalar = ":"
    public static let averageMark: Unicode.Scalar = "◌", asciiAverageMark: Unicode.Scalar = "@"

    /// `points[..<end]` joined by line segments in `style` (see `drawTrail`); every cell of it `glyph` when one is given.
    private func drawPath(_ grid: inout CellGrid, _ points: [Vector2], end: Int, style: TextStyle, state: AppState, viewport: Viewport,
                          glyph fixedGlyph: Unicode.Scalar? = nil) {
        guard points.count > 1 else { return }
        let ascii = state.colorMode == .none
        let dot: Unicode.Scalar = fixedGlyph ?? (ascii ? "o" : "·")
        let recentStart = max(0, points.count - FrameComposer.recentTrail)
        let stride = max(1, recentStart / FrameComposer.recentTrail)
        var previousPoint = points[0]
        var previous = viewport.cellCoordinates(of: previousPoint)
        var previousCell = (cellIndex(previous.column), cellIndex(previous.row))
        var i = recentStart > 0 ? min(stride, recentStart) : 1
        let area = viewport.area
        while i < end {
            let p = points[i]
            let current = viewport.cellCoordinates(of: p)
            let cell = (cellIndex(current.column), cellIndex(current.row))
            if cell != previousCell || i == end - 1 {
                let dx = current.column - previous.column, dy = 2 * (current.row - previous.row)
                let isJump = abs(cell.0 - previousCell.0) > 1 || abs(cell.1 - previousCell.1) > 1
                let glyph = isJump && fixedGlyph == nil ? CellGrid.lineGlyph(dx: dx, dy: dy, ascii: ascii) : dot
                if area.contains(column: cell.0, row: cell.1) || area.contains(column: previousCell.0, row: previousCell.1) {
                    grid.drawSegment(from: previousPoint, to: p, viewport: viewport, glyph: glyph, style: style)
                }
                if isJump, area.contains(column: cell.0, row: cell.1) { grid.put(dot, column: cell.0, row: cell.1, style: style) }
                previousPoint = p
                previous = current
                previousCell = cell
            }
            i = i < recentStart ? min(i + stride, recentStart) : i + 1
        }
    }

    /// The order the racers' current points are drawn in: the others by index, the selected one last, on top.
    static func drawingOrder(_ state: AppState) -> [Int] { unselected(state) + selected(state) }

    /// The order the racers' paths are drawn in: the selected one first, beneath the others, then the others
    /// by index. The path being tuned is the one the keys change, so it is seen moving wherever it is not
    /// crossed; drawn on top, a wide zig-zag (gradient descent's in a ravine) would hide the paths that run
    /// inside it, which are the lesson.
    static func trailOrder(_ state: AppState) -> [Int] { selected(state) + unselected(state) }

    /// The selected racer's index, if there is such a racer.
    private static func selected(_ state: AppState) -> [Int] { state.race.racers.indices.contains(state.selected) ? [state.selected] : [] }

    /// Every other racer's index, in order.
    private static func unselected(_ state: AppState) -> [Int] { state.race.racers.indices.filter { $0 != state.selected } }

    /// For each racer whose current point is in view but under another racer's marker (the same cell,
    /// drawn later), the index of the racer on top — two runs at the same place, e.g. at the minimum.
    /// The panel says so, since the heatmap cannot.
    func coveredMarkers(state: AppState, viewport: Viewport, order: [Int]) -> [Int: Int] {
        var onTop: [Int: Int] = [:]  // cell key → the racer drawn last there
        var cells: [(index: Int, key: Int)] = []
        for index in order {
            let racer = state.race.racers[index]
            guard divergenceExit(of: racer, viewport: viewport) == nil, let (column, row) = viewport.cell(of: racer.currentPoint) else { continue }
            let key = row * 100_000 + column
            cells.append((index, key))
            onTop[key] = index
        }
        var covered: [Int: Int] = [:]
        for (index, key) in cells where onTop[key] != index { covered[index] = onTop[key] }
        return covered
    }

    /// The current point in bold with the optimizer's glyph, or an arrow at the edge toward it when it left the view.
    private func drawCurrentPoint(_ grid: inout CellGrid, racerIndex index: Int, state: AppState, viewport: Viewport) {
        let racer = state.race.racers[index]
        let color = RacerStyle.color(index, mode: state.colorMode)
        let selected = index == state.selected
        let style = RacerStyle.style(index, mode: state.colorMode, attributes: selected ? [.bold, .reverse] : [.bold])
        let exit = divergenceExit(of: racer, viewport: viewport)
        if racer.averages, exit == nil, let (column, row) = viewport.cell(of: racer.averagePoint) {
            grid.put(state.colorMode == .none ? FrameComposer.asciiAverageMark : FrameComposer.averageMark, column: column, row: row,
                     style: RacerStyle.style(index, mode: state.colorMode, attributes: [.bold]))
        }
        if let exit {
            // Where the diverged path left the view.
            grid.put(state.colorMode == .none ? "X" : "✕", column: exit.column, row: exit.row,
                     style: RacerStyle.style(index, mode: state.colorMode, attributes: [.bold]))
        } else if let (column, row) = viewport.cell(of: racer.currentPoint) {
            grid.put(RacerStyle.glyph(index, mode: state.colorMode), column: column, row: row, style: style)
        } else if let mark = CellGrid.edgeMark(toward: racer.currentPoint, viewport: viewport, ascii: state.colorMode == .none) {
            grid.put(mark.glyph, column: mark.column, row: mark.row, style: TextStyle(foreground: color, attributes: [.bold]))
        }
    }

    /// −∇f (a fixed length, for direction) and the step the optimizer is about to take (its true length),
    /// with the line search's trial points for cg, bfgs and lbfgs.
    private func drawArrows(_ grid: inout CellGrid, racerIndex index: Int, state: AppState, viewport: Viewport) {
        let racer = state.race.racers[index]
        guard racer.status.isRunning || state.showGradientArrows else { return }
        let p = racer.currentPoint
        let ascii = state.colorMode == .none
        if state.showGradientArrows, racer.gradient.length > 0 {
            let direction = -racer.gradient / racer.gradient.length
            let end = p + direction * (6 * viewport.unitsPerColumn)
            drawArrow(&grid, from: p, to: end, viewport: viewport, style: TextStyle(foreground: state.colorMode == .none ? .terminalDefault : .palette(255)), ascii: ascii)
        }
        if state.showStepArrows, racer.status.isRunning {
            var lookahead = racer.optimizer
            let style = RacerStyle.style(index, mode: state.colorMode, attributes: [.bold])
            if case let .moved(next) = lookahead.step(racer.nextContext, on: state.race.surface), next.isFinite {
                for trial in lookahead.lastTrialPoints {
                    if let (column, row) = viewport.cell(of: trial) { grid.put(ascii ? "o" : "∘", column: column, row: row, style: style) }
                }
                drawArrow(&grid, from: p, to: next, viewport: viewport, style: style, ascii: ascii)
            }
        }
    }

    private func drawArrow(_ grid: inout CellGrid, from a: Vector2, to b: Vector2, viewport: Viewport, style: TextStyle, ascii: Bool) {
        grid.drawSegment(from: a, to: b, viewport: viewport, glyph: ascii ? "*" : "∙", style: style)
        let start = viewport.cellCoordinates(of: a), end = viewport.cellCoordinates(of: b)
        let head = CellGrid.arrow(dx: end.column - start.column, dy: 2 * (end.row - start.row), ascii: ascii)
        if let (column, row) = viewport.cell(of: b) {
            grid.put(head, column: column, row: row, style: style)
        } else if let mark = CellGrid.edgeMark(toward: b, viewport: viewport, ascii: ascii) {
            grid.put(mark.glyph, column: mark.column, row: mark.row, style: style)
        }
    }
}

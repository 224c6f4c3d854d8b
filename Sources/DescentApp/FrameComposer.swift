import DescentCore
import DescentRender

/// The view: composes the whole screen for a state into a grid of cells.
///
/// The heatmap is the one costly layer; it is cached and recomputed only when the surface, the
/// view, the size, the colour mode or the shading changes — never per frame.
public final class FrameComposer {
    struct HeatmapKey: Equatable {
        var surfaceName: String
        var view: ViewRect
        var area: CellRect
        var mode: ColorMode
        var shading: Shading
    }

    private var cachedKey: HeatmapKey?
    private var cachedHeatmap: Heatmap?
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
        grid.paste(heatmap(for: state, viewport: viewport).grid, column: layout.heatmap.x, row: layout.heatmap.y)
        drawStart(&grid, state: state, viewport: viewport)
        let order = state.race.racers.indices.filter { $0 != state.selected } + (state.race.racers.indices.contains(state.selected) ? [state.selected] : [])
        for index in order { drawTrail(&grid, racerIndex: index, state: state, viewport: viewport) }
        if state.showGradientArrows || state.showStepArrows {
            for index in order { drawArrows(&grid, racerIndex: index, state: state, viewport: viewport) }
        }
        for index in order { drawCurrentPoint(&grid, racerIndex: index, state: state, viewport: viewport) }
        for row in 0..<layout.heatmap.height {
            grid.put("│", column: layout.separatorColumn, row: row, style: TextStyle(foreground: .terminalDefault, attributes: [.dim]))
        }
        Panel.draw(&grid, state: state, rect: layout.panel)
        StatusBar.draw(&grid, state: state, rect: layout.statusBar)
        Overlays.draw(&grid, state: state)
        if state.asciiOnly { grid.transliterateToASCII() }
        return grid
    }

    /// The cached heatmap, recomputed only when its inputs changed.
    public func heatmap(for state: AppState, viewport: Viewport) -> Heatmap {
        let key = HeatmapKey(surfaceName: state.race.surface.name, view: state.view, area: viewport.area,
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

    private func drawStart(_ grid: inout CellGrid, state: AppState, viewport: Viewport) {
        guard let (column, row) = viewport.cell(of: state.race.start) else { return }
        grid.put(state.colorMode == .none ? "S" : "○", column: column, row: row,
                 style: TextStyle(foreground: state.colorMode == .none ? .terminalDefault : .palette(231)))
    }

    /// The iterates joined by line segments, in the optimizer's colour: a step within a cell or to
    /// a neighbour is a dot, a longer jump a line (─ ╱ │ ╲ by its direction) ending in a dot. Older
    /// points of very long trails are thinned to every k-th point.
    private func drawTrail(_ grid: inout CellGrid, racerIndex index: Int, state: AppState, viewport: Viewport) {
        let racer = state.race.racers[index]
        let points = racer.points
        guard points.count > 1 else { return }
        let style = TextStyle(foreground: RacerStyle.color(index, mode: state.colorMode))
        let ascii = state.colorMode == .none
        let dot: Unicode.Scalar = ascii ? "o" : "·"
        let recentStart = max(0, points.count - FrameComposer.recentTrail)
        let stride = max(1, recentStart / FrameComposer.recentTrail)
        var previousPoint = points[0]
        var previous = viewport.cellCoordinates(of: previousPoint)
        var previousCell = (cellIndex(previous.column), cellIndex(previous.row))
        var i = recentStart > 0 ? min(stride, recentStart) : 1
        while i < points.count {
            let p = points[i]
            let current = viewport.cellCoordinates(of: p)
            let cell = (cellIndex(current.column), cellIndex(current.row))
            if cell != previousCell || i == points.count - 1 {
                let dx = current.column - previous.column, dy = 2 * (current.row - previous.row)
                let isJump = abs(cell.0 - previousCell.0) > 1 || abs(cell.1 - previousCell.1) > 1
                let glyph = isJump ? CellGrid.lineGlyph(dx: dx, dy: dy, ascii: ascii) : dot
                grid.drawSegment(from: previousPoint, to: p, viewport: viewport, glyph: glyph, style: style)
                if isJump, viewport.area.contains(column: cell.0, row: cell.1) { grid.put(dot, column: cell.0, row: cell.1, style: style) }
                previousPoint = p
                previous = current
                previousCell = cell
            }
            i = i < recentStart ? min(i + stride, recentStart) : i + 1
        }
    }

    /// The current point in bold with the optimizer's glyph, or an arrow at the edge toward it when it left the view.
    private func drawCurrentPoint(_ grid: inout CellGrid, racerIndex index: Int, state: AppState, viewport: Viewport) {
        let racer = state.race.racers[index]
        let color = RacerStyle.color(index, mode: state.colorMode)
        let selected = index == state.selected
        let style = TextStyle(foreground: color, attributes: selected ? [.bold, .reverse] : [.bold])
        if let (column, row) = viewport.cell(of: racer.currentPoint) {
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
            let style = TextStyle(foreground: RacerStyle.color(index, mode: state.colorMode), attributes: [.bold])
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

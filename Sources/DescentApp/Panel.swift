import DescentCore
import DescentRender

/// The panel beside the heatmap: the surface, then per optimizer its glyph, name, lr, step, loss,
/// |∇f|, status and a loss sparkline; the selected optimizer highlighted.
enum Panel {
    static func draw(_ grid: inout CellGrid, state: AppState, rect: CellRect) {
        guard rect.width > 4, rect.height > 0 else { return }
        let left = rect.x + 1, limit = rect.maxX - 1, width = limit - left
        var row = rect.y
        let surface = state.race.surface
        let dim = TextStyle(attributes: [.dim])

        // A scenario's title heads the panel; the surface's name then goes before its formula.
        let shading = (state.logShading ? "log" : "linear") + (state.showContours ? " · contours" : "")
        let heading = state.scenarioTitle ?? surface.name
        // The shading label only when it fits beside the heading.
        let shadingColumn = limit - shading.unicodeScalars.count
        let shownHeading = heading.unicodeScalars.count > width ? String(String.UnicodeScalarView(heading.unicodeScalars.prefix(width - 1))) + "…" : heading
        grid.write(shownHeading, column: left, row: row, style: TextStyle(attributes: [.bold]), limit: limit)
        if left + heading.unicodeScalars.count < shadingColumn - 1 {
            grid.write(shading, column: shadingColumn, row: row, style: dim, limit: limit)
        }
        row += 1
        let formula = state.scenarioTitle == nil ? surface.formula : surface.name + ": " + surface.formula
        for line in wrap(formula, width: width).prefix(2) {
            grid.write(line, column: left, row: row, limit: limit)
            row += 1
        }

        let racers = state.race.racers
        var available = rect.maxY - row
        // A note of the scenario's timeline stands out above the lesson, which is the scenario's
        // notes when there are notes, else the surface's.
        if let note = state.session.note, available > racers.count + 2 {
            let noteStyle = TextStyle(foreground: state.colorMode == .none ? .terminalDefault : (state.colorMode == .palette256 ? .palette(221) : .yellow), attributes: [.bold])
            for line in wrap("▸ " + note, width: width).prefix(5) {
                grid.write(line, column: left, row: row, style: noteStyle, limit: limit)
                row += 1
            }
            row += 1
            available = rect.maxY - row
        }
        let lessonLines = wrap(state.scenarioNotes ?? surface.lesson, width: width)
        // Rows per optimizer: 5 (with sparkline and a gap), else 3, else 1. The surface's lesson takes at
        // most 3 lines; a scenario's notes take every line the optimizers leave.
        let wanted = min(lessonLines.count, state.scenarioNotes == nil ? 3 : lessonLines.count)
        let rowsPerRacer: Int
        let lessonRows: Int
        if available >= min(wanted, 3) + 1 + racers.count * 5 {
            rowsPerRacer = 5
            lessonRows = min(wanted, available - 1 - racers.count * 5)
        } else if available >= 1 + racers.count * 3 {
            rowsPerRacer = 3
            lessonRows = min(wanted, available - 1 - racers.count * 3)
        } else {
            rowsPerRacer = 1
            lessonRows = 0
        }
        for (i, line) in lessonLines.prefix(lessonRows).enumerated() {
            let cut = i == lessonRows - 1 && lessonRows < lessonLines.count
            grid.write(cut ? String(line.prefix(width - 1)) + "…" : line, column: left, row: row, style: dim, limit: limit)
            row += 1
        }
        row += 1

        for (index, racer) in racers.enumerated() {
            guard row < rect.maxY else { break }
            drawRacer(&grid, racer: racer, index: index, state: state, left: left, limit: limit, row: row, rows: rowsPerRacer)
            row += rowsPerRacer
        }
    }

    static func drawRacer(_ grid: inout CellGrid, racer: Racer, index: Int, state: AppState, left: Int, limit: Int, row: Int, rows: Int) {
        let selected = index == state.selected
        let color = RacerStyle.color(index, mode: state.colorMode)
        let nameStyle = TextStyle(foreground: selected ? .terminalDefault : color, attributes: selected ? [.bold, .reverse] : [.bold])
        if selected {
            for column in (left - 1)..<(limit + 1) { grid.put(" ", column: column, row: row, style: nameStyle) }
        }
        grid.put(RacerStyle.glyph(index, mode: state.colorMode), column: left, row: row,
                 style: TextStyle(foreground: color, attributes: selected ? [.bold, .reverse] : [.bold]))
        let rate = racer.learningRate.map { "lr " + formatNumber($0) } ?? ""
        let spec = racer.currentSpec.text
        if rows == 1 {
            // One row an optimizer (many optimizers or a small terminal): name, lr, step, status.
            let compact = [racer.name, rate, "\(racer.stepCount)", racer.status.label].filter { !$0.isEmpty }.joined(separator: " ")
            grid.write(compact, column: left + 2, row: row, style: nameStyle, limit: limit)
            return
        }
        // The spec with the parameters now in force; a scenario's label on the right when there is room.
        let end = grid.write(spec, column: left + 2, row: row, style: nameStyle, limit: limit)
        if let label = racer.label, end + 2 + label.unicodeScalars.count <= limit {
            let labelStyle = TextStyle(foreground: nameStyle.foreground, attributes: selected ? [.reverse] : [.dim])
            grid.write(label, column: limit - label.unicodeScalars.count, row: row, style: labelStyle, limit: limit)
        }
        let status = statusText(racer.status)
        let statusStyle = TextStyle(foreground: statusColor(racer.status, mode: state.colorMode), attributes: racer.status.isRunning ? [] : [.bold])
        grid.write("step \(racer.stepCount)  loss \(NumberFormat.compact(racer.loss))", column: left + 2, row: row + 1, limit: limit)
        let statusColumn = grid.write("|∇f| \(NumberFormat.compact(racer.gradient.length, digits: 2))  ", column: left + 2, row: row + 2, limit: limit)
        grid.write(status, column: statusColumn, row: row + 2, style: statusStyle, limit: limit)
        if rows >= 5 {
            let values = sparklineValues(racer: racer, surface: state.race.surface, count: limit - left - 2)
            let glyphs = Sparkline.render(values, ascii: state.colorMode == .none)
            for (i, glyph) in glyphs.enumerated() {
                grid.put(glyph, column: left + 2 + i, row: row + 3, style: TextStyle(foreground: color))
            }
        }
    }

    static func statusText(_ status: RunStatus) -> String {
        switch status {
        case .running: return "running"
        case let .converged(step): return "converged at \(step)"
        case let .stalled(step): return "stalled at \(step)"
        case let .diverged(step): return "diverged at step \(step)"
        case let .finished(step): return "finished at \(step)"
        case let .failed(_, reason): return "failed: \(reason)"
        }
    }

    static func statusColor(_ status: RunStatus, mode: ColorMode) -> CellColor {
        guard mode != .none else { return .terminalDefault }
        switch status {
        case .running: return .terminalDefault
        case .converged: return mode == .palette256 ? .palette(120) : .green
        case .stalled, .finished: return mode == .palette256 ? .palette(221) : .yellow
        case .diverged, .failed: return mode == .palette256 ? .palette(203) : .red
        }
    }

    /// log₁₀(f − f* + 10⁻¹⁶) at `count` steps spread over the run, f* the surface's global minimum value
    /// (or the smallest loss seen): the usual convergence plot.
    static func sparklineValues(racer: Racer, surface: any Surface, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        // Over the steps still kept (all of them unless the trail was capped).
        let first = racer.firstKeptStep, steps = racer.stepCount - first
        let samples = min(count, steps + 1)
        let indices = (0..<samples).map { first + (samples == 1 ? steps : $0 * steps / (samples - 1)) }
        let losses = indices.map { racer.loss(atStep: $0, on: surface) }
        let floor = surface.minima.map(\.value).min().map { Swift.min($0, losses.min() ?? $0) } ?? (losses.min() ?? 0)
        return losses.map { Math.log10(Swift.max($0 - floor, 0) + 1e-16) }
    }
}

/// Splits text into lines of at most `width` characters at spaces (a longer word is cut).
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
        var word = String(word)
        while word.unicodeScalars.count > width {
            if !line.isEmpty { lines.append(line); line = "" }
            lines.append(String(String.UnicodeScalarView(word.unicodeScalars.prefix(width))))
            word = String(String.UnicodeScalarView(word.unicodeScalars.dropFirst(width)))
        }
        if line.isEmpty {
            line = word
        } else if line.unicodeScalars.count + 1 + word.unicodeScalars.count <= width {
            line += " " + word
        } else {
            lines.append(line)
            line = word
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

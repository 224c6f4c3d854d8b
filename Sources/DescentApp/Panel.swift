import DescentCore
import DescentRender

/// The panel beside the heatmap: the surface, then per optimizer its glyph, name, lr, step, loss,
/// |∇f|, status and a loss sparkline; the selected optimizer highlighted.
enum Panel {
    /// `valueRange` is the lowest and highest value of the heatmap (for its colour scale); `markedLowest`
    /// the lowest sample when it is marked on the map (a surface without known minima).
    /// Returns where the optimizers' rows went: the first row and the rows each one takes.
    @discardableResult
    /// `coveredBy[i]`: the racer whose marker hides racer i's on the heatmap (see `FrameComposer.coveredMarkers`).
    static func draw(_ grid: inout CellGrid, state: AppState, rect: CellRect, valueRange: (low: Double, high: Double)? = nil,
                     markedLowest: Vector2? = nil, coveredBy: [Int: Int] = [:]) -> (firstRow: Int, rowsPerRacer: Int)? {
        guard rect.width > 4, rect.height > 0 else { return nil }
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
        // The formula wraps; when even three lines cannot hold it, the third ends in "…".
        let formulaLines = wrap(formula, width: width)
        for (i, line) in formulaLines.prefix(3).enumerated() {
            let cut = i == 2 && formulaLines.count > 3
            grid.write(cut ? TextFit.fit(line + " …", width: width) : line, column: left, row: row, limit: limit)
            row += 1
        }
        if rect.maxY - row > state.race.racers.count + 4 {
            // The colour scale's row is kept even when there is no scale to draw, so the rows below stay put.
            if let basins = state.shownBasins {
                drawBasinLegend(&grid, basins: basins, state: state, left: left, limit: limit, row: row)
            } else if let valueRange {
                drawColorScale(&grid, state: state, range: valueRange, left: left, limit: limit, row: row)
            }
            row += 1
            var pieces = viewPieces(state)
            if let markedLowest {
                let point = "(" + NumberFormat.compact(markedLowest.x) + ", " + NumberFormat.compact(markedLowest.y) + ")"
                pieces.append(state.colorMode == .none ? "x lowest in view " + point : "× lowest in view " + point.replacingHyphens(with: "−"))
            }
            for line in pack(pieces, width: width).prefix(2) {
                grid.write(line, column: left, row: row, style: dim, limit: limit)
                row += 1
            }
        }

        let racers = state.race.racers
        var available = rect.maxY - row
        // A note of the scenario's timeline stands out above the lesson, which is the scenario's
        // notes when there are notes, else the surface's.
        if let note = state.session.note, available > racers.count + 2 {
            let noteStyle = TextStyle(foreground: state.colorMode == .none ? .terminalDefault : (state.colorMode.isRich ? .palette(221) : .yellow), attributes: [.bold])
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

        let firstRow = row
        for (index, racer) in racers.enumerated() {
            guard row < rect.maxY else { break }
            drawRacer(&grid, racer: racer, index: index, state: state, left: left, limit: limit, row: row, rows: rowsPerRacer,
                      coveredBy: coveredBy[index])
            row += rowsPerRacer
        }
        return (firstRow, rowsPerRacer)
    }

    /// The index of the optimizer whose rows include screen row `row` of the panel, if any.
    static func racer(atRow row: Int, state: AppState) -> Int? {
        var scratch = CellGrid(width: state.screenWidth, height: state.screenHeight)
        guard let plan = draw(&scratch, state: state, rect: state.layout.panel), row >= plan.firstRow else { return nil }
        let index = (row - plan.firstRow) / plan.rowsPerRacer
        // The blank row after an optimizer's rows (with 5 rows a racer) belongs to no one.
        guard state.race.racers.indices.contains(index), plan.rowsPerRacer < 5 || (row - plan.firstRow) % 5 < 4 else { return nil }
        return index
    }

    /// The colour scale: the lowest value shown, the colours from low to high, the highest value (for log
    /// shading the colours are evenly spaced in log(f − low)).
    static func drawColorScale(_ grid: inout CellGrid, state: AppState, range: (low: Double, high: Double),
                               left: Int, limit: Int, row: Int) {
        guard range.low.isFinite, range.high.isFinite else { return }
        let low = NumberFormat.compact(range.low), high = NumberFormat.compact(range.high)
        let barWidth = limit - left - TextFit.columns(low) - TextFit.columns(high) - 2
        guard barWidth >= 4 else { return }
        let dim = TextStyle(attributes: [.dim])
        var column = grid.write(low, column: left, row: row, style: dim, limit: limit) + 1
        for i in 0..<barWidth {
            let t = Double(i) / Double(barWidth - 1)
            if state.colorMode == .none {
                grid.put(ColorMap.character(t), column: column, row: row, style: .plain)
            } else {
                grid.put(" ", column: column, row: row, style: TextStyle(background: ColorMap.color(t, mode: state.colorMode)))
            }
            column += 1
        }
        grid.write(high, column: column + 1, row: row, style: dim, limit: limit)
    }

    /// In place of the colour scale while `B` shows basins: each basin's swatch (or letter), kind and share.
    static func drawBasinLegend(_ grid: inout CellGrid, basins: BasinOverlay, state: AppState, left: Int, limit: Int, row: Int) {
        var column = left
        let total = max(1, basins.map.cells.count)
        let range = BasinMapView.StepRange(fewest: 0, most: 0)
        // "▌A global 26%" (a swatch, the letter, its kind and share) for each basin when they all fit; else the
        // letter on its own colour and the share, "A 26%", so that six basins fit a narrow panel.
        func percent(_ basin: BasinMap.Basin) -> String { "\(Int((100 * Double(basin.cells) / Double(total)).rounded()))%" }
        func kind(_ basin: BasinMap.Basin) -> String { basin.kind == .globalMinimum ? "global " : basin.kind == .localMinimum ? "local " : "" }
        let withKinds = basins.map.basins.reduce(0) { $0 + 5 + TextFit.columns(kind($1) + percent($1)) } <= limit - left + 2
        for (i, basin) in basins.map.basins.enumerated() {
            let letter = Unicode.Scalar(String(BasinMapView.letter(i)))!
            let color = state.colorMode.hasColor ? BasinMapView.basinColor(i, steps: 0, range: range, mode: state.colorMode) : nil
            let text = withKinds ? " " + kind(basin) + percent(basin) + "  " : " " + percent(basin) + " "
            let width = (withKinds ? 2 : 1) + TextFit.columns(text)
            guard column + width <= limit + 2 else { break }
            if withKinds {
                if let color { grid.put(" ", column: column, row: row, style: TextStyle(background: color)) }
                grid.put(letter, column: column + 1, row: row, style: TextStyle(foreground: color ?? .terminalDefault, attributes: [.bold]))
                column += 2
            } else {
                let style = color.map { TextStyle(foreground: .rgb(255, 255, 255), background: $0, attributes: [.bold]) } ?? TextStyle(attributes: [.bold])
                grid.put(letter, column: column, row: row, style: style)
                column += 1
            }
            column = grid.write(text, column: column, row: row, style: TextStyle(attributes: [.dim]), limit: limit)
        }
    }

    /// Where the screen looks: the x and y ranges shown, the zoom against the surface's own view when it
    /// differs, and the start — each piece to be kept whole on a line.
    static func viewPieces(_ state: AppState) -> [String] {
        let world = state.viewport.world
        func range(_ a: Double, _ b: Double) -> String { NumberFormat.compact(a) + "…" + NumberFormat.compact(b) }
        var pieces = ["x " + range(world.minX, world.maxX), "y " + range(world.minY, world.maxY)]
        let home = Viewport(view: state.race.surface.defaultView, area: state.viewport.area).world
        let zoom = home.width / world.width
        if zoom.isFinite, abs(zoom - 1) > 1e-9 {
            pieces.append("zoom " + NumberFormat.compact(zoom, digits: 2) + "×")
        }
        pieces.append("start " + NumberFormat.point(state.race.start.x, state.race.start.y))
        // The minus sign of the axes' tick labels (ASCII without colour, as they are).
        return state.colorMode == .none ? pieces : pieces.map { $0.replacingHyphens(with: "−") }
    }

    /// Pieces of text joined by two spaces (one, when that saves a line) into lines of at most `width`
    /// columns, a piece never split (one wider than a line ends in "…").
    static func pack(_ pieces: [String], width: Int) -> [String] {
        let spaced = pack(pieces, width: width, separator: "  ")
        let tight = pack(pieces, width: width, separator: " ")
        return tight.count < spaced.count ? tight : spaced
    }

    static func pack(_ pieces: [String], width: Int, separator: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            if line.isEmpty {
                line = piece
            } else if TextFit.columns(line) + separator.count + TextFit.columns(piece) <= width {
                line += separator + piece
            } else {
                lines.append(line)
                line = piece
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { TextFit.fit($0, width: width) }
    }

    static func drawRacer(_ grid: inout CellGrid, racer: Racer, index: Int, state: AppState, left: Int, limit: Int, row: Int, rows: Int,
                          coveredBy: Int? = nil) {
        let selected = index == state.selected
        let color = RacerStyle.color(index, mode: state.colorMode)
        let nameStyle = TextStyle(foreground: selected ? .terminalDefault : color, attributes: selected ? [.bold, .reverse] : [.bold])
        if selected {
            for column in (left - 1)..<(limit + 1) { grid.put(" ", column: column, row: row, style: nameStyle) }
        }
        grid.put(RacerStyle.glyph(index, mode: state.colorMode), column: left, row: row,
                 style: TextStyle(foreground: color, attributes: selected ? [.bold, .reverse] : [.bold]))
        // The rate in force at the current step: the schedule applied to the base rate then in force.
        let rateInForce = racer.learningRate(forStep: max(1, racer.stepCount))
        let rate = rateInForce.map { "lr " + NumberFormat.compact($0) } ?? ""
        let width = limit - (left + 2)
        // The spec in force; when it does not fit, the rate moves to the next line rather than hiding the
        // other keys behind "…".
        var spec = racer.currentSpec.text
        let rateMoved = TextFit.columns(spec) > width && rateInForce != nil
        if rateMoved { spec = racer.currentSpec.text(omitting: ["lr"]) }
        let statusStyle = TextStyle(foreground: statusColor(racer.status, mode: state.colorMode), attributes: racer.status.isRunning ? [] : [.bold])
        if rows == 1 {
            // One row an optimizer (many optimizers or a small terminal): spec or name, lr, and the step with
            // the status; shorter forms by rule when that does not fit, never a cut number.
            let progress = racer.status.isRunning ? "step \(racer.stepCount)" : statusText(racer.status)
            let short = racer.status.isRunning ? "\(racer.stepCount)" : shortStatusText(racer.status)
            let candidates = [
                [spec, rateMoved ? rate : "", progress], [racer.name, rate, progress], [racer.name, rate, short], [racer.name, short],
            ].map { $0.filter { !$0.isEmpty }.joined(separator: " ") }
            grid.write(firstFitting(candidates, width: width), column: left + 2, row: row, style: nameStyle, limit: limit)
            return
        }
        // The spec with the parameters now in force; a scenario's label on the right when there is room.
        let end = grid.writeFitting(spec, column: left + 2, row: row, style: nameStyle, limit: limit)
        if let label = racer.label, end + 2 + TextFit.columns(label) <= limit {
            let labelStyle = TextStyle(foreground: nameStyle.foreground, attributes: selected ? [.reverse] : [.dim])
            grid.write(label, column: limit - TextFit.columns(label), row: row, style: labelStyle, limit: limit)
        }
        let surface = state.race.surface
        var lossParts = ["loss " + NumberFormat.compact(racer.fullLoss(on: surface))]
        // L2 weight decay: the loss shown is f alone; the penalty ½λ|θ|² the method also minimises beside it.
        let decay = racer.spec.l2WeightDecay
        if decay > 0 { lossParts.append("+L2 " + NumberFormat.compact(0.5 * decay * (racer.currentPoint.x * racer.currentPoint.x + racer.currentPoint.y * racer.currentPoint.y))) }
        // Polyak averaging: the loss at the average of the iterates.
        if racer.averages { lossParts.append("avg " + NumberFormat.compact(surface.value(at: racer.averagePoint))) }
        // On a data surface: the held-out loss here, and the loss of the minibatch the next step uses
        // on the line below.
        let batchText = racer.sampler != nil ? "batch " + NumberFormat.compact(racer.loss) + "  " : ""
        if let validation = (surface as? DataSurface)?.validationLoss(at: racer.currentPoint) {
            lossParts.append("val " + NumberFormat.compact(validation))
        }
        // The spec shows the base rate; the rate in force joins the line when a schedule makes it differ.
        let scheduledRate = rateMoved || (rateInForce != nil && rateInForce != racer.learningRate) ? rate : ""
        let evaluations = "evals \(racer.evaluations)"
        let step = "step \(racer.stepCount)", lossText = lossParts.joined(separator: "  ")
        func line(_ parts: [String]) -> String { parts.filter { !$0.isEmpty }.joined(separator: "  ") }
        var stepLines: [String] = [line([step, lossText, scheduledRate, evaluations]), line([step, lossText, scheduledRate])]
        if !scheduledRate.isEmpty {
            // The rate in force is never the part left out.
            // (the step count is in the status bar, and in the status once the run stops).
            stepLines += [line([scheduledRate, lossText])]
        }
        stepLines += [line([step, lossText, evaluations]), line([step, lossText])] + [line(["\(racer.stepCount)", lossText]), lossText]
        let stepLine = firstFitting(stepLines, width: width)
        grid.write(stepLine, column: left + 2, row: row + 1, limit: limit)
        let gradient = "|∇f| \(NumberFormat.compact(racer.fullGradient(on: surface).length, digits: 2))"
        let status = statusText(racer.status), short = shortStatusText(racer.status)
        // The minibatch loss, |∇f|, the status and, when this racer's marker is hidden under another's on the
        // heatmap (the same cell), which one: the first of these that fits — the minibatch loss left out, the
        // status abbreviated by rule, the note left out — or the status alone.
        let note = coveredBy.map { "under " + String(RacerStyle.glyph($0, mode: state.colorMode)) } ?? ""
        let noteWidth = note.isEmpty ? 0 : 2 + TextFit.columns(note)
        let choices = (batchText.isEmpty ? [] : [(batchText + gradient, status, noteWidth)])
            + [(gradient, status, noteWidth), (gradient, short, noteWidth), (gradient, status, 0), (gradient, short, 0)]
        let statusLine = choices.first { TextFit.columns($0.0) + 2 + TextFit.columns($0.1) + $0.2 <= width }
            .map { (gradient: $0.0 + "  ", status: $0.1) } ?? (gradient: "", status: firstFitting([status, short], width: width))
        let statusColumn = grid.write(statusLine.gradient, column: left + 2, row: row + 2, limit: limit)
        let statusEnd = grid.writeFitting(statusLine.status, column: statusColumn, row: row + 2, style: statusStyle, limit: limit)
        if let coveredBy, statusEnd + 2 + TextFit.columns(note) <= limit {
            grid.write(note, column: statusEnd + 2, row: row + 2,
                       style: TextStyle(foreground: RacerStyle.color(coveredBy, mode: state.colorMode)), limit: limit)
        }
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
        case let .stoppedAtSaddle(step): return "stopped at a saddle at \(step)"
        case let .stoppedAtMaximum(step): return "stopped at a maximum at \(step)"
        case let .stalled(step): return "stalled at \(step)"
        case let .diverged(step): return "diverged at step \(step)"
        case let .earlyStopped(step, _, _): return "early-stopped at \(step)"
        case let .finished(step): return "finished at \(step)"
        case let .failed(_, reason): return "failed: \(reason)"
        }
    }

    /// The status in a few characters, the step always whole: "conv @184", "div @12", "fin @100".
    static func shortStatusText(_ status: RunStatus) -> String {
        switch status {
        case .running: return "run"
        case let .converged(step): return "conv @\(step)"
        case let .stoppedAtSaddle(step): return "saddle @\(step)"
        case let .stoppedAtMaximum(step): return "max @\(step)"
        case let .stalled(step): return "stall @\(step)"
        case let .diverged(step): return "div @\(step)"
        case let .finished(step): return "fin @\(step)"
        case let .earlyStopped(step, _, _): return "early @\(step)"
        case let .failed(step, _): return "fail @\(step)"
        }
    }

    /// The first of `candidates` that fits in `width` columns, else the last one ending in "…".
    static func firstFitting(_ candidates: [String], width: Int) -> String {
        candidates.first { TextFit.columns($0) <= width } ?? TextFit.fit(candidates.last ?? "", width: width)
    }

    static func statusColor(_ status: RunStatus, mode: ColorMode) -> CellColor {
        guard mode != .none else { return .terminalDefault }
        switch status {
        case .running: return .terminalDefault
        case .converged, .earlyStopped: return mode.isRich ? .palette(120) : .green
        case .stalled, .finished, .stoppedAtSaddle, .stoppedAtMaximum: return mode.isRich ? .palette(221) : .yellow
        case .diverged, .failed: return mode.isRich ? .palette(203) : .red
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

extension String {
    /// The text with every "-" replaced by `minus` (for lines of numbers only: no hyphenated words).
    func replacingHyphens(with minus: Character) -> String { String(map { $0 == "-" ? minus : $0 }) }
}

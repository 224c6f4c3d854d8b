import DescentCore
import DescentRender

/// The help overlay and the two pickers, drawn as boxes over the middle of the screen.
enum Overlays {
    static func draw(_ grid: inout CellGrid, state: AppState) {
        switch state.overlay {
        case .none:
            return
        case .help:
            let keyWidth = Keymap.bindings.map { $0.keys.unicodeScalars.count }.max() ?? 0
            let lines = Keymap.bindings.map { binding in
                binding.keys + String(repeating: " ", count: keyWidth - binding.keys.unicodeScalars.count + 2) + binding.action
            }
            // When the keys do not all fit, ↑ ↓ scroll them, and the footer says which are shown.
            let rows = helpRows(screenHeight: grid.height)
            if lines.count > rows {
                let first = min(max(0, state.helpScroll), lines.count - rows)
                // Every line as wide as the widest, so the box keeps its width while it scrolls.
                let width = lines.map(TextFit.columns).max() ?? 0
                let shown = lines[first..<(first + rows)].map { ($0.padding(to: width), false) }
                drawBox(&grid, title: "keys", lines: shown,
                        footer: ["↑ ↓ more keys (\(first + 1)–\(first + rows) of \(lines.count)) · Esc or ? closes"])
            } else {
                drawBox(&grid, title: "keys", lines: lines.map { ($0, false) }, footer: ["Esc or ? closes this help"])
            }
        case let .surfacePicker(cursor):
            let surfaces = SurfaceCatalog.all
            let nameWidth = surfaces.map(\.name.count).max() ?? 0
            let lines = surfaces.enumerated().map { index, surface in
                (surface.name.padding(to: nameWidth) + "  " + surface.formula, index == cursor)
            }
            var footer: [String] = []
            if surfaces.indices.contains(cursor) { footer = wrap(surfaces[cursor].lesson, width: min(56, grid.width - 8)) }
            footer.append("↑ ↓ choose · Enter switches · Esc cancels")
            drawBox(&grid, title: "surface", lines: lines, footer: footer)
        case let .optimizerPicker(cursor):
            let descriptors = OptimizerCatalog.all
            let racing = Set(state.race.racers.map(\.name))
            let nameWidth = descriptors.map(\.name.count).max() ?? 0
            let lines = descriptors.enumerated().map { index, descriptor in
                ((racing.contains(descriptor.name) ? "[x] " : "[ ] ") + descriptor.name.padding(to: nameWidth) + "  " + descriptor.rule,
                 index == cursor)
            }
            var footer: [String] = []
            if descriptors.indices.contains(cursor) { footer = wrap(descriptors[cursor].lesson, width: min(56, grid.width - 8)) }
            footer.append("↑ ↓ choose · Enter adds or removes · Esc closes")
            drawBox(&grid, title: "optimizers", lines: lines, footer: footer)
        case let .scenarioPicker(entries, cursor):
            let nameWidth = entries.map(\.name.count).max() ?? 0
            let lines = entries.enumerated().map { index, entry in
                (entry.name.padding(to: nameWidth) + "  " + (entry.scenario.title ?? entry.scenario.surface.name), index == cursor)
            }
            var footer: [String] = []
            if entries.indices.contains(cursor) {
                let entry = entries[cursor]
                footer = wrap(entry.scenario.summary, width: min(56, grid.width - 8))
                footer.append(entry.origin)
            }
            footer.append("↑ ↓ choose · Enter replays · Esc cancels")
            drawBox(&grid, title: "scenarios", lines: lines, footer: footer)
        case let .saveNamePrompt(text):
            drawBox(&grid, title: "save scenario", lines: [("name: " + text + "▏", false)],
                    footer: ["writes scenarios/\(text.isEmpty ? "NAME" : text).json", "letters, digits, - and _ · Enter saves · Esc cancels"])
        case let .parameterSheet(index, cursor, input):
            guard state.race.racers.indices.contains(index) else { return }
            let racer = state.race.racers[index]
            let rows = ParameterSheet.rows(for: racer)
            let nameWidth = rows.map { TextFit.columns($0.parameter.name) }.max() ?? 0
            let valueWidth = max(10, rows.map { TextFit.columns($0.value) }.max() ?? 0)
            let lines = rows.enumerated().map { i, row -> (String, Bool) in
                let value = i == cursor && !input.isEmpty ? input + "▏" : row.value
                let note = row.settable ? row.parameter.help : "set at launch · " + row.parameter.help
                return (row.parameter.name.padding(to: nameWidth) + "  " + value.padding(to: valueWidth) + "  " + note, i == cursor)
            }
            var footer: [String] = []
            if let notice = state.notice { footer.append(notice) }
            footer.append("↑ ↓ choose · + - step · type a number, Enter sets · Esc closes")
            drawBox(&grid, title: racer.currentSpec.text, lines: lines, footer: footer)
        case let .formulaPrompt(text, _, error):
            let width = max(20, min(grid.width - 12, 72))
            // The end of a long formula stays in sight, with the cursor after it.
            let shown = TextFit.columns(text) + 1 > width - 3 ? "…" + String(text.suffix(width - 5)) : text
            var footer: [String] = []
            if let error { footer += wrap(error, width: width) }
            footer.append("x, y, + - * / ^, sin cos tan exp log sqrt abs tanh sigmoid softplus min max, pi, e")
            footer.append("Enter draws it · ↑ ↓ the last formulas · Esc cancels")
            drawBox(&grid, title: "formula f(x, y)", lines: [("f = " + shown + "▏", false)], footer: footer)
        case let .sweep(index, trials, best):
            guard state.race.racers.indices.contains(index) else { return }
            let spec = state.race.racers[index].currentSpec
            // A bar per rate, its length the log of its final loss between the lowest and highest finite ones.
            // (losses below 10⁻¹⁶, rounding noise, count as 10⁻¹⁶; a loss below zero has no log and gets the shortest bar).
            let logs = trials.map { $0.finalLoss.isFinite ? Math.log10(max($0.finalLoss, 1e-16)) : Double.nan }
            let kept = trials.indices.filter { i in
                if case .diverged = trials[i].status { return false }
                return logs[i].isFinite
            }
            let low = kept.map { logs[$0] }.min() ?? 0, high = kept.map { logs[$0] }.max() ?? 1
            let barWidth = 20
            let lines = trials.enumerated().map { i, trial -> (String, Bool) in
                let rate = formatNumber(trial.learningRate).padding(to: 7)
                let bar: String
                if kept.contains(i) {
                    let length = high > low ? 1 + Int(((logs[i] - low) / (high - low) * Double(barWidth - 1)).rounded()) : 1
                    bar = String(repeating: "█", count: length) + String(repeating: " ", count: barWidth - length)
                } else {
                    bar = "diverged".padding(to: barWidth)
                }
                let loss = kept.contains(i) ? NumberFormat.compact(trial.finalLoss) : "—"
                return (rate + " " + bar + " " + loss.padding(to: 9) + " " + trial.status.summary + (i == best ? "  ◀ best" : ""), i == best)
            }
            var footer = ["final loss after at most \(state.race.rules.maxSteps < AppState.sweepSteps ? state.race.rules.maxSteps : AppState.sweepSteps) steps from the start, log scale"]
            footer.append(best == nil ? "every rate diverged · Esc closes" : "Enter sets lr \(formatNumber(trials[best!].learningRate)) · Esc closes")
            drawBox(&grid, title: "sweep of " + spec.text, lines: lines, footer: footer)
        case let .sweepRunning(index):
            guard state.race.racers.indices.contains(index), let request = state.sweepRequest else { return }
            let spec = state.race.racers[index].currentSpec
            let rates = request.rates
            let first = rates.first.map(formatNumber) ?? "", last = rates.last.map(formatNumber) ?? ""
            let lines = [("running lr = \(first) … \(last), \(rates.count) rates of at most \(request.scenario.steps ?? AppState.sweepSteps) steps", false),
                         ("\(state.sweepProgress) of \(rates.count) done", false)]
            drawBox(&grid, title: "sweep of " + spec.text, lines: lines, footer: ["Esc stops the sweep"])
        case let .confirmOverwrite(name):
            drawBox(&grid, title: "save scenario", lines: [("scenarios/\(name).json exists. Overwrite it?", false)],
                    footer: ["y overwrites · n or Esc keeps the file"])
        }
    }

    /// A framed box centred on the screen; highlighted lines are drawn in reverse video.
    /// The rows of keys the help box has on a screen this high: drawBox's rows inside the frame, less one
    /// footer line and the blank above it.
    static func helpRows(screenHeight: Int) -> Int { max(1, screenHeight - 6) }

    static func drawBox(_ grid: inout CellGrid, title: String, lines: [(String, Bool)], footer: [String]) {
        let contentWidth = min(grid.width - 4, max(
            lines.map { TextFit.columns($0.0) }.max() ?? 0,
            footer.map(TextFit.columns).max() ?? 0,
            title.count + 4))
        guard contentWidth > 4 else { return }
        let available = grid.height - 4 - (footer.isEmpty ? 0 : footer.count + 1)
        let visibleLines = Array(visibleWindow(of: lines, rows: max(1, available)))
        let height = visibleLines.count + (footer.isEmpty ? 0 : footer.count + 1) + 2
        let width = contentWidth + 4
        let left = max(0, (grid.width - width) / 2), top = max(0, (grid.height - height) / 2)
        let frame = TextStyle(background: .terminalDefault, attributes: [.bold])
        let body = TextStyle(background: .terminalDefault)
        grid.fill(CellRect(x: left, y: top, width: width, height: height), with: Cell(" "))
        for column in left..<(left + width) {
            grid.put("─", column: column, row: top, style: frame)
            grid.put("─", column: column, row: top + height - 1, style: frame)
        }
        for row in top..<(top + height) {
            grid.put("│", column: left, row: row, style: frame)
            grid.put("│", column: left + width - 1, row: row, style: frame)
        }
        grid.put("┌", column: left, row: top, style: frame)
        grid.put("┐", column: left + width - 1, row: top, style: frame)
        grid.put("└", column: left, row: top + height - 1, style: frame)
        grid.put("┘", column: left + width - 1, row: top + height - 1, style: frame)
        grid.write(" \(title) ", column: left + 2, row: top, style: frame)
        var row = top + 1
        for (text, highlighted) in visibleLines {
            let style = highlighted ? TextStyle(background: .terminalDefault, attributes: [.reverse, .bold]) : body
            if highlighted {
                for column in (left + 1)..<(left + width - 1) { grid.put(" ", column: column, row: row, style: style) }
            }
            grid.writeFitting(text, column: left + 2, row: row, style: style, limit: left + width - 2)
            row += 1
        }
        if !footer.isEmpty {
            row += 1
            for line in footer {
                grid.writeFitting(line, column: left + 2, row: row, style: TextStyle(background: .terminalDefault, attributes: [.dim]), limit: left + width - 2)
                row += 1
            }
        }
    }

    /// At most `rows` lines, scrolled so the highlighted one is visible.
    static func visibleWindow(of lines: [(String, Bool)], rows: Int) -> ArraySlice<(String, Bool)> {
        guard lines.count > rows else { return lines[...] }
        let cursor = lines.firstIndex { $0.1 } ?? 0
        let start = min(max(0, cursor - rows / 2), lines.count - rows)
        return lines[start..<(start + rows)]
    }
}

extension String {
    func padding(to width: Int) -> String {
        let count = TextFit.columns(self)
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

import DescentCore

/// Turns a key into an action, given what is on screen (a picker takes the arrows and Enter).
public enum Keymap {
    /// One row of the key table (README and help overlay show exactly these).
    public struct Binding: Sendable {
        public var keys: String
        public var action: String
    }

    public static let bindings: [Binding] = [
        Binding(keys: "space", action: "play / pause"),
        Binding(keys: "n or .", action: "one step (while paused)"),
        Binding(keys: "r", action: "reset every optimizer to the start point"),
        Binding(keys: "Tab / Shift-Tab", action: "select the next / previous optimizer"),
        Binding(keys: "+ / -", action: "selected learning rate up / down (1-2-5 series)"),
        Binding(keys: "] / [", action: "selected learning rate × 10 / ÷ 10"),
        Binding(keys: "Enter", action: "parameter sheet: ↑ ↓ choose, + - step, type a number, Enter sets"),
        Binding(keys: "s", action: "surface picker"),
        Binding(keys: "o", action: "optimizer picker"),
        Binding(keys: "p", action: "scenario picker: replay a lesson or a saved scenario"),
        Binding(keys: "w", action: "save this setup and its changes as scenarios/NAME.json"),
        Binding(keys: "e", action: "type a formula of x and y as the surface (↑ ↓ the last ones)"),
        Binding(keys: "S", action: "learning-rate sweep of the selected optimizer; Enter applies the best rate"),
        Binding(keys: "B", action: "basins of attraction of the selected optimizer under the paths"),
        Binding(keys: "N / M", action: "data surfaces: standardise the feature / logreg's loss bce or mse"),
        Binding(keys: "arrows / click", action: "move the start point (and reset); a click on a racer's row selects it"),
        Binding(keys: "z / x / wheel", action: "zoom in / out (the wheel around the pointer)"),
        Binding(keys: "H J K L", action: "pan left / down / up / right"),
        Binding(keys: "0", action: "the surface's default view"),
        Binding(keys: "> / <", action: "faster / slower"),
        Binding(keys: "c / l", action: "contours / log shading on or off"),
        Binding(keys: "g / v", action: "arrows of −∇f / of the next step on or off"),
        Binding(keys: "?", action: "this help"),
        Binding(keys: "Esc", action: "close an overlay or a prompt"),
        Binding(keys: "q", action: "quit"),
    ]

    public static func action(for key: KeyEvent, in state: AppState) -> Action? {
        if case let .resize(width, height) = key { return .resize(width: width, height: height) }
        switch state.overlay {
        case .help:
            switch key {
            case .up, .character("k"): return .movePickerCursor(by: -1)
            case .down, .character("j"): return .movePickerCursor(by: 1)
            case .escape, .character("?"): return .closeOverlay
            case .character("q"): return .quit
            default: return nil
            }
        case let .surfacePicker(cursor):
            switch key {
            case .up, .character("k"): return .movePickerCursor(by: -1)
            case .down, .character("j"): return .movePickerCursor(by: 1)
            case .enter:
                let surfaces = SurfaceCatalog.all
                return surfaces.indices.contains(cursor) ? .chooseSurface(surfaces[cursor].name) : .closeOverlay
            case .escape, .character("s"): return .closeOverlay
            case .character("q"): return .quit
            default: return nil
            }
        case let .optimizerPicker(cursor):
            switch key {
            case .up, .character("k"): return .movePickerCursor(by: -1)
            case .down, .character("j"): return .movePickerCursor(by: 1)
            case .enter, .character(" "):
                let names = OptimizerCatalog.names
                return names.indices.contains(cursor) ? .toggleOptimizer(names[cursor]) : nil
            case .escape, .character("o"): return .closeOverlay
            case .character("q"): return .quit
            default: return nil
            }
        case let .scenarioPicker(entries, _):
            switch key {
            case .up, .character("k"): return .movePickerCursor(by: -1)
            case .down, .character("j"): return .movePickerCursor(by: 1)
            case .enter: return entries.isEmpty ? .closeOverlay : .confirmPrompt
            case .escape, .character("p"): return .closeOverlay
            case .character("q"): return .quit
            default: return nil
            }
        case .saveNamePrompt:
            switch key {
            case .enter: return .confirmPrompt
            case .escape: return .closeOverlay
            case .backspace: return .promptBackspace
            case let .character(character): return .promptInput(character)
            default: return nil
            }
        case .parameterSheet:
            switch key {
            case .up, .character("k"): return .movePickerCursor(by: -1)
            case .down, .character("j"): return .movePickerCursor(by: 1)
            case .character("+"), .character("="), .right: return .stepParameter(up: true)
            case .character("_"), .left: return .stepParameter(up: false)
            case .character("-"):
                // A minus sign while typing (an exponent's), else one step down.
                if case let .parameterSheet(_, _, input) = state.overlay, input.last == "e" { return .promptInput("-") }
                return .stepParameter(up: false)
            case .enter: return .confirmPrompt
            case .escape: return .closeOverlay
            case .backspace: return .promptBackspace
            case .character("q"): return .quit
            case let .character(character) where character.isNumber || character == "." || character == "e" || character == "E":
                return .promptInput(character)
            default: return nil
            }
        case .formulaPrompt:
            switch key {
            case .enter: return .confirmPrompt
            case .escape: return .closeOverlay
            case .backspace: return .promptBackspace
            case .up: return .formulaHistory(by: -1)
            case .down: return .formulaHistory(by: 1)
            case let .character(character): return .promptInput(character)
            default: return nil
            }
        case .sweepRunning:
            switch key {
            case .escape, .character("S"): return .closeOverlay
            case .character("q"): return .quit
            default: return nil
            }
        case .sweep:
            switch key {
            case .enter: return .confirmPrompt
            case .escape, .character("S"): return .closeOverlay
            case .character("q"): return .quit
            default: return nil
            }
        case .confirmOverwrite:
            switch key {
            case .character("y"), .character("Y"): return .answerOverwrite(true)
            case .character("n"), .character("N"), .escape, .enter: return .answerOverwrite(false)
            default: return nil
            }
        case .none:
            return mainAction(for: key, in: state)
        }
    }

    static func mainAction(for key: KeyEvent, in state: AppState) -> Action? {
        switch key {
        case .character(" "): return .togglePlay
        case .enter: return .openParameterSheet
        case .character("n"), .character("."): return .stepOnce
        case .character("r"): return .reset
        case .tab: return .selectNext
        case .backTab: return .selectPrevious
        case .character("+"), .character("="): return .learningRateUp
        case .character("-"), .character("_"): return .learningRateDown
        case .character("]"): return .learningRateTimesTen
        case .character("["): return .learningRateDividedByTen
        case .character("s"): return .openSurfacePicker
        case .character("o"): return .openOptimizerPicker
        case .character("p"): return .openScenarioPicker
        case .character("w"): return .openSavePrompt
        case .character("e"): return .openFormulaPrompt
        case .character("S"): return .openSweep
        case .character("B"): return .toggleBasins
        case .character("N"): return .toggleNormalize
        case .character("M"): return .toggleLoss
        case .left: return .moveStart(dx: -1, dy: 0)
        case .right: return .moveStart(dx: 1, dy: 0)
        case .up: return .moveStart(dx: 0, dy: 1)
        case .down: return .moveStart(dx: 0, dy: -1)
        case let .mouseClick(column, row):
            guard !state.layout.isTooSmall else { return nil }
            if state.layout.panel.contains(column: column, row: row) {
                return Panel.racer(atRow: row, state: state).map { .select(racer: $0) }
            }
            guard state.layout.heatmap.contains(column: column, row: row) else { return nil }
            return .setStart(state.viewport.point(column: column, row: row))
        case let .mouseWheel(up, column, row):
            guard !state.layout.isTooSmall, state.layout.heatmap.contains(column: column, row: row) else { return nil }
            return .zoom(factor: up ? 2.0 / 3.0 : 1.5, around: state.viewport.point(column: column, row: row))
        case .character("z"): return .zoomIn
        case .character("x"): return .zoomOut
        case .character("H"): return .pan(dx: -1, dy: 0)
        case .character("J"): return .pan(dx: 0, dy: -1)
        case .character("K"): return .pan(dx: 0, dy: 1)
        case .character("L"): return .pan(dx: 1, dy: 0)
        case .character("0"): return .defaultView
        case .character(">"): return .faster
        case .character("<"): return .slower
        case .character("c"): return .toggleContours
        case .character("l"): return .toggleLogShading
        case .character("g"): return .toggleGradientArrows
        case .character("v"): return .toggleStepArrows
        case .character("?"): return .toggleHelp
        case .character("q"): return .quit
        default: return nil
        }
    }
}

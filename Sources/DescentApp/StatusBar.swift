import DescentRender

/// The bottom line: playing or paused, speed, step, the last key's effect, and "? help".
enum StatusBar {
    static func draw(_ grid: inout CellGrid, state: AppState, rect: CellRect) {
        guard rect.height > 0 else { return }
        let style = TextStyle(attributes: [.reverse])
        for column in rect.x..<rect.maxX { grid.put(" ", column: column, row: rect.y, style: style) }
        let mode = state.colorMode == .none
        let playing = state.isPlaying ? (mode ? "> playing" : "▶ playing") : (mode ? "|| paused" : "❚❚ paused")
        // The speed asked for, and the speed achieved when the optimizers cannot keep up with it.
        var speed = "\(state.speed) steps/s"
        if state.isPlaying, let achieved = state.achievedSpeed, achieved < 0.8 * Double(state.speed) {
            speed += " (achieving \(Int(achieved.rounded())))"
        }
        var text = " \(playing) │ \(speed) │ step \(state.stepCount)"
        if let notice = state.notice { text += " │ " + notice }
        let help = "? help  q quit "
        let helpColumn = rect.maxX - help.unicodeScalars.count
        grid.writeFitting(text, column: rect.x, row: rect.y, style: TextStyle(attributes: [.reverse, .bold]), limit: max(rect.x + 1, helpColumn > rect.x + 20 ? helpColumn - 1 : rect.maxX))
        if helpColumn > rect.x + 20 { grid.write(help, column: helpColumn, row: rect.y, style: style) }
    }
}

import ArgumentParser
import DescentApp
import DescentCore
import DescentRender
import DescentTerminal
import Glibc

/// `descent render`: one frame of the visualizer on standard output, for the README, bug reports and tests.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of the visualizer as text.",
        discussion: """
            Runs the race (or the --scenario, with its events) for --steps steps (default 100, or the \
            scenario's), then prints the frame the visualizer would show \
            in a terminal of --width × --height cells: plain text (--color none, the default) or with ANSI \
            colours (--color 256 or basic).
            """
    )

    @OptionGroup var race: RaceOptions
    @OptionGroup var view: ViewOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns of the frame (default: 100).", valueName: "w"))
    var width: String = "100"

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of the frame (default: 30).", valueName: "h"))
    var height: String = "30"

    @Option(help: ArgumentHelp("none, basic or 256 (default: none).", valueName: "colors"))
    var color: String = "none"

    func run() throws {
        let columns = try parseWholeNumber(width, what: "--width", minimum: 1)
        let rows = try parseWholeNumber(height, what: "--height", minimum: 1)
        guard columns <= 2000 else { throw DescentError.invalidValue(what: "--width", value: width, requirement: "must be ≤ 2000") }
        guard rows <= 1000 else { throw DescentError.invalidValue(what: "--height", value: height, requirement: "must be ≤ 1000") }
        let mode = try Self.colorMode(parsing: color)
        var state = AppState(scenario: try race.makeScenario(defaultSteps: 100), screenWidth: columns, screenHeight: rows,
                             colorMode: mode, isPlaying: false)
        try view.apply(to: &state)
        // As the visualizer does: a locale that is not UTF-8 gets ASCII only.
        setlocale(LC_CTYPE, "")
        state.asciiOnly = !Terminal.isUTF8Locale
        setlocale(LC_CTYPE, "C")
        // Like the visualizer, keep only the newest points of each trail, however many steps are asked for.
        while state.race.isRunning {
            state.session.advance(steps: Visualizer.trailCap)
            state.session.forgetHistory(keepingLast: Visualizer.trailCap)
        }
        let grid = FrameComposer().compose(state)
        var out = Output()
        out.write(mode == .none ? grid.plainText + "\n" : ANSIText.encode(grid))
        out.flush()
    }

    static func colorMode(parsing text: String) throws(DescentError) -> ColorMode {
        switch text.trimmingSpaces.lowercased() {
        case "none", "no", "0": return .none
        case "basic", "8", "16": return .basic
        case "256": return .palette256
        default:
            throw .unknownName(kind: "colour mode", name: text, suggestion: nearestName(to: text, in: ["none", "basic", "256"]), choices: ["none", "basic", "256"])
        }
    }
}

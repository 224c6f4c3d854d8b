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
            in a terminal of --width × --height cells: with ANSI colours (--color truecolor, 256 or basic) or as plain \
            text (--color none). --color auto, the default, colours the frame as the terminal can when standard \
            output is a terminal and writes plain text into a pipe or a file.
            """
    )

    @OptionGroup var race: RaceOptions<RenderSteps>
    @OptionGroup var view: ViewOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns of the frame.", valueName: "w"))
    var width: String = "100"

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of the frame.", valueName: "h"))
    var height: String = "30"

    @OptionGroup var colorOption: ColorOption

    func run() throws {
        // The smallest frame that shows the visualizer (anything smaller is only a note to enlarge it).
        let columns = try parseWholeNumber(width, what: "--width", minimum: Layout.minimumWidth)
        let rows = try parseWholeNumber(height, what: "--height", minimum: Layout.minimumHeight)
        guard columns <= 2000 else { throw DescentError.invalidValue(what: "--width", value: width, requirement: "must be ≤ 2000") }
        guard rows <= 1000 else { throw DescentError.invalidValue(what: "--height", value: height, requirement: "must be ≤ 1000") }
        // auto: the terminal's colours when standard output is one, plain text into a pipe or a file.
        let mode = try colorOption.requestedMode() ?? (isatty(STDOUT_FILENO) == 1 ? Terminal.detectedColorMode() : .none)
        var state = AppState(scenario: try race.makeScenario(), screenWidth: columns, screenHeight: rows,
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
}

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
            output is a terminal and writes plain text into a pipe or a file. --format svg writes the frame as             an SVG picture (true colours, monospace text, the heatmap's half blocks as rectangles); -o FILE writes             it to a file instead.
            """
    )

    @OptionGroup var race: RaceOptions<RenderSteps>
    @OptionGroup var view: ViewOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns of the frame.", valueName: "w"))
    var width: String = RenderSettings.defaultWidth

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of the frame.", valueName: "h"))
    var height: String = RenderSettings.defaultHeight

    @OptionGroup var colorOption: ColorOption

    @Option(help: ArgumentHelp("ansi (colour escapes as --color says; plain text under --color none), text (no escapes) or svg (a picture; 24-bit colour unless --color says otherwise).", valueName: "format"), completion: .list(["ansi", "text", "svg"]))
    var format: String = RenderSettings.Format.ansi.rawValue

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the frame to FILE (whole, or not at all) instead of standard output.", valueName: "file"))
    var output: String?

    /// The values given, as a plain value.
    var settings: RenderSettings {
        RenderSettings(race: race.settings, view: view.settings, color: colorOption.settings, width: width, height: height,
                       format: format, output: output)
    }

    func run() throws { try settings.run() }

    /// The frame of `scenario` run to its step limit, paused, in a terminal of `columns × rows`: what
    /// `render` prints and every frame of `record`.
    static func frame(of scenario: Scenario, view: ViewSettings?, columns: Int, rows: Int, mode: ColorMode, asciiOnly: Bool,
                      composer: FrameComposer) throws(DescentError) -> CellGrid {
        var state = AppState(scenario: scenario, screenWidth: columns, screenHeight: rows, colorMode: mode, isPlaying: false)
        try view?.apply(to: &state)
        // As the visualizer does: a locale that is not UTF-8 gets ASCII only.
        state.asciiOnly = asciiOnly
        // Like the visualizer, keep only the newest points of each trail, however many steps are asked for.
        while state.race.isRunning {
            state.session.advance(steps: Visualizer.trailCap)
            state.session.forgetHistory(keepingLast: Visualizer.trailCap)
        }
        return composer.compose(state)
    }

}

/// What `descent render` is asked to do, as the command line gives it.
struct RenderSettings: Equatable, Sendable {
    enum Format: String, CaseIterable { case ansi, text, svg }

    /// The frame's size when `--width` and `--height` are not given.
    static let defaultWidth = "100", defaultHeight = "30"

    var race: RaceSettings
    var view = ViewSettings()
    var color = ColorSettings()
    var width = RenderSettings.defaultWidth
    var height = RenderSettings.defaultHeight
    var format = Format.ansi.rawValue
    var output: String?

    /// Runs the race and writes its frame.
    func run() throws {
        let names = Format.allCases.map(\.rawValue)
        guard let format = Format(rawValue: format.trimmingSpaces.lowercased()) else {
            throw DescentError.unknownName(kind: "format", name: format, suggestion: nearestName(to: format, in: names), choices: names)
        }
        // The smallest frame that shows the visualizer (anything smaller is only a note to enlarge it).
        let columns = try parseWholeNumber(width, what: "--width", minimum: Layout.minimumWidth)
        let rows = try parseWholeNumber(height, what: "--height", minimum: Layout.minimumHeight)
        guard columns <= 2000 else { throw DescentError.invalidValue(what: "--width", value: width, requirement: "must be ≤ 2000") }
        guard rows <= 1000 else { throw DescentError.invalidValue(what: "--height", value: height, requirement: "must be ≤ 1000") }
        // auto: the terminal's colours when standard output is one, plain text into a pipe or a file.
        let requested = try color.requestedMode()
        let mode: ColorMode
        switch format {
        case .svg: mode = requested ?? .trueColor
        case .text: mode = requested ?? .none
        case .ansi: mode = requested ?? (output == nil && isatty(STDOUT_FILENO) == 1 ? Terminal.detectedColorMode() : .none)
        }
        let grid = try RenderCommand.frame(of: try race.makeScenario(), view: view, columns: columns, rows: rows, mode: mode,
                                  asciiOnly: Terminal.userLocaleIsASCIIOnly, composer: FrameComposer())
        switch format {
        case .svg: try ScenarioFiles.emit(SVGText.encode(grid), to: output)
        case .ansi where mode != .none: try ScenarioFiles.emit(ANSIText.encodedBytes(grid), to: output)
        case .ansi, .text: try ScenarioFiles.emit(grid.plainText + "\n", to: output)
        }
    }
}

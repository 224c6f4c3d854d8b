import ArgumentParser
import DescentApp
import DescentCore
import DescentRender
import DescentTerminal
import Glibc

/// `descent record`: a scenario's replay as an asciinema recording (asciicast v2).
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a scenario's replay as an asciinema recording (asciicast v2).",
        discussion: """
            The recording holds one frame a step, step k shown at k / speed seconds (the scenario's speed; \
            each pause of its timeline holds the frame \(formatNumber(RecordCommand.pauseHold)) s longer), until every optimizer \
            has stopped or the step limit. Each frame is exactly what `descent render --scenario … --steps k` \
            prints for the same size and colours; a frame that does not change is not repeated. \
            `asciinema play run.cast` shows it; the file is a JSON header line, then one [time, "o", text] line a frame.
            """
    )

    @Option(help: ArgumentHelp("The scenario: NAME (scenarios/NAME.json here, else the shipped library) or FILE.", valueName: "name|file"), completion: Completions.scenarios)
    var scenario: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The recording's file (whole, or not at all); standard output without it.", valueName: "file"))
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns of the terminal recorded.", valueName: "w"))
    var width: String = "120"

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of the terminal recorded.", valueName: "h"))
    var height: String = "40"

    @Option(parsing: .unconditional, help: ArgumentHelp("The last step recorded (default: the scenario's step limit).", valueName: "n"))
    var steps: String?

    @Option(help: ArgumentHelp("truecolor, 256, basic or none.", valueName: "mode"), completion: .list(["truecolor", "256", "basic", "none"]))
    var color: String = "256"

    /// Seconds a pause of the timeline holds its frame.
    static let pauseHold = 2.0

    func run() throws {
        let columns = try parseWholeNumber(width, what: "--width", minimum: Layout.minimumWidth)
        let rows = try parseWholeNumber(height, what: "--height", minimum: Layout.minimumHeight)
        guard columns <= 500 else { throw DescentError.invalidValue(what: "--width", value: width, requirement: "must be ≤ 500") }
        guard rows <= 200 else { throw DescentError.invalidValue(what: "--height", value: height, requirement: "must be ≤ 200") }
        guard let mode = ColorMode(optionValue: color.trimmingSpaces.lowercased()) else {
            // A recording has no terminal to ask: every mode but auto.
            let names = ColorMode.optionValues.filter { $0 != "auto" }
            throw DescentError.unknownName(kind: "colour mode", name: color, suggestion: nearestName(to: color, in: names), choices: names)
        }
        let loaded = try ScenarioFiles.load(scenario).scenario
        let limit = try steps.map { text throws(DescentError) in try parseWholeNumber(text, what: "--steps", minimum: 0) } ?? loaded.rules.maxSteps
        guard limit <= 20_000 else { throw DescentError.invalidValue(what: "--steps", value: String(limit), requirement: "must be ≤ 20000 (one frame a step)") }
        let text = try Self.cast(of: loaded, lastStep: limit, columns: columns, rows: rows, mode: mode, asciiOnly: Terminal.userLocaleIsASCIIOnly)
        try ScenarioFiles.emit(text, to: output)
    }

    /// The asciicast: the header, then the frame of every step 0, 1, … until the race has stopped or `lastStep`.
    static func cast(of scenario: Scenario, lastStep: Int, columns: Int, rows: Int, mode: ColorMode, asciiOnly: Bool) throws(DescentError) -> String {
        let speed = Double(scenario.speed ?? AppState.defaultSpeed)
        let title = scenario.title ?? scenario.surface.name
        let term = mode == .trueColor ? "xterm-direct" : mode == .none ? "xterm" : "xterm-256color"
        var out = "{\"version\": 2, \"width\": \(columns), \"height\": \(rows), \"title\": \(JSONText.quoted(title)), "
            + "\"env\": {\"TERM\": \"\(term)\"}}\n"
        // Clear the screen and hide the cursor first; each frame then starts at the top left.
        out += "[0.0, \"o\", \(JSONText.quoted("\u{1B}[?25l\u{1B}[2J"))]\n"
        let composer = FrameComposer()
        var previous: String?
        var held = 0.0
        let pauses = scenario.events.filter { if case .pause = $0.event { true } else { false } }.map(\.step)
        var full = scenario
        full.steps = lastStep
        var session = full.makeSession()
        session.runToEnd()
        let stoppedAt = session.race.stepCount
        for k in 0...min(lastStep, stoppedAt) {
            var frameScenario = scenario
            frameScenario.steps = k
            let grid = try RenderCommand.frame(of: frameScenario, view: nil, columns: columns, rows: rows, mode: mode,
                                               asciiOnly: asciiOnly, composer: composer)
            let text = mode == .none ? grid.plainText + "\n" : ANSIText.encode(grid)
            // A terminal needs a carriage return at each line end; the last line ends without one, so nothing scrolls.
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            let frame = "\u{1B}[H" + lines.joined(separator: "\r\n")
            if frame != previous {
                let time = Double(k) / speed + held
                out += "[\(formatSignificant(time, digits: 9)), \"o\", \(JSONText.quoted(frame))]\n"
                previous = frame
            }
            held += Double(pauses.filter { $0 == k }.count) * pauseHold
        }
        // The cursor back at the end.
        let end = Double(min(lastStep, stoppedAt)) / speed + held + 1
        out += "[\(formatSignificant(end, digits: 9)), \"o\", \(JSONText.quoted("\r\n\u{1B}[?25h"))]\n"
        return out
    }
}

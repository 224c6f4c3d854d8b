import ArgumentParser
import DescentCore
import DescentRender

/// `--color auto|truecolor|256|basic|none` (and `--no-color`, the same as `--color none`).
struct ColorOption: ParsableArguments {
    @Option(help: ArgumentHelp("auto (what the terminal supports, none under NO_COLOR), truecolor, 256, basic or none.",
                               valueName: "mode"), completion: Completions.colorModes)
    var color: String = ColorSettings.defaultColor

    @Flag(name: .customLong("no-color"), help: "Draw without colours (the same as --color none).")
    var noColor = false

    /// The values given, as a plain value.
    var settings: ColorSettings { ColorSettings(color: color, noColor: noColor) }
}

/// The colour mode as the command line gives it: `--color` as typed, and `--no-color`.
struct ColorSettings: Equatable, Sendable {
    /// The mode when `--color` is not given.
    static let defaultColor = "auto"

    var color = ColorSettings.defaultColor
    var noColor = false

    /// The mode asked for, or nil for auto.
    func requestedMode() throws(DescentError) -> ColorMode? {
        if noColor { return ColorMode.none }
        let text = color.trimmingSpaces.lowercased()
        if text == "auto" { return nil }
        guard let mode = ColorMode(optionValue: text) else {
            throw .unknownName(kind: "colour mode", name: color, suggestion: nearestName(to: color, in: ColorMode.optionValues),
                               choices: ColorMode.optionValues)
        }
        return mode
    }
}

/// How many colours the terminal can show, which decides how the heatmap is drawn.
public enum ColorMode: String, Equatable, Sendable, CaseIterable {
    /// No colour (or NO_COLOR, or --color none): the ASCII ramp " .:-=+*#%@", one sample a cell.
    case none
    /// 8 or 16 colours: a coarse coloured ramp.
    case basic
    /// 256 colours: viridis quantised to the xterm colour cube, two samples a cell with the upper half block.
    case palette256
    /// 24-bit colour: viridis in 256 smooth steps, two samples a cell.
    case trueColor

    /// Whether cells are coloured (anything but `.none`).
    public var hasColor: Bool { self != .none }
    /// Whether the 256-colour palette (or more) is there: the rich racer and text colours.
    public var isRich: Bool { self == .palette256 || self == .trueColor }

    /// The mode named on the command line: none, basic, 256 or truecolor (nil for any other text).
    public init?(optionValue text: String) {
        switch text {
        case "none", "no", "0": self = .none
        case "basic", "8", "16": self = .basic
        case "256": self = .palette256
        case "truecolor", "24bit", "direct": self = .trueColor
        default: return nil
        }
    }

    /// The names `--color` takes.
    public static let optionValues = ["auto", "truecolor", "256", "basic", "none"]
}

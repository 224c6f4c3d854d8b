/// A colour of one cell: the terminal's own default, or an entry of the xterm 256-colour palette
/// (0–7 the basic colours, 8–15 their bright forms, 16–231 the 6×6×6 cube, 232–255 greys).
public enum CellColor: Hashable, Sendable {
    case terminalDefault
    case palette(UInt8)

    public static let black = CellColor.palette(0)
    public static let red = CellColor.palette(1)
    public static let green = CellColor.palette(2)
    public static let yellow = CellColor.palette(3)
    public static let blue = CellColor.palette(4)
    public static let magenta = CellColor.palette(5)
    public static let cyan = CellColor.palette(6)
    public static let white = CellColor.palette(7)
}

/// Text attributes of one cell.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let reverse = CellAttributes(rawValue: 1 << 1)
    public static let dim = CellAttributes(rawValue: 1 << 2)
    public static let underline = CellAttributes(rawValue: 1 << 3)
}

/// One character cell of the screen: a single-width character with its colours and attributes.
public struct Cell: Hashable, Sendable {
    public var character: Unicode.Scalar
    public var foreground: CellColor
    public var background: CellColor
    public var attributes: CellAttributes

    public init(_ character: Unicode.Scalar = " ", foreground: CellColor = .terminalDefault,
                background: CellColor = .terminalDefault, attributes: CellAttributes = []) {
        self.character = character
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let blank = Cell()
}

/// A style to write text with: colours and attributes, the background optional (nil keeps what is there).
public struct TextStyle: Hashable, Sendable {
    public var foreground: CellColor
    public var background: CellColor?
    public var attributes: CellAttributes

    public init(foreground: CellColor = .terminalDefault, background: CellColor? = nil, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = TextStyle()
}

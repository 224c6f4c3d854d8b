/// A colour of one cell: the terminal's own default, an entry of the xterm 256-colour palette
/// (0–7 the basic colours, 8–15 their bright forms, 16–231 the 6×6×6 cube, 232–255 greys), or a
/// 24-bit colour (shown as the nearest palette entry where the terminal has no direct colour).
public enum CellColor: Hashable, Sendable {
    case terminalDefault
    case palette(UInt8)
    case rgb(UInt8, UInt8, UInt8)

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

/// One character cell of the screen: a single-width character, optionally with one combining mark drawn
/// over it (the tilde of g̃, the hat of m̂), with its colours and attributes.
public struct Cell: Hashable, Sendable {
    public var character: Unicode.Scalar
    /// A nonspacing mark (general category Mn) drawn in the same cell, or nil.
    public var mark: Unicode.Scalar?
    public var foreground: CellColor
    public var background: CellColor
    public var attributes: CellAttributes

    public init(_ character: Unicode.Scalar = " ", mark: Unicode.Scalar? = nil, foreground: CellColor = .terminalDefault,
                background: CellColor = .terminalDefault, attributes: CellAttributes = []) {
        self.character = character
        self.mark = mark
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The cell's text: the character and its mark.
    public var text: String.UnicodeScalarView {
        var view = String.UnicodeScalarView()
        view.append(character)
        if let mark { view.append(mark) }
        return view
    }

    public static let blank = Cell()
}

/// A style to write text with: colours and attributes, the background optional (nil keeps what is there).
public struct TextStyle: Hashable, Sendable {
    public var foreground: CellColor
    public var background: CellColor?
    public var attributes: CellAttributes
    /// A second foreground for the same thing (a darker form of a light colour): where the background
    /// kept under the character contrasts more with it than with `foreground`, it is used instead, so a
    /// trail stays readable on the lightest and the darkest part of the map.
    public var alternateForeground: CellColor?

    public init(foreground: CellColor = .terminalDefault, background: CellColor? = nil, attributes: CellAttributes = [],
                alternateForeground: CellColor? = nil) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.alternateForeground = alternateForeground
    }

    public static let plain = TextStyle()
}

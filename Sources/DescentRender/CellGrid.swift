/// A rectangle of cells in screen coordinates: column x grows right, row y grows down.
public struct CellRect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> CellRect {
        CellRect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}

/// An in-memory screen: `width × height` cells. Every frame is composed into one of these,
/// then copied to the terminal (or printed as text). Writes outside the grid are ignored.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A grid of `width × height` cells, row after row, each `cell(column, row)`.
    public init(width: Int, height: Int, cell: (Int, Int) -> Cell) {
        self.width = max(0, width)
        self.height = max(0, height)
        let columns = self.width, rows = self.height
        cells = [Cell](unsafeUninitializedCapacity: columns * rows) { buffer, count in
            var next = buffer.baseAddress!
            for row in 0..<rows {
                for column in 0..<columns {
                    next.initialize(to: cell(column, row))
                    next += 1
                }
            }
            count = columns * rows
        }
    }

    public var bounds: CellRect { CellRect(x: 0, y: 0, width: width, height: height) }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    @inlinable public func contains(column: Int, row: Int) -> Bool {
        column >= 0 && column < width && row >= 0 && row < height
    }

    /// Sets one cell if it is on the grid.
    public mutating func set(column: Int, row: Int, _ cell: Cell) {
        guard contains(column: column, row: row) else { return }
        cells[row * width + column] = cell
    }

    /// Writes one character with a style, keeping the background when the style has none.
    /// A control character (C0, DEL, C1) is never put in a cell: it becomes "?", so nothing drawn can
    /// reach the terminal as an escape sequence.
    public mutating func put(_ character: Unicode.Scalar, column: Int, row: Int, style: TextStyle) {
        guard contains(column: column, row: row) else { return }
        let character = CellGrid.isControl(character) ? "?" : character
        let index = row * width + column
        let background = style.background ?? cells[index].background
        var foreground = style.foreground
        if let alternate = style.alternateForeground,
           Contrast.ratio(alternate, background) > Contrast.ratio(foreground, background) {
            foreground = alternate
        }
        cells[index] = Cell(character, foreground: foreground, background: background, attributes: style.attributes)
    }

    /// Writes `text` from (column, row) rightwards, one scalar per cell, clipped to `limit` columns
    /// (default: the grid's right edge). Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, column: Int, row: Int, style: TextStyle = .plain, limit: Int? = nil) -> Int {
        let end = min(width, limit ?? width)
        var x = column
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                // Drawn over the character before it, in the same cell; a second mark is dropped.
                if x > column, x - 1 < end, contains(column: x - 1, row: row), cells[row * width + x - 1].mark == nil {
                    cells[row * width + x - 1].mark = scalar
                }
                continue
            }
            if x >= end { break }
            if CellGrid.isControl(scalar) { continue }
            put(scalar, column: x, row: row, style: style)
            x += 1
        }
        return x
    }

    /// Writes `text` like `write`, but when it is wider than the columns up to `limit` it is cut at a
    /// character boundary and ends in "…", so no one reads a shortened word or number as whole.
    @discardableResult
    public mutating func writeFitting(_ text: String, column: Int, row: Int, style: TextStyle = .plain, limit: Int? = nil) -> Int {
        let end = min(width, limit ?? width)
        let room = end - column
        guard room > 0 else { return column }
        return write(TextFit.fit(text, width: room), column: column, row: row, style: style, limit: end)
    }

    /// Every character outside ASCII replaced by its closest ASCII look-alike ("x²" → "x2", "−" → "-",
    /// "∇" → "V", box lines → "-" "|" "+"), or "?" — for a terminal whose locale is not UTF-8.
    public mutating func transliterateToASCII() {
        for index in cells.indices {
            cells[index].mark = nil
            if !cells[index].character.isASCII { cells[index].character = CellGrid.asciiLookAlike(cells[index].character) }
        }
    }

    static func asciiLookAlike(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "²": return "2"
        case "³": return "3"
        case "⁴": return "4"
        case "⁰", "₀": return "0"
        case "¹", "₁": return "1"
        case "−", "–", "—", "─", "━", "╌": return "-"
        case "│", "┃", "▏": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "×": return "x"
        case "÷": return "/"
        case "·", "•": return "."
        case "…": return "."
        case "∇": return "V"
        case "≤": return "<"
        case "≥": return ">"
        case "→", "▸", "▶": return ">"
        case "←": return "<"
        case "↑": return "^"
        case "↓": return "v"
        case "γ": return "g"
        case "σ": return "s"
        case "ᵢ": return "i"
        case "θ": return "t"
        case "μ": return "u"
        case "ε": return "e"
        case "β": return "b"
        case "ρ": return "r"
        case "τ": return "t"
        case "π": return "p"
        case "∈": return "E"
        case "√": return "V"
        case "≈": return "~"
        case "‖": return "|"
        case "▀": return " "
        case "▁": return "_"
        case "▂": return "."
        case "▃": return "-"
        case "▄": return "="
        case "▅": return "+"
        case "▆": return "*"
        case "▇": return "#"
        case "█": return "@"
        case "●", "○", "◉": return "o"
        case "✚": return "+"
        case "◆", "◇", "★": return "*"
        case "■", "□": return "#"
        case "▲": return "^"
        case "❚": return "|"
        case "∙": return "."
        case "↖", "↘": return "\\"
        case "↗", "↙": return "/"
        case "▼": return "v"
        case "◀": return "<"
        case "╱": return "/"
        case "╲": return "\\"
        case "é", "è", "ê": return "e"
        case "’", "‘": return "'"
        case "“", "”": return "\""
        default: return "?"
        }
    }

    /// C0 controls, DEL and C1 controls.
    @inline(__always) static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: CellRect, with cell: Cell) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                cells[row * width + column] = cell
            }
        }
    }

    /// Copies `other` with its top-left corner at (column, row), clipped.
    public mutating func paste(_ other: CellGrid, column: Int, row: Int) {
        for r in 0..<other.height {
            for c in 0..<other.width {
                set(column: column + c, row: row + r, other[c, r])
            }
        }
    }

    /// The characters of one row as a string.
    public func text(ofRow row: Int) -> String {
        var s = String.UnicodeScalarView()
        for column in 0..<width {
            s.append(cells[row * width + column].character)
            if let mark = cells[row * width + column].mark { s.append(mark) }
        }
        return String(s)
    }

    /// The whole grid as plain text: one line per row, trailing spaces removed.
    public var plainText: String {
        (0..<height).map { row -> String in
            var line = text(ofRow: row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// A grid as text for a terminal or a file: plain, or with ANSI colour escapes (SGR 38;5 / 48;5 for palette colours, 38;2 / 48;2 for 24-bit ones).
public enum ANSIText {
    /// The grid with colours and attributes as escape sequences, one line per row, reset at each line end.
    /// Written as UTF-8 bytes into one buffer (an escape only where the style changes).
    public static func encode(_ grid: CellGrid) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(grid.width * grid.height * 8)
        for row in 0..<grid.height {
            var current: Cell? = nil
            for column in 0..<grid.width {
                let cell = grid[column, row]
                if current == nil || current!.foreground != cell.foreground || current!.background != cell.background
                    || current!.attributes != cell.attributes {
                    appendSGR(for: cell, to: &out)
                    current = cell
                }
                appendUTF8(cell.character, to: &out)
                if let mark = cell.mark { appendUTF8(mark, to: &out) }
            }
            out.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D, 0x0A])  // ESC [ 0 m, newline
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ESC [ 0 ; attributes ; colours m — the same codes as `sgr(for:)`.
    static func appendSGR(for cell: Cell, to out: inout [UInt8]) {
        out.append(contentsOf: [0x1B, 0x5B, 0x30])  // ESC [ 0
        if cell.attributes.contains(.bold) { out.append(contentsOf: [0x3B, 0x31]) }
        if cell.attributes.contains(.dim) { out.append(contentsOf: [0x3B, 0x32]) }
        if cell.attributes.contains(.underline) { out.append(contentsOf: [0x3B, 0x34]) }
        if cell.attributes.contains(.reverse) { out.append(contentsOf: [0x3B, 0x37]) }
        appendColor(cell.foreground, layer: 0x33, to: &out)  // 38
        appendColor(cell.background, layer: 0x34, to: &out)  // 48
        out.append(0x6D)  // m
    }

    /// ;38;5;n or ;38;2;r;g;b (`tens` the first digit, 3 or 4), nothing for the terminal's default.
    static func appendColor(_ color: CellColor, layer tens: UInt8, to out: inout [UInt8]) {
        switch color {
        case .terminalDefault: return
        case let .palette(index):
            out.append(contentsOf: [0x3B, tens, 0x38, 0x3B, 0x35, 0x3B])
            appendDecimal(index, to: &out)
        case let .rgb(r, g, b):
            out.append(contentsOf: [0x3B, tens, 0x38, 0x3B, 0x32, 0x3B])
            appendDecimal(r, to: &out)
            out.append(0x3B)
            appendDecimal(g, to: &out)
            out.append(0x3B)
            appendDecimal(b, to: &out)
        }
    }

    static func appendDecimal(_ value: UInt8, to out: inout [UInt8]) {
        if value >= 100 { out.append(0x30 + value / 100) }
        if value >= 10 { out.append(0x30 + (value / 10) % 10) }
        out.append(0x30 + value % 10)
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case ..<0x80: out.append(UInt8(v))
        case ..<0x800: out.append(contentsOf: [UInt8(0xC0 | (v >> 6)), UInt8(0x80 | (v & 0x3F))])
        case ..<0x10000: out.append(contentsOf: [UInt8(0xE0 | (v >> 12)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F))])
        default:
            out.append(contentsOf: [UInt8(0xF0 | (v >> 18)), UInt8(0x80 | ((v >> 12) & 0x3F)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F))])
        }
    }

    static func sgr(for cell: Cell) -> String {
        var codes = ["0"]
        if cell.attributes.contains(.bold) { codes.append("1") }
        if cell.attributes.contains(.dim) { codes.append("2") }
        if cell.attributes.contains(.underline) { codes.append("4") }
        if cell.attributes.contains(.reverse) { codes.append("7") }
        codes += color(cell.foreground, layer: 38)
        codes += color(cell.background, layer: 48)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR parameters of a colour on `layer` (38 foreground, 48 background): 38;5;n for a palette entry,
    /// 38;2;r;g;b for a 24-bit colour, nothing for the terminal's default.
    static func color(_ color: CellColor, layer: Int) -> [String] {
        switch color {
        case .terminalDefault: return []
        case let .palette(index): return ["\(layer);5;\(index)"]
        case let .rgb(r, g, b): return ["\(layer);2;\(r);\(g);\(b)"]
        }
    }
}

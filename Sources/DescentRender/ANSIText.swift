/// A grid as text for a terminal or a file: plain, or with ANSI colour escapes (SGR 38;5 / 48;5 for palette colours, 38;2 / 48;2 for 24-bit ones).
public enum ANSIText {
    /// The grid with colours and attributes as escape sequences, one line per row, reset at each line end.
    public static func encode(_ grid: CellGrid) -> String {
        var out = ""
        out.reserveCapacity(grid.width * grid.height * 12)
        for row in 0..<grid.height {
            var current: Cell? = nil
            for column in 0..<grid.width {
                let cell = grid[column, row]
                if current == nil || current!.foreground != cell.foreground || current!.background != cell.background
                    || current!.attributes != cell.attributes {
                    out += sgr(for: cell)
                    current = cell
                }
                out.unicodeScalars.append(cell.character)
                if let mark = cell.mark { out.unicodeScalars.append(mark) }
            }
            out += "\u{1B}[0m\n"
        }
        return out
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

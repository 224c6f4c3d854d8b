/// A grid as text for a terminal or a file: plain, or with ANSI colour escapes (SGR 38;5 / 48;5).
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
        if case let .palette(index) = cell.foreground { codes.append("38;5;\(index)") }
        if case let .palette(index) = cell.background { codes.append("48;5;\(index)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}

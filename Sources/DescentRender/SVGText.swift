/// A grid as an SVG picture, for slides and papers: every cell a `cellWidth × cellHeight` box, its
/// background a filled rectangle (neighbouring cells of one colour in a row joined into one), its
/// character monospace text placed at the cell's own x (a list of positions, so the font's widths
/// never shift the grid), nothing rasterised. The upper half block ▀ of the heatmap is drawn as two
/// rectangles (its upper half in the foreground colour), so it needs no font at all.
///
/// Colours are the cells' own: 24-bit as they are, palette entries as the xterm palette's RGB, the
/// terminal's default as `defaultForeground` / `defaultBackground`. Bold is font-weight bold, dim
/// an opacity of 0.6, underline a text decoration, reverse swaps the two colours — as a terminal shows them.
public enum SVGText {
    public static let cellWidth = 9
    public static let cellHeight = 18
    public static let fontSize = 15
    public static let defaultForeground = (r: UInt8(220), g: UInt8(220), b: UInt8(220))
    public static let defaultBackground = (r: UInt8(18), g: UInt8(18), b: UInt8(18))

    /// The colour a cell shows as its background and its text, in #rrggbb.
    public static func colors(of cell: Cell) -> (background: String, foreground: String) {
        let foreground = hex(cell.foreground, default: defaultForeground)
        let background = hex(cell.background, default: defaultBackground)
        return cell.attributes.contains(.reverse) ? (foreground, background) : (background, foreground)
    }

    public static func hex(_ color: CellColor, default fallback: (r: UInt8, g: UInt8, b: UInt8)) -> String {
        let rgb: (r: UInt8, g: UInt8, b: UInt8)
        switch color {
        case .terminalDefault: rgb = fallback
        case let .palette(index): rgb = ColorMap.rgb(ofPaletteIndex: index)
        case let .rgb(r, g, b): rgb = (r, g, b)
        }
        return "#" + [rgb.r, rgb.g, rgb.b].map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    public static func encode(_ grid: CellGrid) -> String {
        let width = grid.width * cellWidth, height = grid.height * cellHeight
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
            <rect width="\(width)" height="\(height)" fill="\(hex(.terminalDefault, default: defaultBackground))"/>
            <g shape-rendering="crispEdges">

            """
        // Backgrounds, then the upper halves of ▀, each a run of one colour along a row.
        for row in 0..<grid.height {
            var runs: [(column: Int, length: Int, color: String, upperHalf: Bool)] = []
            for column in 0..<grid.width {
                let cell = grid[column, row]
                let (background, foreground) = colors(of: cell)
                runs.append(column: column, color: background, upperHalf: false)
                if cell.character == Heatmap.upperHalfBlock { runs.append(column: column, color: foreground, upperHalf: true) }
            }
            for run in runs.merged() {
                let y = row * cellHeight
                out += "<rect x=\"\(run.column * cellWidth)\" y=\"\(y)\" width=\"\(run.length * cellWidth)\" "
                    + "height=\"\(run.upperHalf ? cellHeight / 2 : cellHeight)\" fill=\"\(run.color)\"/>\n"
            }
        }
        out += "</g>\n<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"\(fontSize)\" xml:space=\"preserve\">\n"
        // Text: runs of one style along a row, each character at its cell's x.
        for row in 0..<grid.height {
            var column = 0
            while column < grid.width {
                let cell = grid[column, row]
                guard cell.character != " ", cell.character != Heatmap.upperHalfBlock else { column += 1; continue }
                let style = (colors(of: cell).foreground, cell.attributes.subtracting(.reverse))
                var text = "", xs: [String] = []
                var end = column
                while end < grid.width {
                    let next = grid[end, row]
                    guard next.character != " ", next.character != Heatmap.upperHalfBlock,
                          colors(of: next).foreground == style.0, next.attributes.subtracting(.reverse) == style.1 else { break }
                    text += escaped(next.character)
                    if let mark = next.mark { text += escaped(mark) }
                    xs.append(String(end * cellWidth))
                    end += 1
                }
                var attributes = "x=\"\(xs.joined(separator: " "))\" y=\"\(row * cellHeight + cellHeight * 3 / 4)\" fill=\"\(style.0)\""
                if style.1.contains(.bold) { attributes += " font-weight=\"bold\"" }
                if style.1.contains(.dim) { attributes += " opacity=\"0.6\"" }
                if style.1.contains(.underline) { attributes += " text-decoration=\"underline\"" }
                out += "<text \(attributes)>\(text)</text>\n"
                column = end
            }
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// A character as XML text (the five markup characters as entities; control characters, which a cell
    /// never holds, as a visible replacement).
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&apos;"
        default: return scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) ? "\u{FFFD}" : String(scalar)
        }
    }
}

private extension Array where Element == (column: Int, length: Int, color: String, upperHalf: Bool) {
    mutating func append(column: Int, color: String, upperHalf: Bool) { append((column, 1, color, upperHalf)) }

    /// Neighbouring cells of one colour and kind joined: backgrounds first, then upper halves.
    func merged() -> [Element] {
        var result: [Element] = []
        for upper in [false, true] {
            for run in self where run.upperHalf == upper {
                if let last = result.last, last.upperHalf == upper, last.color == run.color, last.column + last.length == run.column {
                    result[result.count - 1].length += 1
                } else {
                    result.append(run)
                }
            }
        }
        return result
    }
}

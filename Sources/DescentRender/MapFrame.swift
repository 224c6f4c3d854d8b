/// The frame of a map (basins of attraction, stability): title lines, the map's cells with labels on the
/// left and under it, then legend lines.
///
///     title
///      2 │AAAABBBB
///     −2 │AAAABBBB
///        └────────
///        −2      2   x
///     legend
public struct MapFrame: Sendable {
    /// A run of text in one style, for a legend line.
    public struct Span: Sendable {
        public var text: String
        public var style: TextStyle
        public init(_ text: String, _ style: TextStyle = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var title: [String]
    /// The map itself, one cell per start point (or per setting).
    public var body: CellGrid
    /// Labels of some rows of the body.
    public var rowLabels: [(row: Int, text: String)]
    /// Labels of some columns of the body, centred under them where there is room.
    public var columnLabels: [(column: Int, text: String)]
    /// What the horizontal and the vertical axis are ("x", "learning rate").
    public var columnAxis: String
    public var rowAxis: String
    public var legend: [[Span]]

    public init(title: [String], body: CellGrid, rowLabels: [(row: Int, text: String)], columnLabels: [(column: Int, text: String)],
                columnAxis: String, rowAxis: String, legend: [[Span]]) {
        self.title = title
        self.body = body
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.columnAxis = columnAxis
        self.rowAxis = rowAxis
        self.legend = legend
    }

    /// The whole frame as one grid, as wide as its widest line.
    public func compose() -> CellGrid {
        let labelWidth = max(rowLabels.map { TextFit.columns($0.text) }.max() ?? 0, TextFit.columns(rowAxis))
        let left = labelWidth + 2
        let legendWidth = legend.map { $0.reduce(0) { $0 + TextFit.columns($1.text) } }.max() ?? 0
        let width = max(left + body.width + 2 + TextFit.columns(columnAxis),
                        legendWidth, title.map { TextFit.columns($0) }.max() ?? 0)
        let height = title.count + 1 + body.height + 2 + (legend.isEmpty ? 0 : 1 + legend.count)
        var grid = CellGrid(width: width, height: height)
        var row = 0
        for line in title {
            _ = grid.write(line, column: 0, row: row, style: TextStyle(attributes: .bold))
            row += 1
        }
        let dim = TextStyle(attributes: .dim)
        _ = grid.write(rowAxis, column: left - 2 - TextFit.columns(rowAxis), row: row, style: dim)
        row += 1
        let top = row
        grid.paste(body, column: left, row: top)
        for r in 0..<body.height { grid.put("│", column: left - 1, row: top + r, style: dim) }
        for (r, text) in rowLabels where r >= 0 && r < body.height {
            _ = grid.write(text, column: left - 2 - TextFit.columns(text), row: top + r)
        }
        row = top + body.height
        grid.put("└", column: left - 1, row: row, style: dim)
        for c in 0..<body.width { grid.put("─", column: left + c, row: row, style: dim) }
        row += 1
        // Column labels left to right, each centred under its column, skipped where it would touch the last.
        var free = 0
        for (c, text) in columnLabels.sorted(by: { $0.column < $1.column }) where c >= 0 && c < body.width {
            let length = TextFit.columns(text)
            let start = min(max(0, c - length / 2), body.width - length)
            guard start >= free else { continue }
            grid.put("┬", column: left + c, row: row - 1, style: dim)
            _ = grid.write(text, column: left + start, row: row)
            free = start + length + 1
        }
        _ = grid.write(columnAxis, column: left + body.width + 2, row: row, style: dim)
        row += 2
        for line in legend {
            var column = 0
            for span in line { column = grid.write(span.text, column: column, row: row, style: span.style) }
            row += 1
        }
        return grid
    }
}

/// Rows of text in aligned columns, separated by two spaces.
struct TextTable {
    struct Column {
        enum Alignment { case left, right }
        var title: String
        var alignment: Alignment
        init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    var columns: [Column]
    private(set) var rows: [[String]] = []

    init(columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The header then every row.
    func write(to out: inout Output) {
        for line in lines() { out.line(line) }
    }

    /// The header (unless `header` is false) then every row, each column as wide as its widest
    /// cell (counted in characters), no trailing spaces.
    func lines(header: Bool = true) -> [String] {
        let all = (header ? [columns.map(\.title)] : []) + rows
        let widths = columns.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let isLast = column == columns.count - 1
                switch columns[column].alignment {
                case .left: cells.append(isLast ? cell : cell + padding)
                case .right: cells.append(padding + cell)
                }
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// Columns of fixed width, for rows printed one at a time (progress): a negative width aligns left.
struct FixedColumns {
    var widths: [Int]

    func format(_ cells: [String]) -> String {
        var parts: [String] = []
        for (cell, width) in zip(cells, widths) {
            let padding = String(repeating: " ", count: max(0, abs(width) - cell.count))
            parts.append(width < 0 ? cell + padding : padding + cell)
        }
        var line = parts.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }
}

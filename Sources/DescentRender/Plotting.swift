import DescentCore

/// Drawing plane geometry onto a grid through a viewport.
extension CellGrid {
    /// Draws the segment a–b as connected cells (clipped to the viewport's area, so a point far
    /// away costs no more than the visible part). Cells are written with `glyph` and `style`,
    /// keeping the background. Returns the number of cells drawn.
    @discardableResult
    public mutating func drawSegment(from a: Vector2, to b: Vector2, viewport: Viewport, glyph: Unicode.Scalar, style: TextStyle) -> Int {
        let start = viewport.cellCoordinates(of: a), end = viewport.cellCoordinates(of: b)
        guard let clipped = Self.clip(start, end, to: viewport.area) else { return 0 }
        let c0 = clipped.0.column, r0 = clipped.0.row, c1 = clipped.1.column, r1 = clipped.1.row
        let steps = Int(max(abs(c1.rounded(.down) - c0.rounded(.down)), abs(r1.rounded(.down) - r0.rounded(.down))))
        // A steep line drawn with │ (a flat one with ─) takes the diagonal at each cell where it also moves
        // sideways, so it reads as one line (│││╲│││) and not as separate strokes.
        let bend = Self.bend(of: glyph, rising: (c1 - c0) * (r1 - r0) < 0)
        var drawn = 0
        var last: (column: Int, row: Int)?
        for i in 0...steps {
            let f = steps == 0 ? 0 : Double(i) / Double(steps)
            let column = Int((c0 + (c1 - c0) * f).rounded(.down)), row = Int((r0 + (r1 - r0) * f).rounded(.down))
            defer { last = (column, row) }
            guard viewport.area.contains(column: column, row: row) else { continue }
            let turns = last.map { $0.column != column && $0.row != row } ?? false
            put(turns ? (bend ?? glyph) : glyph, column: column, row: row, style: style)
            drawn += 1
        }
        return drawn
    }

    /// The diagonal a vertical or horizontal line glyph bends into: ╱ (/) rising to the right, ╲ (\\) falling;
    /// nil for any other glyph.
    static func bend(of glyph: Unicode.Scalar, rising: Bool) -> Unicode.Scalar? {
        switch glyph {
        case "│", "─": return rising ? "╱" : "╲"
        case "|", "-": return rising ? "/" : "\\"
        default: return nil
        }
    }

    /// Liang–Barsky clipping of a segment in fractional cell coordinates to a cell rectangle.
    static func clip(_ p: (column: Double, row: Double), _ q: (column: Double, row: Double), to rect: CellRect)
        -> ((column: Double, row: Double), (column: Double, row: Double))? {
        guard p.column.isFinite, p.row.isFinite, q.column.isFinite, q.row.isFinite, !rect.isEmpty else { return nil }
        let inset = 1e-9
        let xmin = Double(rect.x), xmax = Double(rect.maxX) - inset
        let ymin = Double(rect.y), ymax = Double(rect.maxY) - inset
        let dx = q.column - p.column, dy = q.row - p.row
        var t0 = 0.0, t1 = 1.0
        // One edge of the rectangle: the part of the segment on its inner side (no array per call:
        // this runs for every segment of every trail, every frame).
        func keep(_ denominator: Double, _ numerator: Double) -> Bool {
            if denominator == 0 { return numerator >= 0 }
            let t = numerator / denominator
            if denominator < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            return t0 <= t1
        }
        guard keep(-dx, p.column - xmin), keep(dx, xmax - p.column), keep(-dy, p.row - ymin), keep(dy, ymax - p.row) else {
            return nil
        }
        return ((p.column + t0 * dx, p.row + t0 * dy), (p.column + t1 * dx, p.row + t1 * dy))
    }

    /// For a point outside the viewport: the border cell on the way from the centre to it and an
    /// arrow pointing toward it. Nil when the point is inside or not finite.
    public static func edgeMark(toward p: Vector2, viewport: Viewport, ascii: Bool) -> (column: Int, row: Int, glyph: Unicode.Scalar)? {
        guard p.isFinite, viewport.cell(of: p) == nil, !viewport.area.isEmpty else { return nil }
        let center = viewport.cellCoordinates(of: viewport.world.center)
        let target = viewport.cellCoordinates(of: p)
        guard let clipped = clip(center, target, to: viewport.area) else { return nil }
        let column = min(max(Int(clipped.1.column.rounded(.down)), viewport.area.x), viewport.area.maxX - 1)
        let row = min(max(Int(clipped.1.row.rounded(.down)), viewport.area.y), viewport.area.maxY - 1)
        return (column, row, arrow(dx: target.column - center.column, dy: 2 * (target.row - center.row), ascii: ascii))
    }

    /// The last cell inside the viewport on the segment from `inside` (a point in the view) toward
    /// `outside` (one beyond it): where a path leaves the view.
    public static func exitCell(from inside: Vector2, toward outside: Vector2, viewport: Viewport) -> (column: Int, row: Int)? {
        let a = viewport.cellCoordinates(of: inside), b = viewport.cellCoordinates(of: outside)
        guard let clipped = clip(a, b, to: viewport.area) else { return nil }
        let area = viewport.area
        let column = min(max(Int(clipped.1.column.rounded(.down)), area.x), area.maxX - 1)
        let row = min(max(Int(clipped.1.row.rounded(.down)), area.y), area.maxY - 1)
        return (column, row)
    }

    /// The line glyph closest to the screen direction (dx right, dy down, in column widths): ─ ╱ │ ╲.
    public static func lineGlyph(dx: Double, dy: Double, ascii: Bool) -> Unicode.Scalar {
        let glyphs: [Unicode.Scalar] = ascii ? ["-", "/", "|", "\\"] : ["─", "╱", "│", "╲"]
        var angle = Math.atan2(-dy, dx)
        guard angle.isFinite else { return glyphs[0] }
        if angle < 0 { angle += Double.pi }
        let index = Int((angle / (Double.pi / 4)).rounded()) % 4
        return glyphs[index]
    }

    /// The arrow of the nearest of 8 directions to the screen direction (dx right, dy down, in column widths).
    public static func arrow(dx: Double, dy: Double, ascii: Bool) -> Unicode.Scalar {
        let arrows: [Unicode.Scalar] = ascii ? [">", "/", "^", "\\", "<", "/", "v", "\\"] : ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
        let angle = Math.atan2(-dy, dx)
        guard angle.isFinite else { return arrows[0] }
        let octant = Int((angle / (Double.pi / 4)).rounded()) & 7
        return arrows[octant]
    }
}

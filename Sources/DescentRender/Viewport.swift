import DescentCore

/// The mapping between the plane and a rectangle of screen cells, aspect-correct: one unit of x and
/// one of y have the same length on screen, allowing for cells being twice as tall as wide.
/// Screen rows grow downward, so y is flipped.
public struct Viewport: Equatable, Sendable {
    /// The cells the plane is drawn in.
    public let area: CellRect
    /// The part of the plane shown: the requested view widened in one direction to fill the area.
    public let world: ViewRect
    /// Plane units per cell column (a cell row is twice as many).
    public let unitsPerColumn: Double

    public init(view: ViewRect, area: CellRect) {
        self.area = area
        let columns = Double(max(area.width, 1)), rows = Double(max(area.height, 1))
        let perColumn = max(view.width / columns, view.height / (2 * rows))
        unitsPerColumn = perColumn > 0 && perColumn.isFinite ? perColumn : 1
        let center = view.center
        let halfWidth = columns * unitsPerColumn / 2, halfHeight = rows * 2 * unitsPerColumn / 2
        world = ViewRect(minX: center.x - halfWidth, maxX: center.x + halfWidth,
                         minY: center.y - halfHeight, maxY: center.y + halfHeight)
    }

    /// Fractional cell coordinates of a point, relative to the screen (column, row); not clipped.
    @inlinable public func cellCoordinates(of p: Vector2) -> (column: Double, row: Double) {
        (Double(area.x) + (p.x - world.minX) / unitsPerColumn,
         Double(area.y) + (world.maxY - p.y) / (2 * unitsPerColumn))
    }

    /// The cell holding a point, or nil when the point is outside the area (or not finite).
    public func cell(of p: Vector2) -> (column: Int, row: Int)? {
        let (c, r) = cellCoordinates(of: p)
        guard c.isFinite, r.isFinite else { return nil }
        let column = cellIndex(c), row = cellIndex(r)
        guard area.contains(column: column, row: row) else { return nil }
        return (column, row)
    }

    /// The plane point at the centre of a screen cell.
    public func point(column: Int, row: Int) -> Vector2 {
        Vector2(world.minX + (Double(column - area.x) + 0.5) * unitsPerColumn,
                world.maxY - (Double(row - area.y) + 0.5) * 2 * unitsPerColumn)
    }

    /// The centre of sample `subrow` (0 = upper, 1 = lower half) of a cell in half-block mode.
    public func halfBlockSample(column: Int, row: Int, lower: Bool) -> Vector2 {
        Vector2(world.minX + (Double(column - area.x) + 0.5) * unitsPerColumn,
                world.maxY - (Double(row - area.y) + (lower ? 0.75 : 0.25)) * 2 * unitsPerColumn)
    }
}

/// ⌊x⌋ as an Int for a fractional cell coordinate, clamped far outside any screen (±2⁴⁰) so that a
/// point a long way off — a diverging optimizer at 10³⁰⁰ — never traps the conversion; NaN gives
/// the lower clamp.
@inlinable public func cellIndex(_ x: Double) -> Int {
    let limit = 1_099_511_627_776.0
    guard x > -limit else { return -1_099_511_627_776 }
    return x < limit ? Int(x.rounded(.down)) : 1_099_511_627_776
}

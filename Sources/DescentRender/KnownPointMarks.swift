import DescentCore

extension CellGrid {
    /// Marks a surface's known points in their cells, keeping the background: minima ×, the global ones
    /// bold, saddles +, maxima ^ (x + ^ without colour); white where the background is dark and black
    /// where it is light, so a mark stands out on every part of the map.
    public mutating func markKnownPoints(of surface: any Surface, viewport: Viewport, mode: ColorMode) {
        for known in surface.knownPoints {
            guard let (column, row) = viewport.cell(of: known.point) else { continue }
            let glyph: Unicode.Scalar
            switch known.kind {
            case .globalMinimum, .localMinimum: glyph = mode == .none ? "x" : "×"
            case .saddle: glyph = "+"
            case .maximum: glyph = "^"
            }
            let foreground: CellColor = mode.isRich ? .palette(231) : (mode == .basic ? .white : .terminalDefault)
            let style = TextStyle(foreground: foreground, attributes: known.kind == .globalMinimum ? [.bold] : [],
                                  alternateForeground: mode.isRich ? .palette(16) : (mode == .basic ? .black : nil))
            put(glyph, column: column, row: row, style: style)
        }
    }

    /// Marks the lowest sample of the heatmap with a plain × (as a local minimum is marked), for a surface
    /// that knows none of its minima.
    public mutating func markLowestSample(_ point: Vector2, viewport: Viewport, mode: ColorMode) {
        guard let (column, row) = viewport.cell(of: point) else { return }
        let foreground: CellColor = mode.isRich ? .palette(231) : (mode == .basic ? .white : .terminalDefault)
        let style = TextStyle(foreground: foreground, alternateForeground: mode.isRich ? .palette(16) : (mode == .basic ? .black : nil))
        put(mode == .none ? "x" : "×", column: column, row: row, style: style)
    }
}

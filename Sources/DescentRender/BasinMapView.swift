import DescentCore

/// How a basin map looks: each basin a hue (its letter without colour), shaded darker the more steps the
/// run from that cell took; diverged cells ×, unfinished ·, saddle +; each minimum marked by its letter.
public enum BasinMapView {
    /// Tableau 10 without its grey (grey is for cells that reached no minimum), as RGB: blue, orange,
    /// green, red, purple, brown, pink, olive, cyan.
    static let hues: [(r: Double, g: Double, b: Double)] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (188, 189, 34), (23, 190, 207),
    ]
    /// The colours of the basic 8-colour terminal, one per basin in turn.
    static let basicHues: [CellColor] = [.blue, .yellow, .green, .red, .magenta, .cyan]

    /// How much darker the slowest cell is than the fastest: the colour is scaled by 1 − 0.55·s.
    static let slowestDarkening = 0.55

    static let noMinimumBackground = (r: 48.0, g: 48.0, b: 48.0)

    /// A basin's letter: A–Z, then a–z, then #.
    public static func letter(_ index: Int) -> Character {
        if index < 26 { return Character(Unicode.Scalar(UInt8(65 + index))) }
        if index < 52 { return Character(Unicode.Scalar(UInt8(97 + index - 26))) }
        return "#"
    }

    /// The steps of the fastest and the slowest run that reached a minimum: the ends of the shading.
    public struct StepRange: Sendable, Equatable {
        public var fewest: Int
        public var most: Int

        public init(fewest: Int, most: Int) {
            self.fewest = fewest
            self.most = most
        }

        public init(_ map: BasinMap) {
            var fewest = Int.max, most = 0
            for cell in map.cells {
                guard case .basin = cell.ending else { continue }
                fewest = min(fewest, cell.steps)
                most = max(most, cell.steps)
            }
            self.init(fewest: fewest == Int.max ? 0 : fewest, most: most)
        }

        /// s ∈ [0, 1], even in log(1 + steps) from the fewest (0) to the most (1).
        public func slowness(_ steps: Int) -> Double {
            let low = Math.log(1 + Double(fewest)), high = Math.log(1 + Double(most))
            guard high > low else { return 0 }
            return min(1, max(0, (Math.log(1 + Double(steps)) - low) / (high - low)))
        }
    }

    public static func color(_ rgb: (r: Double, g: Double, b: Double), mode: ColorMode) -> CellColor {
        switch mode {
        case .trueColor: return .rgb(UInt8(rgb.r.rounded()), UInt8(rgb.g.rounded()), UInt8(rgb.b.rounded()))
        case .palette256: return .palette(ColorMap.nearestXterm256(r: rgb.r, g: rgb.g, b: rgb.b))
        case .basic, .none: return .terminalDefault
        }
    }

    /// The background of a cell that ends in basin `index` after `steps` of at most `maxSteps`.
    public static func basinColor(_ index: Int, steps: Int, range: StepRange, mode: ColorMode) -> CellColor {
        if mode == .basic { return basicHues[index % basicHues.count] }
        let hue = hues[index % hues.count]
        let scale = 1 - slowestDarkening * range.slowness(steps)
        return color((hue.r * scale, hue.g * scale, hue.b * scale), mode: mode)
    }

    /// The glyph of a cell that reached no minimum.
    public static func glyph(_ ending: BasinMap.Ending) -> Unicode.Scalar? {
        switch ending {
        case .basin: return nil
        case .saddle: return "+"
        case .diverged: return "×"
        case .unfinished: return "·"
        }
    }

    /// The cell of the map for one run.
    public static func cell(_ cell: BasinMap.Cell, range: StepRange, mode: ColorMode) -> Cell {
        switch cell.ending {
        case let .basin(i):
            if mode == .none { return Cell(Unicode.Scalar(String(letter(i)))!) }
            return Cell(" ", background: basinColor(i, steps: cell.steps, range: range, mode: mode))
        default:
            let glyph = glyph(cell.ending)!
            switch mode {
            case .none, .basic: return Cell(glyph)
            default: return Cell(glyph, foreground: color((200, 200, 200), mode: mode), background: color(noMinimumBackground, mode: mode))
            }
        }
    }

    /// The map's cells, each basin's minimum marked by its letter in bold where it is inside the view.
    public static func body(_ map: BasinMap, mode: ColorMode) -> CellGrid {
        var grid = CellGrid(width: map.grid.columns, height: map.grid.rows)
        let range = StepRange(map)
        for r in 0..<map.grid.rows {
            for c in 0..<map.grid.columns { grid.set(column: c, row: r, cell(map.cell(column: c, row: r), range: range, mode: mode)) }
        }
        markMinima(map, in: &grid, at: CellRect(x: 0, y: 0, width: map.grid.columns, height: map.grid.rows), mode: mode)
        return grid
    }

    /// Writes each basin's letter, bold, over the cell of `area` that holds its minimum.
    public static func markMinima(_ map: BasinMap, in grid: inout CellGrid, at area: CellRect, mode: ColorMode) {
        let view = map.grid.view
        for (i, basin) in map.basins.enumerated() {
            let c = cellIndex((basin.point.x - view.minX) / view.width * Double(map.grid.columns))
            let r = cellIndex((view.maxY - basin.point.y) / view.height * Double(map.grid.rows))
            guard c >= 0, c < map.grid.columns, r >= 0, r < map.grid.rows else { continue }
            let style = mode.hasColor
                ? TextStyle(foreground: .rgb(0, 0, 0), attributes: .bold, alternateForeground: .rgb(255, 255, 255))
                : TextStyle(attributes: [.bold, .reverse])
            grid.put(Unicode.Scalar(String(letter(i)))!, column: area.x + c, row: area.y + r, style: style)
        }
    }

    /// The legend: one line per basin (its swatch, letter, kind, point, f and share of the cells), then
    /// one for the cells that reached no minimum.
    public static func legend(_ map: BasinMap, mode: ColorMode) -> [[MapFrame.Span]] {
        let total = max(1, map.cells.count)
        func share(_ count: Int) -> String { "\(count) cells (\(NumberFormat.fixed(100 * Double(count) / Double(total), decimals: 1))%)" }
        var lines: [[MapFrame.Span]] = []
        let range = StepRange(map)
        for (i, basin) in map.basins.enumerated() {
            let swatch = mode.hasColor
                ? [MapFrame.Span("  ", TextStyle(background: basinColor(i, steps: range.fewest, range: range, mode: mode))), MapFrame.Span(" ")]
                : []
            let kind = basin.kind?.rawValue ?? "minimum found by the runs"
            lines.append(swatch + [MapFrame.Span("\(letter(i))  ", TextStyle(attributes: .bold)),
                          MapFrame.Span("\(kind) at \(NumberFormat.point(basin.point.x, basin.point.y)), f = \(NumberFormat.compact(basin.value, digits: 4)): \(share(basin.cells))")])
        }
        var others: [MapFrame.Span] = []
        for (ending, name) in [(BasinMap.Ending.saddle, "saddle"), (.diverged, "diverged"), (.unfinished, "unfinished")] {
            let count = map.cells.reduce(0) { $0 + ($1.ending == ending ? 1 : 0) }
            guard count > 0 else { continue }
            let sample = cell(BasinMap.Cell(ending: ending, steps: 0, end: .zero), range: range, mode: mode)
            if !others.isEmpty { others.append(MapFrame.Span("   ")) }
            others.append(MapFrame.Span(String(sample.character), TextStyle(foreground: sample.foreground, background: sample.background)))
            others.append(MapFrame.Span(" \(name): \(share(count))"))
        }
        if !others.isEmpty { lines.append(others) }
        if mode.hasColor && mode != .basic {
            lines.append([MapFrame.Span("darker: more steps, from \(range.fewest) to \(range.most) (log scale; the limit is \(map.maxSteps))", TextStyle(attributes: .dim))])
        }
        return lines
    }

    /// Tick labels for a range of `cells` cells over lower...upper: (index of the cell holding the tick, label).
    public static func ticks(lower: Double, upper: Double, cells: Int, descending: Bool, ascii: Bool) -> [(Int, String)] {
        guard let step = AxisTicks.step(lower: lower, upper: upper, maxCount: max(2, cells / (descending ? 4 : 10))) else { return [] }
        return AxisTicks.values(lower: lower, upper: upper, step: step).compactMap { value in
            let fraction = descending ? (upper - value) / (upper - lower) : (value - lower) / (upper - lower)
            let index = min(cells - 1, cellIndex(fraction * Double(cells)))
            return index >= 0 ? (index, AxisTicks.label(value, step: step, ascii: ascii)) : nil
        }
    }

    /// The whole frame: title, the map with its axes, the legend.
    public static func frame(_ map: BasinMap, title: [String], mode: ColorMode, ascii: Bool = false) -> CellGrid {
        let view = map.grid.view
        var grid = MapFrame(
            title: title, body: body(map, mode: mode),
            rowLabels: ticks(lower: view.minY, upper: view.maxY, cells: map.grid.rows, descending: true, ascii: ascii).map { (row: $0.0, text: $0.1) },
            columnLabels: ticks(lower: view.minX, upper: view.maxX, cells: map.grid.columns, descending: false, ascii: ascii).map { (column: $0.0, text: $0.1) },
            columnAxis: "x", rowAxis: "y", legend: legend(map, mode: mode)
        ).compose()
        if ascii { grid.transliterateToASCII() }
        return grid
    }
}

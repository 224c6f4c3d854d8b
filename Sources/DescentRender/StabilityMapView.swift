import DescentCore

/// How a stability map looks: each cell shaded by log₁₀ of how far its final loss is above the lowest
/// loss (the surface's lowest known minimum, or the lowest cell where it knows none) — viridis, dark is
/// low — and × for a run that diverged.
public enum StabilityMapView {
    /// The loss floor and the log₁₀ range of the gaps above it over the cells that did not diverge.
    public struct Shading: Sendable, Equatable {
        public var floor: Double
        public var lowestLog: Double
        public var highestLog: Double

        public init(_ map: StabilityMap, knownLowest: Double?) {
            let kept = map.cells.filter { !$0.diverged && $0.finalLoss.isFinite }.map(\.finalLoss)
            let floor = min(knownLowest ?? .infinity, kept.min() ?? 0)
            self.floor = floor
            let gaps = kept.map { Math.log10(Swift.max($0 - floor, 1e-300)) }
            highestLog = gaps.max() ?? 0
            // Gaps below 10⁻¹⁶ of the largest are rounding: they all take the darkest shade.
            lowestLog = Swift.max(gaps.min() ?? 0, highestLog - 16)
        }

        /// The shade t ∈ [0, 1] of a final loss.
        public func shade(_ loss: Double) -> Double {
            guard highestLog > lowestLog else { return 0 }
            let gap = Math.log10(Swift.max(loss - floor, 1e-300))
            return Swift.min(1, Swift.max(0, (gap - lowestLog) / (highestLog - lowestLog)))
        }
    }

    public static func cell(_ cell: StabilityMap.Cell, shading: Shading, mode: ColorMode) -> Cell {
        if cell.diverged {
            return mode.isRich ? Cell("×", foreground: .rgb(230, 230, 230), background: .rgb(150, 30, 30)) : Cell("×", foreground: mode == .basic ? .red : .terminalDefault)
        }
        let t = shading.shade(cell.finalLoss)
        if mode == .none { return Cell(ColorMap.character(t)) }
        return Cell(" ", background: ColorMap.color(t, mode: mode))
    }

    public static func body(_ map: StabilityMap, shading: Shading, mode: ColorMode) -> CellGrid {
        var grid = CellGrid(width: map.columns, height: map.rows)
        for r in 0..<map.rows {
            for c in 0..<map.columns { grid.set(column: c, row: r, cell(map.cell(column: c, row: r), shading: shading, mode: mode)) }
        }
        return grid
    }

    /// The columns of the powers of ten of the learning rates, labelled 1e-4 … 10.
    static func rateLabels(_ map: StabilityMap) -> [(column: Int, text: String)] {
        guard let first = map.learningRates.first, let last = map.learningRates.last, last > first else {
            return map.learningRates.first.map { [(column: 0, text: NumberFormat.compact($0))] } ?? []
        }
        let lo = Math.log10(first), hi = Math.log10(last)
        let columns = Double(map.columns - 1)
        return stride(from: lo.rounded(.up), through: hi.rounded(.down), by: 1).map { k in
            let text = k >= -2 && k <= 3 ? NumberFormat.compact(Math.pow(10, k)) : "1e\(Int(k))"
            return (column: Int(((k - lo) / (hi - lo) * columns).rounded()), text: text)
        }
    }

    /// About one label in four rows, the top and the bottom row always.
    static func parameterLabels(_ map: StabilityMap) -> [(row: Int, text: String)] {
        guard map.parameterValues.first ?? nil != nil else { return [] }
        let every = Swift.max(1, map.rows / Swift.max(1, map.rows / 4))
        return map.parameterValues.enumerated().compactMap { r, value in
            guard let value, r % every == 0 || r == map.rows - 1 else { return nil }
            if r != map.rows - 1, map.rows - 1 - r < every / 2 + 1, r != 0 { return nil }
            return (row: r, text: NumberFormat.fixed(value, decimals: 2))
        }
    }

    public static func legend(_ map: StabilityMap, shading: Shading, mode: ColorMode) -> [[MapFrame.Span]] {
        var ramp: [MapFrame.Span] = []
        let levels = 24
        for i in 0..<levels {
            let t = Double(i) / Double(levels - 1)
            ramp.append(mode == .none ? MapFrame.Span(String(ColorMap.character(t))) : MapFrame.Span(" ", TextStyle(background: ColorMap.color(t, mode: mode))))
        }
        let low = NumberFormat.compact(Math.pow(10, shading.lowestLog), digits: 2)
        let high = NumberFormat.compact(Math.pow(10, shading.highestLog), digits: 2)
        let floor = NumberFormat.compact(shading.floor, digits: 4)
        let diverged = map.cells.reduce(0) { $0 + ($1.diverged ? 1 : 0) }
        let sample = cell(StabilityMap.Cell(learningRate: 1, parameter: nil, finalLoss: 0, steps: 0, diverged: true), shading: shading, mode: mode)
        var lines: [[MapFrame.Span]] = [
            [MapFrame.Span("f − \(floor): \(low) ")] + ramp + [MapFrame.Span(" \(high)   (log scale)")],
            [MapFrame.Span(String(sample.character), TextStyle(foreground: sample.foreground, background: sample.background)),
             MapFrame.Span(" diverged or ended above the start's loss: \(diverged) of \(map.cells.count) runs")],
        ]
        if let best = bestCell(map) {
            let parameter = best.parameter.map { ", \(map.parameterKey ?? "") = \(NumberFormat.compact($0, digits: 4))" } ?? ""
            lines.append([MapFrame.Span("lowest loss \(NumberFormat.compact(best.finalLoss, digits: 4)) at lr = \(NumberFormat.compact(best.learningRate, digits: 4))\(parameter)")])
        }
        return lines
    }

    /// The cell with the lowest final loss of the runs that did not diverge (the first such in row order).
    public static func bestCell(_ map: StabilityMap) -> StabilityMap.Cell? {
        map.cells.filter { !$0.diverged }.min { $0.finalLoss < $1.finalLoss }
    }

    public static func frame(_ map: StabilityMap, title: [String], knownLowest: Double?, mode: ColorMode, ascii: Bool = false) -> CellGrid {
        let shading = Shading(map, knownLowest: knownLowest)
        var grid = MapFrame(
            title: title, body: body(map, shading: shading, mode: mode),
            rowLabels: parameterLabels(map), columnLabels: rateLabels(map),
            columnAxis: "lr", rowAxis: map.parameterKey ?? "", legend: legend(map, shading: shading, mode: mode)
        ).compose()
        if ascii { grid.transliterateToASCII() }
        return grid
    }
}

/// Basins of attraction: one optimizer started from the centre of every cell of a grid, each cell
/// labelled by where its run ended — the minimum it fell into, a saddle, divergence, or nowhere yet.
///
/// A run ends in the basin of a minimum when its last point is within `radius` of it: a known minimum
/// of the surface first (nearest wins), else a point where other runs converged (runs that stopped
/// with |∇f| within tolerance gather into one basin per place, first come first named, in row order).
/// Every run is the same run `descent run` takes from that start, with the same seed and stop rules,
/// keeping only its end point.
public struct BasinMap: Sendable, Equatable {
    /// How the run from one cell ended.
    public enum Ending: Sendable, Equatable {
        /// Within `radius` of `basins[i]`.
        case basin(Int)
        /// Stopped where |∇f| vanishes at a saddle or a maximum (gd from the axis of `saddle`).
        case saddle
        case diverged
        /// Used up its steps, stalled or failed away from every minimum.
        case unfinished
    }

    public struct Cell: Sendable, Equatable {
        public var ending: Ending
        /// Steps the run took (the step limit for one that used them all).
        public var steps: Int
        /// Where the run ended.
        public var end: Vector2

        public init(ending: Ending, steps: Int, end: Vector2) {
            self.ending = ending
            self.steps = steps
            self.end = end
        }
    }

    /// A minimum that runs ended in.
    public struct Basin: Sendable, Equatable {
        /// The known minimum, or the first converged end point of this place.
        public var point: Vector2
        /// f at `point`.
        public var value: Double
        /// The surface's name for it (global or local minimum), nil for one found by the runs.
        public var kind: KnownPoint.Kind?
        /// How many cells end in it.
        public var cells: Int
    }

    public let grid: MapGrid
    /// Row-major: `cells[r * columns + c]`.
    public let cells: [Cell]
    /// The basins, in the order they are first met (row by row from the top left).
    public let basins: [Basin]
    public let maxSteps: Int

    public func cell(column c: Int, row r: Int) -> Cell { cells[r * grid.columns + c] }

    /// How near a run's end must be to a minimum to count as in its basin: 2% of the view's larger side.
    public static func radius(of view: ViewRect) -> Double { 0.02 * max(view.width, view.height) }

    /// Runs `spec` from every cell of `grid` on `surface` (rows on up to `parallelism` tasks at once) and
    /// labels the ends; nil when `shouldStop` stopped it. `progress` gets the number of rows done.
    public static func compute(
        surface: any Surface, spec: OptimizerSpec, rules: StopRules, seed: UInt64, grid: MapGrid,
        parallelism: Int, progress: (Int) -> Void = { _ in }, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async -> BasinMap? {
        let columns = grid.columns
        let rows = await ParallelRows.map(rows: grid.rows, parallelism: parallelism, progress: progress, shouldStop: shouldStop) { r in
            (0..<columns).map { c in
                var racer = Racer(spec: spec, seed: seed, start: grid.point(column: c, row: r), surface: surface, rules: rules, recording: .endOnly)
                racer.run(steps: rules.maxSteps, on: surface, rules: rules)
                return (end: racer.currentPoint, steps: racer.stepCount, status: racer.status)
            }
        }
        guard let rows else { return nil }
        return label(rows.flatMap { $0 }, surface: surface, grid: grid, maxSteps: rules.maxSteps)
    }

    /// Labels the run ends (row-major) by the rules above.
    static func label(_ ends: [(end: Vector2, steps: Int, status: RunStatus)], surface: any Surface, grid: MapGrid, maxSteps: Int) -> BasinMap {
        let radius = radius(of: grid.view)
        let known = surface.minima
        var basins: [Basin] = []
        // The basin index of each known minimum, once a run has ended in it.
        var knownBasin = [Int?](repeating: nil, count: known.count)
        var cells: [Cell] = []
        cells.reserveCapacity(ends.count)
        for (end, steps, status) in ends {
            var ending = Ending.unfinished
            switch status {
            case .diverged:
                ending = .diverged
            case .stoppedAtSaddle, .stoppedAtMaximum:
                ending = .saddle
            default:
                let nearest = known.indices.min { (known[$0].point - end).length < (known[$1].point - end).length }
                if let k = nearest, (known[k].point - end).length <= radius {
                    if knownBasin[k] == nil {
                        knownBasin[k] = basins.count
                        basins.append(Basin(point: known[k].point, value: known[k].value, kind: known[k].kind, cells: 0))
                    }
                    ending = .basin(knownBasin[k]!)
                } else if case .converged = status {
                    if let found = basins.indices.first(where: { basins[$0].kind == nil && (basins[$0].point - end).length <= radius }) {
                        ending = .basin(found)
                    } else {
                        basins.append(Basin(point: end, value: surface.value(at: end), kind: nil, cells: 0))
                        ending = .basin(basins.count - 1)
                    }
                }
            }
            if case let .basin(i) = ending { basins[i].cells += 1 }
            cells.append(Cell(ending: ending, steps: steps, end: end))
        }
        return BasinMap(grid: grid, cells: cells, basins: basins, maxSteps: maxSteps)
    }
}

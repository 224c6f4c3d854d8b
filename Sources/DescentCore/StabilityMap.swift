/// A stability map: one optimizer from one start at every (learning rate, second parameter) of a grid —
/// momentum for the methods that have it, β₁ for Adam — each cell holding the loss after its run and
/// whether the run diverged. Distill drew it for the quadratic; this is the same map for any surface.
///
/// Columns are learning rates spaced evenly in log γ (column c at γ = lo·(hi/lo)^(c/(columns−1)), the
/// first and last the range's ends exactly); rows the second parameter spaced evenly, the top row its
/// upper end. A run diverged when its status says so or its last loss is above its first (a run that
/// grows slower than the bound in the steps it had: |1 − 2γ| slightly above 1 on the bowl).
public struct StabilityMap: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var learningRate: Double
        /// The second parameter's value (nil for a method with none: the map is one row).
        public var parameter: Double?
        public var finalLoss: Double
        public var steps: Int
        public var diverged: Bool

        public init(learningRate: Double, parameter: Double?, finalLoss: Double, steps: Int, diverged: Bool) {
            self.learningRate = learningRate
            self.parameter = parameter
            self.finalLoss = finalLoss
            self.steps = steps
            self.diverged = diverged
        }
    }

    /// The second parameter's key ("momentum", "beta1"), or nil when the method has neither.
    public let parameterKey: String?
    public let learningRates: [Double]
    /// Top row first (the largest value); one nil for a method without a second parameter.
    public let parameterValues: [Double?]
    /// Row-major, top row first.
    public let cells: [Cell]
    public let startLoss: Double

    public var columns: Int { learningRates.count }
    public var rows: Int { parameterValues.count }
    public func cell(column c: Int, row r: Int) -> Cell { cells[r * columns + c] }

    /// The key the second axis sweeps for this method: momentum where it has one, else β₁, else none.
    public static func parameterKey(for descriptor: OptimizerDescriptor) -> String? {
        let names = descriptor.parameters.map(\.name)
        return ["momentum", "beta1"].first { names.contains($0) }
    }

    /// `count` learning rates from `range.lowerBound` to `range.upperBound`, evenly spaced in log γ.
    public static func learningRates(in range: ClosedRange<Double>, count: Int) -> [Double] {
        guard count > 1 else { return [range.lowerBound] }
        let lo = Math.log10(range.lowerBound), hi = Math.log10(range.upperBound)
        return (0..<count).map { c in
            if c == 0 { return range.lowerBound }
            if c == count - 1 { return range.upperBound }
            return Math.pow(10, lo + (hi - lo) * Double(c) / Double(count - 1))
        }
    }

    /// `count` values from the range's upper end down to its lower end, evenly spaced.
    public static func parameterValues(in range: ClosedRange<Double>, count: Int) -> [Double] {
        guard count > 1 else { return [range.upperBound] }
        return (0..<count).map { r in
            if r == 0 { return range.upperBound }
            if r == count - 1 { return range.lowerBound }
            return range.lowerBound + (range.upperBound - range.lowerBound) * Double(count - 1 - r) / Double(count - 1)
        }
    }

    /// Runs `spec` with every learning rate of `rates` and every value of `values` for `key` from `start`;
    /// nil when `shouldStop` stopped it. Throws when a value is not one the method accepts.
    public static func compute(
        surface: any Surface, spec: OptimizerSpec, start: Vector2, rules: StopRules, seed: UInt64,
        learningRates rates: [Double], parameterKey key: String?, parameterValues values: [Double],
        parallelism: Int, progress: (Int) -> Void = { _ in }, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async throws(DescentError) -> StabilityMap? {
        guard spec.descriptor.hasLearningRate else { throw .invalid("\(spec.name) has no learning rate to map") }
        let rowValues: [Double?] = key == nil ? [nil] : values.map { $0 }
        // Every spec of the grid, checked before anything runs.
        var specs: [[OptimizerSpec]] = []
        for value in rowValues {
            var row: [OptimizerSpec] = []
            for rate in rates {
                var cellSpec = spec.withLearningRate(rate)
                if let key, let value { cellSpec = try cellSpec.setting(key, to: "\(value)") }
                row.append(cellSpec)
            }
            specs.append(row)
        }
        let startLoss = surface.value(at: start)
        let grid = specs
        let rows = await ParallelRows.map(rows: rowValues.count, parallelism: parallelism, progress: progress, shouldStop: shouldStop) { r in
            grid[r].indices.map { c in
                var racer = Racer(spec: grid[r][c], seed: seed, start: start, surface: surface, rules: rules, recording: .endOnly)
                racer.run(steps: rules.maxSteps, on: surface, rules: rules)
                let loss = racer.fullLoss(on: surface)
                var diverged = false
                if case .diverged = racer.status { diverged = true }
                if !(loss <= startLoss) { diverged = true }
                return Cell(learningRate: rates[c], parameter: rowValues[r], finalLoss: loss, steps: racer.stepCount, diverged: diverged)
            }
        }
        guard let rows else { return nil }
        return StabilityMap(parameterKey: key, learningRates: rates, parameterValues: rowValues, cells: rows.flatMap { $0 }, startLoss: startLoss)
    }
}

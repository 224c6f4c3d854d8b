/// Independent rows of work run side by side with structured concurrency: at most `parallelism` child
/// tasks at once, each computing one whole row; the results come back in row order, so what is computed
/// does not depend on how many run at once (a map on 1 core and on 8 is the same map).
public enum ParallelRows {
    /// `row(i)` for i in 0..<count, in order; nil when `shouldStop` said so before every row was done
    /// (Ctrl-C: the rows under way finish, no new one starts). `progress(done)` is called after each
    /// row, from the calling task, with the number of rows done so far.
    public static func map<Row: Sendable>(
        rows count: Int, parallelism: Int,
        progress: (Int) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false },
        row: @escaping @Sendable (Int) -> Row
    ) async -> [Row]? {
        guard count > 0 else { return [] }
        return await withTaskGroup(of: (Int, Row?).self, returning: [Row]?.self) { group in
            var results = [Row?](repeating: nil, count: count)
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask { shouldStop() ? (index, nil) : (index, row(index)) }
            }
            for _ in 0..<min(max(1, parallelism), count) { startNext() }
            var done = 0
            while let (index, result) = await group.next() {
                guard let result else {
                    group.cancelAll()
                    return nil
                }
                results[index] = result
                done += 1
                progress(done)
                if next < count {
                    if shouldStop() {
                        group.cancelAll()
                        return nil
                    }
                    startNext()
                }
            }
            return results.map { $0! }
        }
    }
}

/// The start points of a map: the centres of a grid of `columns` × `rows` cells over `view`, row 0 at
/// the top (largest y). The centre of cell (c, r) is (minX + width·(c + ½)/columns, maxY − height·(r + ½)/rows),
/// so with an odd number of rows over a view symmetric about y = 0, the middle row is at y = 0 exactly.
public struct MapGrid: Sendable, Equatable {
    public var view: ViewRect
    public var columns: Int
    public var rows: Int

    public init(view: ViewRect, columns: Int, rows: Int) {
        self.view = view
        self.columns = columns
        self.rows = rows
    }

    public func point(column c: Int, row r: Int) -> Vector2 {
        Vector2(view.minX + view.width * ((Double(c) + 0.5) / Double(columns)),
                view.maxY - view.height * ((Double(r) + 0.5) / Double(rows)))
    }
}

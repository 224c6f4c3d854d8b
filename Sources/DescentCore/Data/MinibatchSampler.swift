/// Which training examples step t uses: minibatches of `batchSize` drawn without replacement within an
/// epoch, from the run's seed alone — the same batches on every machine, and any step's batch is known
/// from (seed, t), so a trajectory can be recomputed exactly from its points.
///
/// Epoch e = ⌊(t − 1) / m⌋ and batch j = (t − 1) mod m, with m = ⌈n / batchSize⌉ batches an epoch (the
/// last may be smaller). Epoch e visits the n examples in the order of a Fisher–Yates shuffle
/// (for i = n − 1 down to 1, swap i with ⌊u · (i + 1)⌋, u uniform in (0, 1)) by a `SeededGenerator`
/// seeded with the first draw of `SeededGenerator(seed: seed ⊕ (e + 1) · 0xD1B54A32D192ED03)`; batch j
/// is positions j·batchSize ..< min((j + 1)·batchSize, n) of that order.
public struct MinibatchSampler: Sendable {
    public let count: Int
    public let batchSize: Int
    public let seed: UInt64
    private var epoch = -1
    private var order: [Int] = []

    /// `count` ≥ 1 examples, `batchSize` ≥ 1 (a size above `count` is the full batch).
    public init(count: Int, batchSize: Int, seed: UInt64) {
        self.count = max(1, count)
        self.batchSize = min(max(1, batchSize), self.count)
        self.seed = seed
    }

    public var batchesPerEpoch: Int { (count + batchSize - 1) / batchSize }

    /// The order in which epoch e (from 0) visits the examples.
    public static func order(ofEpoch e: Int, count: Int, seed: UInt64) -> [Int] {
        var keyed = SeededGenerator(seed: seed ^ (UInt64(e + 1) &* 0xD1B5_4A32_D192_ED03))
        var generator = SeededGenerator(seed: keyed.next())
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = min(i, Int(generator.nextUniform() * Double(i + 1)))
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }

    /// The examples (indices into the training set) of step t ≥ 1.
    public mutating func batch(forStep t: Int) -> ArraySlice<Int> {
        let m = batchesPerEpoch
        let e = (max(t, 1) - 1) / m, j = (max(t, 1) - 1) % m
        if e != epoch {
            order = Self.order(ofEpoch: e, count: count, seed: seed)
            epoch = e
        }
        return order[(j * batchSize)..<min((j + 1) * batchSize, count)]
    }
}

/// A one-row chart of a series: each value as one of eight block heights.
public enum Sparkline {
    static let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiBlocks: [Unicode.Scalar] = ["_", ".", ",", "-", "~", "=", "^", "'"]

    /// One scalar per value, scaled between the smallest and largest finite values; a non-finite value is blank.
    public static func render(_ values: [Double], ascii: Bool = false) -> [Unicode.Scalar] {
        let glyphs = ascii ? asciiBlocks : blocks
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return values.map { _ in " " } }
        let range = hi - lo
        return values.map { v in
            guard v.isFinite else { return " " }
            let t = range > 0 ? (v - lo) / range : 0
            return glyphs[min(glyphs.count - 1, Int(t * Double(glyphs.count)))]
        }
    }
}

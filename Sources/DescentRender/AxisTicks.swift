import DescentCore

/// Round tick values for an axis: multiples of 1, 2 or 5 × 10ᵏ inside a range, as few as fit.
public enum AxisTicks {
    /// The step 1, 2 or 5 × 10ᵏ that puts at most `maxCount` (≥ 1) ticks in `lower...upper`, the smallest such.
    public static func step(lower: Double, upper: Double, maxCount: Int) -> Double? {
        let span = upper - lower
        guard span > 0, span.isFinite, maxCount >= 1 else { return nil }
        var step = Math.pow(10, (Math.log10(span / Double(maxCount))).rounded(.down))
        while true {
            for factor in [1.0, 2.0, 5.0] {
                let candidate = step * factor
                if count(lower: lower, upper: upper, step: candidate) <= maxCount { return candidate }
            }
            step *= 10
        }
    }

    /// The multiples of `step` in `lower...upper`, in increasing order (0 exactly 0, never −0).
    public static func values(lower: Double, upper: Double, step: Double) -> [Double] {
        guard step > 0, step.isFinite, lower <= upper else { return [] }
        let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
        guard first <= last, last - first < 10_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 == 0 ? 0 : $0 * step }
    }

    static func count(lower: Double, upper: Double, step: Double) -> Int {
        let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
        return first > last ? 0 : Int(last - first) + 1
    }

    /// A tick value as text with just the decimals its step needs: "-2", "0.5", "0.25", "1e+04" (the
    /// exponent form for steps of 10⁴ and above or below 10⁻³); "−" as the minus sign unless `ascii`.
    public static func label(_ value: Double, step: Double, ascii: Bool = false) -> String {
        let text: String
        if value == 0 {
            text = "0"
        } else if step >= 1e4 || step < 1e-3 {
            text = NumberFormat.compact(value, digits: 2)
        } else {
            // The decimals of the step itself: 0.5 needs one, 0.25 two, 2 none.
            var needed = max(0, Int((-Math.log10(step)).rounded(.down)))
            while needed < 6, abs((step * Math.pow(10, Double(needed))).rounded() - step * Math.pow(10, Double(needed))) > 1e-6 { needed += 1 }
            text = NumberFormat.fixed(value, decimals: needed)
        }
        return ascii || !text.hasPrefix("-") ? text : "−" + text.dropFirst()
    }
}

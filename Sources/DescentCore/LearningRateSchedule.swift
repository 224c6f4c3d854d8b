/// How the learning rate changes with the step count t = 1, 2, … (first-order methods only).
public enum LearningRateSchedule: Equatable, Sendable {
    /// γₜ = lr
    case constant
    /// γₜ = lr · q^⌊(t−1)/k⌋
    case step(every: Int, gamma: Double)
    /// γₜ = lr · q^(t−1)
    case exponential(gamma: Double)
    /// γₜ = lr / (1 + d (t − 1))
    case inverseTime(decay: Double)
    /// torch's CosineAnnealingLR in its closed form: γₜ = η_min + (lr − η_min)(1 + cos(π (t − 1) / T_max)) / 2 —
    /// lr at the first step, η_min after T_max steps, and back up over the next T_max (torch's curve goes on
    /// the same way past T_max).
    case cosine(tMax: Int, etaMin: Double)

    /// γₜ for base rate `lr`.
    @inlinable public func rate(base lr: Double, iteration t: Int) -> Double {
        switch self {
        case .constant:
            return lr
        case let .step(every, gamma):
            return lr * Math.pow(gamma, Double((t - 1) / every))
        case let .exponential(gamma):
            return lr * Math.pow(gamma, Double(t - 1))
        case let .inverseTime(decay):
            return lr / (1 + decay * Double(t - 1))
        case let .cosine(tMax, etaMin):
            return etaMin + (lr - etaMin) * (1 + Math.cos(Double.pi * Double(t - 1) / Double(tMax))) / 2
        }
    }

    /// The names accepted by `schedule=` in an optimizer spec.
    public static let names = ["constant", "step", "exponential", "inverse-time", "cosine"]

    /// A short text such as "step(every 100, ×0.5)".
    public var summary: String {
        switch self {
        case .constant: return "constant"
        case let .step(every, gamma): return "step(every \(every), ×\(formatNumber(gamma)))"
        case let .exponential(gamma): return "exponential(×\(formatNumber(gamma)))"
        case let .inverseTime(decay): return "inverse-time(decay \(formatNumber(decay)))"
        case let .cosine(tMax, etaMin): return "cosine(t_max \(tMax), eta_min \(formatNumber(etaMin)))"
        }
    }
}

/// A number as a person would write it: "0.01", "1e-08", "100", "0.9".
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let text = "\(value)"
    return text
}

/// `value` rounded to `digits` significant digits and written as `formatNumber` writes it:
/// 59.77018674512914 → "59.7702" (the nearest double to the rounded decimal has that shortest form).
public func formatSignificant(_ value: Double, digits: Int = 6) -> String {
    guard value.isFinite, value != 0 else { return formatNumber(value) }
    let exponent = Int(Math.log10(abs(value)).rounded(.down))
    let shift = digits - 1 - exponent
    guard (-22...22).contains(shift) else { return formatNumber(value) }
    let scale = Math.pow(10, Double(abs(shift)))
    let rounded = shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
    return formatNumber(rounded)
}

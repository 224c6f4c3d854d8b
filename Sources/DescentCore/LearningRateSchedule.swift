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
        }
    }

    /// The names accepted by `schedule=` in an optimizer spec.
    public static let names = ["constant", "step", "exponential", "inverse-time"]

    /// A short text such as "step(every 100, ×0.5)".
    public var summary: String {
        switch self {
        case .constant: return "constant"
        case let .step(every, gamma): return "step(every \(every), ×\(formatNumber(gamma)))"
        case let .exponential(gamma): return "exponential(×\(formatNumber(gamma)))"
        case let .inverseTime(decay): return "inverse-time(decay \(formatNumber(decay)))"
        }
    }
}

/// A number as a person would write it: "0.01", "1e-08", "100", "0.9".
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let text = "\(value)"
    return text
}

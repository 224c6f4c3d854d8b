import DescentCore
import DescentRender

/// The parameter sheet (Enter): every key of the selected optimizer's spec with its value now in force.
/// Keys an optimizer can take during a run change from its next step on, keeping its state, as `+`
/// does for the rate; the others are shown but set at launch.
enum ParameterSheet {
    struct Row {
        var parameter: ParameterSpec
        /// The value now in force, as SPEC text.
        var value: String
        /// Whether it may change during the run.
        var settable: Bool
    }

    static func rows(for racer: Racer) -> [Row] {
        let spec = racer.currentSpec
        let settable = Set(spec.descriptor.keysSettableDuringRun)
        return spec.descriptor.allParameters.map { parameter in
            Row(parameter: parameter, value: spec.values.text(of: parameter), settable: settable.contains(parameter.name))
        }
    }

    /// The series β-like parameters (0 ≤ β < 1 or ≤ 1) move along.
    static let fractionSeries: [Double] = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]

    /// The next value of `parameter` from `text` one step up or down its series: 0 / 0.5 / 0.8 / 0.9 /
    /// 0.95 / 0.99 / 0.999 for fractions, 1-2-5 for other reals (from 0 up: 0.01) and whole numbers;
    /// nil at the end of a series or for a key without one.
    static func next(_ parameter: ParameterSpec, from text: String, up: Bool) -> String? {
        switch parameter.kind {
        case let .real(_, requirement):
            guard let value = Double(text) else { return nil }
            if requirement == .belowOne || requirement == .unitInterval {
                let series = requirement == .unitInterval ? fractionSeries + [1] : fractionSeries
                let candidate = up ? series.first { $0 > value + 1e-12 } : series.last { $0 < value - 1e-12 }
                return candidate.map(formatNumber)
            }
            if value == 0 { return up ? "0.01" : nil }
            let candidate = AppState.nextLearningRate(after: value, up: up)
            if !up, requirement == .positive || requirement == .nonNegative, candidate < 1e-12 { return nil }
            return formatNumber(candidate)
        case let .integer(_, minimum, maximum):
            guard let value = Int(text) else { return nil }
            let candidate = Int(AppState.nextLearningRate(after: Double(max(value, 1)), up: up).rounded())
            let bounded = min(max(candidate == value ? value + (up ? 1 : -1) : candidate, minimum), maximum)
            return bounded == value ? nil : String(bounded)
        case .flag:
            return text == "true" ? "false" : "true"
        case .choice:
            return nil
        }
    }
}

extension AppState {
    /// The sheet's actions: `stepParameter`, typing, Enter.
    mutating func applySheet(_ action: Action) {
        guard case let .parameterSheet(index, cursor, input) = overlay, race.racers.indices.contains(index) else { return }
        let rows = ParameterSheet.rows(for: race.racers[index])
        guard rows.indices.contains(cursor) else { return }
        let row = rows[cursor]
        let key = row.parameter.name
        switch action {
        case let .stepParameter(up):
            guard row.settable else {
                notice = "\(key) is set at launch: it cannot change during a run"
                return
            }
            if key == "lr" {
                changeLearningRateByKey(up ? .learningRateUp : .learningRateDown)
            } else if let text = ParameterSheet.next(row.parameter, from: row.value, up: up) {
                apply(.setParameter(racer: index, key: key, text: text))
            } else {
                notice = "\(key) is at the \(up ? "top" : "bottom") of its series (\(row.value))"
            }
            overlay = .parameterSheet(racer: index, cursor: cursor, input: "")
        case let .promptInput(character):
            guard input.count < 24 else { return }
            overlay = .parameterSheet(racer: index, cursor: cursor, input: input + String(character))
        case .promptBackspace:
            overlay = .parameterSheet(racer: index, cursor: cursor, input: String(input.dropLast()))
        case .confirmPrompt:
            guard !input.isEmpty else {
                overlay = .none
                return
            }
            guard row.settable else {
                notice = "\(key) is set at launch: it cannot change during a run"
                return
            }
            if key == "lr" {
                guard let rate = Double(input), rate > 0, rate.isFinite else {
                    notice = "lr must be a positive number, not '\(input)'"
                    return
                }
                apply(.setLearningRate(racer: index, rate))
            } else {
                // A refused value leaves the typing in place to be corrected.
                guard setParameterByHand(racer: index, key: key, text: input) else { return }
            }
            overlay = .parameterSheet(racer: index, cursor: cursor, input: "")
        default:
            break
        }
    }
}

/// A surface typed as a formula of x and y, e.g. `sin(x)*cos(y) + 0.1*(x^2+y^2)`: compiled once, with
/// gradients by reverse-mode automatic differentiation and exact Hessians (see `FormulaProgram`).
///
/// It has no known points (nothing is known about a typed formula); the view and start are given or
/// default to [−5, 5]² and a point toward the view's upper left.
public struct FormulaSurface: Surface {
    /// The view a formula gets when none is given.
    public static let standardView = ViewRect(x: -5...5, y: -5...5)

    public let name = "expr"
    /// The formula as typed (spaces trimmed).
    public let text: String
    public let program: FormulaProgram
    public let defaultView: ViewRect
    public let defaultStart: Vector2
    public let prefersLogShading: Bool
    public let knownPoints: [KnownPoint] = []
    /// "expr:" and the formula text, made once (the frame compares it every frame).
    public let identity: String
    public let lesson = "Your formula: gradients by reverse-mode autodiff, the chain rule run backwards over its graph."

    /// Parses and compiles `formula`; `view` defaults to `standardView`, `start` to 15% in from the view's
    /// left edge and 20% down from its top.
    public init(_ formula: String, view: ViewRect? = nil, start: Vector2? = nil) throws(FormulaError) {
        text = formula.trimmingSpaces
        program = try FormulaProgram(parsing: text)
        identity = "expr:" + text
        let view = view ?? Self.standardView
        defaultView = view
        // Rounded to 1e-9, so the start reads as typed numbers do (1.8, not 1.7999999999999998).
        func tidy(_ v: Double) -> Double { (v * 1e9).rounded() / 1e9 }
        defaultStart = start ?? Vector2(tidy(view.minX + 0.15 * view.width), tidy(view.maxY - 0.2 * view.height))
        prefersLogShading = Self.spansManyScales(program, in: view)
    }

    public var formula: String { text }

    public var scenarioJSON: String { "{\"expr\": \(JSONText.quoted(text)), \"view\": \(defaultView.jsonText)}" }

    public func value(at p: Vector2) -> Double { program.value(at: p) }
    public func gradient(at p: Vector2) -> Vector2 { program.valueAndGradient(at: p).gradient }
    public func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2) { program.valueAndGradient(at: p) }
    public func hessian(at p: Vector2) -> Matrix2? { program.hessian(at: p) }

    /// True when, on a 21 × 21 grid over the view, the values are never negative and the highest lies more
    /// than 100 times farther above the lowest than the lowest tenth does (a valley under steep walls).
    static func spansManyScales(_ program: FormulaProgram, in view: ViewRect) -> Bool {
        var values: [Double] = []
        for i in 0...20 {
            for j in 0...20 {
                let v = program.value(at: Vector2(view.minX + view.width * Double(i) / 20, view.minY + view.height * Double(j) / 20))
                if v.isFinite { values.append(v) }
            }
        }
        guard values.count > 10 else { return false }
        values.sort()
        let low = values[0], tenth = values[values.count / 10], high = values[values.count - 1]
        return low >= 0 && high - low > 100 * (tenth - low)
    }
}

extension FormulaSurface: Equatable {
    public static func == (a: FormulaSurface, b: FormulaSurface) -> Bool {
        a.text == b.text && a.defaultView == b.defaultView && a.defaultStart == b.defaultStart
    }
}

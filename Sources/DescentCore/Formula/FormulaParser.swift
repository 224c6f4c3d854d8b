/// A formula that could not be read: where, and what was expected there.
public struct FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula as typed.
    public var formula: String
    /// The 1-based character position of the bad part (one past the end for a formula that ends too soon).
    public var position: Int
    /// What is wrong, e.g. "expected ')' to close '(' at 4".
    public var message: String

    public var description: String { message }

    /// Three lines: the formula (control characters made visible), a caret under the bad character, and the message.
    public var pointedText: String {
        let characters = Array(formula)
        let prefix = String(characters.prefix(max(position - 1, 0))).withVisibleControlCharacters
        return formula.withVisibleControlCharacters + "\n" + String(repeating: " ", count: prefix.count) + "^\n" + message
    }
}

/// A formula's expression tree: numbers, the two coordinates, and the operations of the grammar.
public indirect enum FormulaNode: Equatable, Sendable {
    case number(Double)
    case x
    case y
    case unary(FormulaFunction, FormulaNode)
    case binary(FormulaOperator, FormulaNode, FormulaNode)
}

/// The functions of one argument a formula may call, and unary minus.
public enum FormulaFunction: String, CaseIterable, Sendable {
    case negate = "-"
    case sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus
}

extension FormulaFunction {
    /// What the function of a computes, as `descent list formulas` shows it.
    public var meaning: String {
        switch self {
        case .negate: "−a"
        case .sin: "sine of a (radians)"
        case .cos: "cosine of a (radians)"
        case .tan: "tangent of a (radians)"
        case .exp: "eᵃ"
        case .log: "natural logarithm of a (not a number for a < 0)"
        case .sqrt: "square root of a (not a number for a < 0)"
        case .abs: "|a| (its derivative at 0 is taken as 0)"
        case .tanh: "hyperbolic tangent of a"
        case .sigmoid: "1 / (1 + e⁻ᵃ)"
        case .softplus: "ln(1 + eᵃ), without overflow"
        }
    }
}

/// The operations of two operands: + − × ÷ ^, and the functions min and max.
public enum FormulaOperator: String, CaseIterable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case min, max
}

/// Reads formulas of x and y by recursive descent.
///
/// Grammar (lowest precedence first; `^` binds tighter than unary minus and to the right, so
/// `-x^2` is −(x²) and `2^-x` is 2^(−x)):
///
///     sum     = product { ("+" | "-") product }
///     product = unary { ("*" | "/") unary }
///     unary   = ("-" | "+") unary | power
///     power   = atom [ "^" unary ]
///     atom    = number | "x" | "y" | "pi" | "e" | name "(" sum { "," sum } ")" | "(" sum ")"
///
/// Numbers are decimals with an optional exponent (`1.5e-3`). `**` is read as `^`, and `−`, `×`, `·`, `÷`
/// as their ASCII forms. A formula is at most `maximumLength` characters and nests at most `maximumDepth`
/// levels (parentheses, calls, signs and powers).
public struct FormulaParser {
    public static let maximumLength = 2000
    public static let maximumDepth = 64
    /// The names a formula may use besides x and y, as a person would list them.
    public static let functionNames = FormulaFunction.allCases.filter { $0 != .negate }.map(\.rawValue) + ["min", "max"]

    private let formula: String
    private let characters: [Character]
    private var index = 0
    private var depth = 0

    /// Parses `formula` into its tree.
    public static func parse(_ formula: String) throws(FormulaError) -> FormulaNode {
        var parser = FormulaParser(formula: formula)
        return try parser.parseWhole()
    }

    private init(formula: String) {
        self.formula = formula
        characters = Array(formula)
    }

    private mutating func parseWhole() throws(FormulaError) -> FormulaNode {
        guard characters.count <= Self.maximumLength else {
            throw FormulaError(formula: formula, position: Self.maximumLength + 1,
                               message: "the formula is \(characters.count) characters long; at most \(Self.maximumLength) are allowed")
        }
        skipSpaces()
        guard index < characters.count else { throw fail("expected a formula of x and y, e.g. x^2 + y^2") }
        let node = try sum()
        skipSpaces()
        if index < characters.count {
            let c = characters[index]
            if c == ")" { throw fail("unexpected ')' at \(index + 1): no '(' is open") }
            if isNameStart(c) || c == "(" || c.isNumber { throw fail("expected an operator (+ - * / ^) at \(index + 1) before \(describe(c))") }
            throw fail("unexpected \(describe(c)) at \(index + 1)")
        }
        return node
    }

    // MARK: Grammar

    private mutating func sum() throws(FormulaError) -> FormulaNode {
        var node = try product()
        while true {
            skipSpaces()
            guard let c = peek(), c == "+" || c == "-" || c == "−" else { return node }
            index += 1
            let right = try product()
            node = .binary(c == "+" ? .add : .subtract, node, right)
        }
    }

    private mutating func product() throws(FormulaError) -> FormulaNode {
        var node = try unary()
        while true {
            skipSpaces()
            guard let c = peek(), c == "*" || c == "/" || c == "×" || c == "·" || c == "÷" else { return node }
            if c == "*", peek(1) == "*" { return node }
            index += 1
            let right = try unary()
            node = .binary(c == "/" || c == "÷" ? .divide : .multiply, node, right)
        }
    }

    private mutating func unary() throws(FormulaError) -> FormulaNode {
        skipSpaces()
        if let c = peek(), c == "-" || c == "−" || c == "+" {
            index += 1
            try enter()
            defer { depth -= 1 }
            let operand = try unary()
            return c == "+" ? operand : .unary(.negate, operand)
        }
        return try power()
    }

    private mutating func power() throws(FormulaError) -> FormulaNode {
        let base = try atom()
        skipSpaces()
        guard let c = peek() else { return base }
        if c == "^" {
            index += 1
        } else if c == "*", peek(1) == "*" {
            index += 2
        } else {
            return base
        }
        try enter()
        defer { depth -= 1 }
        return .binary(.power, base, try unary())
    }

    private mutating func atom() throws(FormulaError) -> FormulaNode {
        skipSpaces()
        guard let c = peek() else { throw fail("the formula ends too soon: expected a number, x, y, a function or '('") }
        if c.isASCII && (c.isNumber || c == ".") { return try number() }
        if c == "(" {
            let open = index
            index += 1
            try enter()
            defer { depth -= 1 }
            let inner = try sum()
            try close(open)
            return inner
        }
        if isNameStart(c) { return try name() }
        if c == ")" { throw fail("expected a number, x, y, a function or '(' at \(index + 1), not ')'") }
        throw fail("unexpected \(describe(c)) at \(index + 1): expected a number, x, y, a function or '('")
    }

    private mutating func number() throws(FormulaError) -> FormulaNode {
        let start = index
        while let c = peek(), c.isASCII, c.isNumber || c == "." { index += 1 }
        // An exponent only when digits follow: "2e" is the number 2 and the name e (refused: no operator between).
        if let c = peek(), c == "e" || c == "E" {
            var look = 1
            if let sign = peek(1), sign == "+" || sign == "-" { look = 2 }
            if let digit = peek(look), digit.isASCII, digit.isNumber {
                index += look
                while let d = peek(), d.isASCII, d.isNumber { index += 1 }
            }
        }
        let text = String(characters[start..<index])
        guard let value = Double(text), value.isFinite else {
            index = start
            throw fail("'\(text)' at \(start + 1) is not a finite number")
        }
        return .number(value)
    }

    private mutating func name() throws(FormulaError) -> FormulaNode {
        let start = index
        while let c = peek(), isNameStart(c) || (c.isASCII && c.isNumber) { index += 1 }
        let word = String(characters[start..<index])
        switch word.lowercased() {
        case "x": return .x
        case "y": return .y
        case "pi", "π": return .number(Double.pi)
        case "e": return .number(Math.exp(1))
        default: break
        }
        let lower = word.lowercased()
        let function = FormulaFunction(rawValue: lower).flatMap { $0 == .negate ? nil : $0 }
        let pair: FormulaOperator? = lower == "min" ? .min : lower == "max" ? .max : nil
        guard function != nil || pair != nil else {
            index = start
            let suggestion = nearestName(to: word, in: ["x", "y", "pi", "e"] + Self.functionNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw fail("unknown name '\(word.withVisibleControlCharacters)' at \(start + 1)\(suggestion); a formula uses x, y, pi, e and "
                       + Self.functionNames.joined(separator: " "))
        }
        skipSpaces()
        guard peek() == "(" else { throw fail("expected '(' after \(lower) at \(index + 1)") }
        let open = index
        index += 1
        try enter()
        defer { depth -= 1 }
        var arguments = [try sum()]
        while true {
            skipSpaces()
            guard peek() == "," else { break }
            index += 1
            arguments.append(try sum())
        }
        let wanted = function != nil ? 1 : 2
        if arguments.count != wanted {
            index = open
            throw fail("\(lower) takes \(wanted == 1 ? "1 argument" : "2 arguments"), not \(arguments.count) (at \(open + 1))")
        }
        try close(open)
        if let function { return .unary(function, arguments[0]) }
        return .binary(pair!, arguments[0], arguments[1])
    }

    // MARK: Pieces

    private mutating func close(_ open: Int) throws(FormulaError) {
        skipSpaces()
        guard peek() == ")" else {
            let found = peek().map { " before \(describe($0))" } ?? ""
            throw fail("expected ')' to close '(' at \(open + 1)\(found)")
        }
        index += 1
    }

    private mutating func enter() throws(FormulaError) {
        depth += 1
        if depth > Self.maximumDepth { throw fail("the formula nests deeper than \(Self.maximumDepth) levels at \(index + 1)") }
    }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == " " || c == "\t" { index += 1 }
    }

    private func isNameStart(_ c: Character) -> Bool { (c.isASCII && c.isLetter) || c == "_" || c == "π" }

    private func describe(_ c: Character) -> String { "'" + String(c).withVisibleControlCharacters + "'" }

    private func fail(_ message: String) -> FormulaError {
        FormulaError(formula: formula, position: index + 1, message: message)
    }
}

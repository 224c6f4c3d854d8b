/// A formula compiled once into a flat list of instructions, each writing one slot from earlier slots —
/// the expression graph in evaluation order, which is what backpropagation walks backwards.
///
/// - `value(at:)` runs the list forwards.
/// - `valueAndGradient(at:)` is reverse-mode automatic differentiation: a forward pass keeps every
///   slot's value, then a backward pass seeds ∂f/∂f = 1 and gives each instruction's operands its
///   adjoint times the instruction's local derivative ("local gradient × upstream gradient"), summing
///   over every use. No finite differences.
/// - `hessian(at:)` carries each slot's value, gradient and Hessian forwards (second-order forward mode:
///   for u = g(a), ∇u = g′∇a and ∇²u = g′∇²a + g″∇a∇aᵀ; likewise for two operands), exact up to rounding.
///
/// Evaluation allocates nothing on the heap: the slots live in stack buffers for the call.
/// Compilation first folds operations on constants (the tree has no constant-only operation left),
/// and keeps one load of x and one of y.
public struct FormulaProgram: Sendable, Equatable {
    public enum Operation: UInt8, Sendable {
        case constant, x, y
        case negate, sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus
        /// a^c for a constant exponent c (held in `constant`).
        case powerConstant
        case add, subtract, multiply, divide, power, min, max
    }

    public struct Instruction: Equatable, Sendable {
        public var operation: Operation
        /// The operand slots (unused ones are 0).
        public var a: Int32
        public var b: Int32
        /// The value of a `.constant`, or the exponent of `.powerConstant`.
        public var constant: Double
    }

    /// The instructions in evaluation order; the last one's slot is f.
    public let instructions: [Instruction]

    /// Compiles a parsed formula.
    public init(_ node: FormulaNode) {
        var builder = Builder()
        _ = builder.emit(node.folded)
        instructions = builder.instructions
    }

    /// Parses and compiles `formula`.
    public init(parsing formula: String) throws(FormulaError) {
        self.init(try FormulaParser.parse(formula))
    }

    // MARK: Evaluation

    /// f(p).
    public func value(at p: Vector2) -> Double {
        let count = instructions.count
        return instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { slots in
                for i in 0..<count { slots[i] = Self.forward(code[i], slots, p) }
                return slots[count - 1]
            }
        }
    }

    /// f(p) and ∇f(p) by one forward and one backward pass.
    public func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2) {
        let count = instructions.count
        return instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * count) { buffer in
                let slots = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
                let adjoints = UnsafeMutableBufferPointer(rebasing: buffer[count..<(2 * count)])
                for i in 0..<count {
                    slots[i] = Self.forward(code[i], slots, p)
                    adjoints[i] = 0
                }
                adjoints[count - 1] = 1
                var gradient = Vector2.zero
                for i in stride(from: count - 1, through: 0, by: -1) {
                    let upstream = adjoints[i]
                    let instruction = code[i]
                    switch instruction.operation {
                    case .constant: continue
                    case .x: gradient.x += upstream; continue
                    case .y: gradient.y += upstream; continue
                    default: break
                    }
                    if upstream == 0 { continue }
                    let d = Self.localDerivatives(instruction, slots)
                    adjoints[Int(instruction.a)] += upstream * d.a
                    if Self.isBinary(instruction.operation) { adjoints[Int(instruction.b)] += upstream * d.b }
                }
                return (slots[count - 1], gradient)
            }
        }
    }

    /// ∇²f(p), exactly, by second-order forward mode.
    public func hessian(at p: Vector2) -> Matrix2 {
        let count = instructions.count
        return instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Jet.self, capacity: count) { jets in
                for i in 0..<count {
                    let instruction = code[i]
                    switch instruction.operation {
                    case .constant: jets[i] = Jet(value: instruction.constant)
                    case .x: jets[i] = Jet(value: p.x, gradient: Vector2(1, 0))
                    case .y: jets[i] = Jet(value: p.y, gradient: Vector2(0, 1))
                    default:
                        let a = jets[Int(instruction.a)]
                        let b = Self.isBinary(instruction.operation) ? jets[Int(instruction.b)] : Jet(value: 0)
                        let d = Self.localDerivatives(instruction, a.value, b.value)
                        jets[i] = Jet(value: d.value,
                                      gradient: d.a * a.gradient + d.b * b.gradient,
                                      hessian: Jet.combine(d, a, b))
                    }
                }
                return jets[count - 1].hessian
            }
        }
    }

    /// Each instruction's forward value, local derivatives and adjoint at p, in evaluation order.
    public func trace(at p: Vector2) -> [FormulaTraceStep] {
        let count = instructions.count
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { slots in
            for i in 0..<count { slots[i] = Self.forward(instructions[i], slots, p) }
        }
        var adjoints = [Double](repeating: 0, count: count)
        adjoints[count - 1] = 1
        var locals = [(a: Double, b: Double)](repeating: (0, 0), count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            let instruction = instructions[i]
            guard !Self.isLeaf(instruction.operation) else { continue }
            let d = Self.localDerivatives(instruction, values[Int(instruction.a)],
                                          Self.isBinary(instruction.operation) ? values[Int(instruction.b)] : 0)
            locals[i] = (d.a, d.b)
            adjoints[Int(instruction.a)] += adjoints[i] * d.a
            if Self.isBinary(instruction.operation) { adjoints[Int(instruction.b)] += adjoints[i] * d.b }
        }
        return (0..<count).map { i in
            let instruction = instructions[i]
            let operands: [Int] = Self.isLeaf(instruction.operation) ? []
                : Self.isBinary(instruction.operation) ? [Int(instruction.a), Int(instruction.b)] : [Int(instruction.a)]
            let derivatives = operands.count == 2 ? [locals[i].a, locals[i].b] : operands.count == 1 ? [locals[i].a] : []
            return FormulaTraceStep(slot: i, instruction: instruction, operands: operands, value: values[i],
                                    localDerivatives: derivatives, adjoint: adjoints[i])
        }
    }

    // MARK: The rules of each operation

    static func isLeaf(_ operation: Operation) -> Bool { operation == .constant || operation == .x || operation == .y }

    static func isBinary(_ operation: Operation) -> Bool { operation.rawValue >= Operation.add.rawValue }

    @inline(__always)
    static func forward(_ instruction: Instruction, _ slots: UnsafeMutableBufferPointer<Double>, _ p: Vector2) -> Double {
        switch instruction.operation {
        case .constant: return instruction.constant
        case .x: return p.x
        case .y: return p.y
        default: break
        }
        let a = slots[Int(instruction.a)]
        switch instruction.operation {
        case .negate: return -a
        case .sin: return Math.sin(a)
        case .cos: return Math.cos(a)
        case .tan: return Math.tan(a)
        case .exp: return Math.exp(a)
        case .log: return a < 0 ? .nan : Math.log(a)
        case .sqrt: return a.squareRoot()
        case .abs: return Swift.abs(a)
        case .tanh: return Math.tanh(a)
        case .sigmoid: return sigmoid(a)
        case .softplus: return softplus(a)
        case .powerConstant: return power(a, instruction.constant)
        default: break
        }
        let b = slots[Int(instruction.b)]
        switch instruction.operation {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return power(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        default: return .nan
        }
    }

    /// An operation's value and its first and second partial derivatives by its operands a and b.
    struct LocalDerivatives {
        var value: Double
        var a: Double
        var b: Double = 0
        var aa: Double = 0
        var ab: Double = 0
        var bb: Double = 0
    }

    @inline(__always)
    static func localDerivatives(_ instruction: Instruction, _ slots: UnsafeMutableBufferPointer<Double>) -> LocalDerivatives {
        localDerivatives(instruction, slots[Int(instruction.a)], isBinary(instruction.operation) ? slots[Int(instruction.b)] : 0)
    }

    static func localDerivatives(_ instruction: Instruction, _ a: Double, _ b: Double) -> LocalDerivatives {
        switch instruction.operation {
        case .constant: return LocalDerivatives(value: instruction.constant, a: 0)
        case .x, .y: return LocalDerivatives(value: a, a: 1)
        case .negate: return LocalDerivatives(value: -a, a: -1)
        case .sin:
            let s = Math.sin(a)
            return LocalDerivatives(value: s, a: Math.cos(a), aa: -s)
        case .cos:
            let c = Math.cos(a)
            return LocalDerivatives(value: c, a: -Math.sin(a), aa: -c)
        case .tan:
            let t = Math.tan(a)
            return LocalDerivatives(value: t, a: 1 + t * t, aa: 2 * t * (1 + t * t))
        case .exp:
            let e = Math.exp(a)
            return LocalDerivatives(value: e, a: e, aa: e)
        case .log:
            return LocalDerivatives(value: a < 0 ? .nan : Math.log(a), a: 1 / a, aa: -1 / (a * a))
        case .sqrt:
            let r = a.squareRoot()
            return LocalDerivatives(value: r, a: 0.5 / r, aa: -0.25 / (a * r))
        case .abs:
            return LocalDerivatives(value: Swift.abs(a), a: a > 0 ? 1 : a < 0 ? -1 : 0)
        case .tanh:
            let t = Math.tanh(a)
            return LocalDerivatives(value: t, a: 1 - t * t, aa: -2 * t * (1 - t * t))
        case .sigmoid:
            let s = sigmoid(a)
            return LocalDerivatives(value: s, a: s * (1 - s), aa: s * (1 - s) * (1 - 2 * s))
        case .softplus:
            let s = sigmoid(a)
            return LocalDerivatives(value: softplus(a), a: s, aa: s * (1 - s))
        case .powerConstant:
            let c = instruction.constant
            if c == 0 { return LocalDerivatives(value: power(a, 0), a: 0) }
            if c == 1 { return LocalDerivatives(value: a, a: 1) }
            if c == 2 { return LocalDerivatives(value: a * a, a: 2 * a, aa: 2) }
            return LocalDerivatives(value: power(a, c), a: c * power(a, c - 1), aa: c * (c - 1) * power(a, c - 2))
        case .add: return LocalDerivatives(value: a + b, a: 1, b: 1)
        case .subtract: return LocalDerivatives(value: a - b, a: 1, b: -1)
        case .multiply: return LocalDerivatives(value: a * b, a: b, b: a, ab: 1)
        case .divide:
            let inverse = 1 / b
            return LocalDerivatives(value: a / b, a: inverse, b: -a * inverse * inverse,
                                    ab: -inverse * inverse, bb: 2 * a * inverse * inverse * inverse)
        case .power:
            // a^b = exp(b ln a): defined for a > 0 (and a = 0 < b); ∂/∂b needs ln a.
            let f = power(a, b)
            let logA = a > 0 ? Math.log(a) : (a == 0 ? -Double.infinity : .nan)
            let da = b == 0 ? 0 : b * power(a, b - 1)
            let db = f == 0 ? 0 : f * logA
            let daa = b == 0 || b == 1 ? 0 : b * (b - 1) * power(a, b - 2)
            let dab = a == 0 ? (b == 1 ? 1 : 0) : power(a, b - 1) * (1 + b * logA)
            let dbb = f == 0 ? 0 : f * logA * logA
            return LocalDerivatives(value: f, a: da, b: db, aa: daa, ab: dab, bb: dbb)
        case .min, .max:
            // At a tie the first operand takes the whole derivative (a subgradient).
            guard !a.isNaN, !b.isNaN else { return LocalDerivatives(value: .nan, a: .nan, b: .nan) }
            let first = instruction.operation == .min ? a <= b : a >= b
            return LocalDerivatives(value: first ? a : b, a: first ? 1 : 0, b: first ? 0 : 1)
        }
    }

    /// σ(u) = 1 / (1 + e^−u), without overflow for large |u|.
    @inline(__always) static func sigmoid(_ u: Double) -> Double {
        if u >= 0 { return 1 / (1 + Math.exp(-u)) }
        let e = Math.exp(u)
        return e / (1 + e)
    }

    /// softplus(u) = ln(1 + e^u) = max(u, 0) + ln(1 + e^−|u|), without overflow.
    @inline(__always) static func softplus(_ u: Double) -> Double {
        Swift.max(u, 0) + Math.log1p(Math.exp(-Swift.abs(u)))
    }

    /// a^b; an integer exponent is exact for negative a too (C's pow), a fractional one of a negative base is not a number.
    @inline(__always) static func power(_ a: Double, _ b: Double) -> Double {
        if b == 2 { return a * a }
        return Math.pow(a, b)
    }

    // MARK: Compilation

    struct Builder {
        var instructions: [Instruction] = []
        var xSlot: Int32?
        var ySlot: Int32?

        mutating func emit(_ node: FormulaNode) -> Int32 {
            switch node {
            case let .number(value): return append(Instruction(operation: .constant, a: 0, b: 0, constant: value))
            case .x:
                if let xSlot { return xSlot }
                xSlot = append(Instruction(operation: .x, a: 0, b: 0, constant: 0))
                return xSlot!
            case .y:
                if let ySlot { return ySlot }
                ySlot = append(Instruction(operation: .y, a: 0, b: 0, constant: 0))
                return ySlot!
            case let .unary(function, operand):
                let a = emit(operand)
                return append(Instruction(operation: Self.operation(of: function), a: a, b: 0, constant: 0))
            case let .binary(op, left, right):
                let a = emit(left)
                // A power of a constant exponent keeps the exponent in the instruction (exact for negative bases).
                if op == .power, case let .number(exponent) = right {
                    return append(Instruction(operation: .powerConstant, a: a, b: 0, constant: exponent))
                }
                let b = emit(right)
                return append(Instruction(operation: Self.operation(of: op), a: a, b: b, constant: 0))
            }
        }

        mutating func append(_ instruction: Instruction) -> Int32 {
            instructions.append(instruction)
            return Int32(instructions.count - 1)
        }

        static func operation(of function: FormulaFunction) -> Operation {
            switch function {
            case .negate: .negate
            case .sin: .sin
            case .cos: .cos
            case .tan: .tan
            case .exp: .exp
            case .log: .log
            case .sqrt: .sqrt
            case .abs: .abs
            case .tanh: .tanh
            case .sigmoid: .sigmoid
            case .softplus: .softplus
            }
        }

        static func operation(of op: FormulaOperator) -> Operation {
            switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            case .power: .power
            case .min: .min
            case .max: .max
            }
        }
    }
}

extension FormulaNode {
    /// The node with every operation on constants replaced by its value.
    var folded: FormulaNode {
        switch self {
        case .number, .x, .y: return self
        case let .unary(function, operand):
            let inner = operand.folded
            if case let .number(a) = inner {
                let instruction = FormulaProgram.Instruction(operation: FormulaProgram.Builder.operation(of: function), a: 0, b: 0, constant: 0)
                return .number(FormulaProgram.localDerivatives(instruction, a, 0).value)
            }
            return .unary(function, inner)
        case let .binary(op, left, right):
            let l = left.folded, r = right.folded
            if case let .number(a) = l, case let .number(b) = r {
                let instruction = FormulaProgram.Instruction(operation: FormulaProgram.Builder.operation(of: op), a: 0, b: 0, constant: 0)
                return .number(FormulaProgram.localDerivatives(instruction, a, b).value)
            }
            return .binary(op, l, r)
        }
    }
}

/// One node of the expression graph as `descent backprop` prints it.
public struct FormulaTraceStep: Sendable {
    public var slot: Int
    public var instruction: FormulaProgram.Instruction
    /// The slots it reads.
    public var operands: [Int]
    /// Its forward value.
    public var value: Double
    /// ∂node/∂operand for each operand, at the forward values.
    public var localDerivatives: [Double]
    /// ∂f/∂node from the backward pass.
    public var adjoint: Double

    /// The node as an expression of its operands' slots, e.g. "v2 * v3", "sin(v1)", "x", "4".
    public var expression: String {
        let names = operands.map { "v\($0)" }
        switch instruction.operation {
        case .constant: return formatFormulaNumber(instruction.constant)
        case .x: return "x"
        case .y: return "y"
        case .negate: return "-" + names[0]
        case .powerConstant: return names[0] + "^" + formatFormulaNumber(instruction.constant)
        case .add: return names[0] + " + " + names[1]
        case .subtract: return names[0] + " - " + names[1]
        case .multiply: return names[0] + " * " + names[1]
        case .divide: return names[0] + " / " + names[1]
        case .power: return names[0] + " ^ " + names[1]
        case .min, .max: return "\(instruction.operation)(\(names[0]), \(names[1]))"
        default: return "\(instruction.operation)(\(names[0]))"
        }
    }
}

/// A constant as a formula shows it: the shortest text that reads back as the same number.
func formatFormulaNumber(_ value: Double) -> String {
    if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

/// A slot's value, gradient and Hessian, carried forwards for `FormulaProgram.hessian`.
struct Jet {
    var value: Double
    var gradient: Vector2 = .zero
    var hessian = Matrix2(xx: 0, xy: 0, yy: 0)

    /// ∇²u for u = g(a, b): g_a ∇²a + g_b ∇²b + g_aa ∇a∇aᵀ + g_ab (∇a∇bᵀ + ∇b∇aᵀ) + g_bb ∇b∇bᵀ.
    static func combine(_ d: FormulaProgram.LocalDerivatives, _ a: Jet, _ b: Jet) -> Matrix2 {
        let ga = a.gradient, gb = b.gradient
        var xx = d.aa * ga.x * ga.x + 2 * d.ab * ga.x * gb.x + d.bb * gb.x * gb.x
        var xy = d.aa * ga.x * ga.y + d.ab * (ga.x * gb.y + gb.x * ga.y) + d.bb * gb.x * gb.y
        var yy = d.aa * ga.y * ga.y + 2 * d.ab * ga.y * gb.y + d.bb * gb.y * gb.y
        if d.a != 0 { xx += d.a * a.hessian.xx; xy += d.a * a.hessian.xy; yy += d.a * a.hessian.yy }
        if d.b != 0 { xx += d.b * b.hessian.xx; xy += d.b * b.hessian.xy; yy += d.b * b.hessian.yy }
        return Matrix2(xx: xx, xy: xy, yy: yy)
    }
}

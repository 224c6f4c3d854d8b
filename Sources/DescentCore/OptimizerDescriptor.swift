/// One tunable parameter of an optimizer, with its default and what it accepts.
public struct ParameterSpec: Sendable {
    public enum Requirement: Sendable, Equatable {
        case positive          // > 0
        case nonNegative       // ≥ 0
        case belowOne          // 0 ≤ v < 1
        case unitInterval      // 0 ≤ v ≤ 1
        case any

        func admits(_ v: Double) -> Bool {
            switch self {
            case .positive: return v > 0
            case .nonNegative: return v >= 0
            case .belowOne: return v >= 0 && v < 1
            case .unitInterval: return v >= 0 && v <= 1
            case .any: return true
            }
        }

        var text: String {
            switch self {
            case .positive: return "must be > 0"
            case .nonNegative: return "must be ≥ 0"
            case .belowOne: return "must be in [0, 1)"
            case .unitInterval: return "must be in [0, 1]"
            case .any: return "any finite number"
            }
        }
    }

    public enum Kind: Sendable {
        case real(default: Double, Requirement)
        case integer(default: Int, minimum: Int, maximum: Int = Int.max)
        case flag(default: Bool)
        case choice(default: String, options: [String])
    }

    public var name: String
    public var kind: Kind
    public var help: String

    /// A parameter declared with its key; the key's value type must be the kind's (checked as the catalogs load).
    public init<Value>(_ key: ParameterKey<Value>, _ kind: Kind, _ help: String) {
        switch kind {
        case .real: precondition(Value.self == Double.self, "\(key.name): a real parameter needs a Double key")
        case .integer: precondition(Value.self == Int.self, "\(key.name): an integer parameter needs an Int key")
        case .flag: precondition(Value.self == Bool.self, "\(key.name): a flag needs a Bool key")
        case .choice: precondition(Value.self == String.self, "\(key.name): a choice needs a String key")
        }
        name = key.name
        self.kind = kind
        self.help = help
    }

    public static func real(_ key: ParameterKey<Double>, _ value: Double, _ requirement: Requirement, _ help: String) -> ParameterSpec {
        ParameterSpec(key, .real(default: value, requirement), help)
    }

    /// The default as text, e.g. "0.001", "false".
    public var defaultText: String {
        switch kind {
        case let .real(value, _): return formatNumber(value)
        case let .integer(value, _, _): return String(value)
        case let .flag(value): return String(value)
        case let .choice(value, _): return value
        }
    }
}

/// Validated parameter values of one optimizer: every parameter it has, defaults filled in.
public struct ParameterValues: Equatable, Sendable {
    public private(set) var reals: [String: Double] = [:]
    public private(set) var integers: [String: Int] = [:]
    public private(set) var flags: [String: Bool] = [:]
    public private(set) var choices: [String: String] = [:]
    /// The seed of the optimizer's own generator (sgd noise, random-search samples).
    public var seed: UInt64 = 0

    public init() {}

    /// The value of a key the optimizer's descriptor declares (every declared key has one: its default at least).
    public subscript(key: ParameterKey<Double>) -> Double { reals[key.name]! }
    public subscript(key: ParameterKey<Int>) -> Int { integers[key.name]! }
    public subscript(key: ParameterKey<Bool>) -> Bool { flags[key.name]! }
    public subscript(key: ParameterKey<String>) -> String { choices[key.name]! }

    mutating func set(_ spec: ParameterSpec, text: String, optimizer: String) throws(DescentError) {
        let what = "\(optimizer) \(spec.name)"
        switch spec.kind {
        case let .real(_, requirement):
            let value = try parseFiniteNumber(text, what: what)
            guard requirement.admits(value) else {
                throw .invalidValue(what: what, value: text.trimmingSpaces, requirement: requirement.text)
            }
            reals[spec.name] = value
        case let .integer(_, minimum, maximum):
            guard let value = Int(text.trimmingSpaces) else {
                throw .malformedValue(what: what, text: text, expected: "a whole number")
            }
            guard value >= minimum else {
                throw .invalidValue(what: what, value: text.trimmingSpaces, requirement: "must be ≥ \(minimum)")
            }
            guard value <= maximum else {
                throw .invalidValue(what: what, value: text.trimmingSpaces, requirement: "must be ≤ \(maximum)")
            }
            integers[spec.name] = value
        case .flag:
            switch text.trimmingSpaces.lowercased() {
            case "true", "1", "yes", "on": flags[spec.name] = true
            case "false", "0", "no", "off": flags[spec.name] = false
            default: throw .malformedValue(what: what, text: text, expected: "true or false")
            }
        case let .choice(_, options):
            let value = text.trimmingSpaces.lowercased()
            guard options.contains(value) else {
                throw .unknownName(kind: "value for \(what)", name: text, suggestion: nearestName(to: value, in: options), choices: options)
            }
            choices[spec.name] = value
        }
    }

    mutating func setDefault(_ spec: ParameterSpec) {
        switch spec.kind {
        case let .real(value, _): reals[spec.name] = value
        case let .integer(value, _, _): integers[spec.name] = value
        case let .flag(value): flags[spec.name] = value
        case let .choice(value, _): choices[spec.name] = value
        }
    }

    /// The value of a parameter as text.
    public func text(of spec: ParameterSpec) -> String {
        switch spec.kind {
        case .real: return formatNumber(reals[spec.name] ?? .nan)
        case .integer: return String(integers[spec.name] ?? 0)
        case .flag: return String(flags[spec.name] ?? false)
        case .choice: return choices[spec.name] ?? ""
        }
    }
}

/// How an optimizer uses information about the surface.
public enum OptimizerFamily: String, Sendable {
    case firstOrder = "first-order"
    case secondOrder = "second-order"
    case derivativeFree = "derivative-free"
}

/// An entry of the optimizer registry: the name, what it teaches, its parameters and a factory.
public struct OptimizerDescriptor: Sendable {
    public var name: String
    public var family: OptimizerFamily
    /// The update rule in one line, e.g. "θ ← θ − γ g".
    public var rule: String
    /// One line on what this optimizer teaches.
    public var lesson: String
    /// The method's own parameters (the schedule keys are added for first-order methods).
    public var parameters: [ParameterSpec]
    /// True for methods that stop when converged and use a line search (cg, bfgs, lbfgs).
    public var usesLineSearch: Bool
    /// True when the method draws random numbers and so accepts `seed`.
    public var usesRandomness: Bool
    /// The keys besides `lr` that may change during a run (a scenario's `set` event); the optimizer's
    /// `adopt` takes them. Keys that only shape the state at the start (a schedule, a seed, an initial
    /// accumulator, the size of a history) are not among them.
    public var settableKeys: [String]
    /// Checks relations between parameters (e.g. c1 < c2); returns the problem, or nil when the values are fine.
    public var check: @Sendable (ParameterValues) -> String?
    public var make: @Sendable (ParameterValues) -> any Optimizer
    /// What the learning rate multiplies, and so which of a surface's suggested rates suits it.
    public var rateScale: RateScale
    /// torch.optim's names for keys descent spells otherwise, accepted in a spec and listed.
    public var aliases: [ParameterAlias] = []

    public init(
        name: String, family: OptimizerFamily, rule: String, lesson: String,
        parameters: [ParameterSpec], usesLineSearch: Bool = false, usesRandomness: Bool = false,
        settableKeys: [String] = [], rateScale: RateScale = .none, aliases: [ParameterAlias] = [],
        check: @escaping @Sendable (ParameterValues) -> String? = { _ in nil },
        make: @escaping @Sendable (ParameterValues) -> any Optimizer
    ) {
        self.check = check
        self.name = name
        self.family = family
        self.rule = rule
        self.lesson = lesson
        self.parameters = parameters
        self.usesLineSearch = usesLineSearch
        self.usesRandomness = usesRandomness
        self.settableKeys = settableKeys
        self.rateScale = rateScale
        self.aliases = aliases
        self.make = make
    }

    /// The rate that suits `surface` for this method when none was set by hand: the surface's curvature
    /// rate for methods whose step is γ times the gradient, its step-size rate for adaptive methods whose
    /// step is about γ in parameter units; nil for the others (their default stands).
    public func suggestedLearningRate(on surface: any Surface) -> Double? {
        guard hasLearningRate else { return nil }
        switch rateScale {
        case .gradient: return surface.gradientLearningRate
        case .stepSize: return surface.stepSizeLearningRate
        case .none: return nil
        }
    }

    /// True when the method has a learning rate `lr`.
    public var hasLearningRate: Bool { parameters.contains { $0.name == "lr" } }

    /// Every key a run may change: `lr` (for methods with a learning rate), then `settableKeys`, then
    /// `noise` for every first-order method — the gradient noise belongs to the run, not to the method's
    /// state, so it can change from any step on.
    public var keysSettableDuringRun: [String] {
        (hasLearningRate ? ["lr"] : []) + settableKeys + (acceptsBatch && !settableKeys.contains("noise") ? ["noise"] : [])
    }

    /// True when `schedule=` applies (first-order methods with a learning rate).
    public var acceptsSchedule: Bool { family == .firstOrder && hasLearningRate }

    /// True when `batch=` applies: first-order methods, which use only the gradient they are given, can
    /// train on minibatches of a data surface.
    public var acceptsBatch: Bool { family == .firstOrder }

    /// Every key a spec may set: the parameters, then the schedule keys, `noise`, `batch` and `seed` where they apply.
    public var allParameters: [ParameterSpec] {
        var all = parameters
        if acceptsSchedule { all += ParameterSpec.scheduleParameters }
        if acceptsBatch && !parameters.contains(where: { $0.name == "noise" }) { all.append(ParameterSpec.noiseParameter) }
        if acceptsBatch { all.append(ParameterSpec.batchParameter) }
        // torch.optim's weight_decay (L2, coupled; a method with its own decoupled decay keeps that) and maximize.
        if acceptsBatch && !parameters.contains(where: { $0.name == "weight_decay" }) { all.append(ParameterSpec.weightDecayParameter) }
        if acceptsBatch { all.append(ParameterSpec.maximizeParameter) }
        if usesRandomness { all.append(ParameterSpec(.seed, .integer(default: 0, minimum: 0), "seed of this optimizer's generator (default: the run's --seed)")) }
        all.append(ParameterSpec.averageParameter)
        return all
    }
}

/// What an optimizer's learning rate multiplies.
public enum RateScale: Sendable {
    /// The gradient itself (gd, sgd, momentum, Nesterov): a stable rate is about 1 / curvature.
    case gradient
    /// A normalised gradient (Adam, RMSProp, AdaGrad): a step is about γ in parameter units.
    case stepSize
    /// Something else (a damping, a multiplier of 1): the method's own default suits every surface.
    case none
}

/// A torch.optim name for one or more of a method's keys: `betas=B1/B2` for beta1 and beta2,
/// `history_size` for lbfgs's history. A spec may use either spelling (not both).
public struct ParameterAlias: Sendable {
    public var name: String
    /// The form it takes, e.g. "B1/B2".
    public var form: String
    public var help: String
    /// The keys and texts it stands for; throws when the text has not the alias's form.
    public var expand: @Sendable (String) throws(DescentError) -> [(key: String, text: String)]

    public init(_ name: String, form: String, help: String,
                expand: @escaping @Sendable (String) throws(DescentError) -> [(key: String, text: String)]) {
        self.name = name
        self.form = form
        self.help = help
        self.expand = expand
    }

    /// One key under torch's name.
    public static func rename(_ name: String, to key: String) -> ParameterAlias {
        ParameterAlias(name, form: "N", help: "torch's name for \(key)") { text in [(key, text)] }
    }

    /// torch's `betas=(β₁, β₂)`, written B1/B2 since commas separate keys.
    public static let betas = ParameterAlias("betas", form: "B1/B2", help: "torch's betas: beta1 and beta2, e.g. betas=0.9/0.999") { text throws(DescentError) in
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformedValue(what: "betas", text: text, expected: "B1/B2, e.g. 0.9/0.999") }
        return [("beta1", String(parts[0])), ("beta2", String(parts[1]))]
    }
}

extension ParameterSpec {
    /// torch.optim's weight_decay λ on a first-order method: the gradient each step is given becomes g + λθ
    /// (L2 regularisation: the method minimises f + ½λ|θ|²), before the method's own rule.
    public static let weightDecayParameter = ParameterSpec(
        .weightDecay, .real(default: 0, .nonNegative), "λ, L2 weight decay: the method is given g + λθ (it minimises f + ½λ|θ|²)")

    /// torch.optim's maximize: the method is given −∇f (then + λθ), so it climbs.
    public static let maximizeParameter = ParameterSpec(
        .maximize, .flag(default: false), "climb: the method is given −∇f instead of ∇f (torch's maximize)")

    /// Polyak averaging, on every method: the run also keeps θ̄ₜ = (θ₁ + … + θₜ)/t.
    public static let averageParameter = ParameterSpec(
        .average, .flag(default: false), "also keep the running average of the iterates θ̄ₜ = (θ₁ + … + θₜ)/t (Polyak averaging)")

    /// The minibatch size on a data surface (first-order methods).
    public static let batchParameter = ParameterSpec(
        .batch, .integer(default: 0, minimum: 0, maximum: DataSet.maximumCount),
        "minibatch size on a data surface: examples a step, without replacement within an epoch (0: all)")

    /// The keys that choose a learning-rate schedule.
    public static let scheduleParameters: [ParameterSpec] = [
        ParameterSpec(.schedule, .choice(default: "constant", options: LearningRateSchedule.names),
                      "learning-rate schedule: constant, step, exponential, inverse-time or cosine"),
        ParameterSpec(.stepSize, .integer(default: 100, minimum: 1), "step schedule: multiply by gamma every step_size steps"),
        ParameterSpec(.gamma, .real(default: 0.5, .positive), "step and exponential schedules: the factor q (exponential: 0.99 unless given)"),
        ParameterSpec(.decay, .real(default: 0.01, .nonNegative), "inverse-time schedule: γₜ = lr / (1 + decay (t − 1))"),
        ParameterSpec(.tMax, .integer(default: 100, minimum: 1, maximum: 1_000_000_000), "cosine schedule: steps from lr down to eta_min (torch's T_max)"),
        ParameterSpec(.etaMin, .real(default: 0, .nonNegative), "cosine schedule: the lowest rate η_min"),
    ]
}

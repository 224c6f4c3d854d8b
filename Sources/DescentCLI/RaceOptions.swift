import ArgumentParser
import DescentCore

/// The step limit a command uses when `--steps` is not given (its help shows it).
public protocol StepDefault { static var steps: Int { get } }

/// `descent run`, `sweep` and `search`: 1,000 steps.
public enum RunSteps: StepDefault { public static var steps: Int { 1000 } }
/// The visualizer (`descent`, `descent replay`): 100,000 steps.
public enum VisualizerSteps: StepDefault { public static var steps: Int { 100_000 } }
/// `descent render`: 100 steps.
public enum RenderSteps: StepDefault { public static var steps: Int { 100 } }
/// `descent basins`: 500 steps from every cell.
public enum BasinSteps: StepDefault { public static var steps: Int { 500 } }
/// `descent stability`: 200 steps in every cell.
public enum StabilitySteps: StepDefault { public static var steps: Int { 200 } }

/// The settings every race starts from when the options leave them out.
public enum RaceDefaults {
    /// The surfaces tried, in order, when `--surface` is not given (then the first in the catalog).
    public static let preferredSurfaces = ["ravine"]
    /// The optimizers raced when no `--optimizer` is given (those that exist; else the first in the catalog).
    public static let preferredOptimizers = ["gd", "momentum", "adam"]
    /// The largest data file read.
    public static let maximumDataBytes = 8 << 20

    /// The surface of a typed formula; an error points into the formula.
    static func formulaSurface(_ formula: String, view: ViewRect? = nil, what: String = "--expr") throws(DescentError) -> FormulaSurface {
        do {
            return try FormulaSurface(formula, view: view)
        } catch {
            throw .formula(what: what, error)
        }
    }
}

/// The race options as the argument parser declares them (`--surface`, `--optimizer`, …), shared by
/// the visualizer and the headless commands, each with its own default step limit (`Steps`). What
/// they mean is `settings`.
public struct RaceOptions<Steps: StepDefault>: ParsableArguments {
    @Option(help: ArgumentHelp("The loss surface (see `descent list surfaces`; default: ravine, else the first listed).", valueName: "name"), completion: Completions.surfaces)
    public var surface: String?

    @Option(help: ArgumentHelp("A formula of x and y as the surface, e.g. \"sin(x)*cos(y) + 0.1*(x^2+y^2)\" (+ - * / ^, sin cos tan exp log sqrt abs tanh sigmoid softplus min max, pi, e).", valueName: "formula"))
    public var expr: String?

    @Option(name: .customLong("expr-view"), parsing: .unconditional,
            help: ArgumentHelp("The rectangle a formula is drawn over (default: -5,5,-5,5).", valueName: "x0,x1,y0,y1"))
    public var exprView: String?

    @Option(help: ArgumentHelp("Two-column CSV data for a data surface: x,y for linreg (the default), x,label with labels 0/1 for logreg.", valueName: "file.csv"), completion: .file(extensions: ["csv"]))
    public var data: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The start point, e.g. -1.2,1 (default: the surface's own).", valueName: "x,y"))
    public var start: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The step limit for each optimizer (default: \(Steps.steps)).", valueName: "n"))
    public var steps: String?

    @Option(name: .customLong("grad-tol"), parsing: .unconditional,
            help: ArgumentHelp("Converged when |∇f| ≤ t; 0 turns the gradient stop off (default: 1e-6).", valueName: "t"))
    public var gradientTolerance: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The seed of every random draw (default: 0).", valueName: "s"))
    public var seed: String?

    @Option(name: .customLong("optimizer"), parsing: .singleValue,
            help: ArgumentHelp("An optimizer, as name or name:key=value,... (repeatable; default: gd, momentum, adam; see `descent list optimizers`).", valueName: "spec"), completion: Completions.optimizers)
    public var optimizers: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Stalled after n steps without a decrease of the loss by more than --min-delta (default: off).", valueName: "n"))
    public var patience: String?

    @Option(name: .customLong("min-delta"), parsing: .unconditional,
            help: ArgumentHelp("The smallest decrease of the loss that counts for --patience (default: 0).", valueName: "d"))
    public var minDelta: String?

    @Option(help: ArgumentHelp("A scenario to start from: NAME (scenarios/NAME.json here, else the shipped library) or FILE; the other options override its settings.", valueName: "name|file"), completion: Completions.scenarios)
    public var scenario: String?


    public init() {}

    /// The values given, as a plain value.
    public var settings: RaceSettings {
        RaceSettings(surface: surface, expr: expr, exprView: exprView, data: data, start: start, steps: steps,
                     gradientTolerance: gradientTolerance, seed: seed, optimizers: optimizers, patience: patience,
                     minDelta: minDelta, scenario: scenario, defaultSteps: Steps.steps)
    }
}

/// What to race: the surface, the start, the optimizers, the stop rules and the seed, as the command
/// line gives them (each nil when not given).
///
/// Values are kept as typed and checked by `makeRace()` and `makeScenario()`, so each mistake becomes
/// one `DescentError` line that names it.
public struct RaceSettings: Equatable, Sendable {
    public var surface: String?
    public var expr: String?
    public var exprView: String?
    public var data: String?
    public var start: String?
    public var steps: String?
    public var gradientTolerance: String?
    public var seed: String?
    public var optimizers: [String] = []
    public var patience: String?
    public var minDelta: String?
    public var scenario: String?
    /// The step limit when `--steps` is not given (the command's own).
    public var defaultSteps: Int

    public init(surface: String? = nil, expr: String? = nil, exprView: String? = nil, data: String? = nil, start: String? = nil,
                steps: String? = nil, gradientTolerance: String? = nil, seed: String? = nil, optimizers: [String] = [],
                patience: String? = nil, minDelta: String? = nil, scenario: String? = nil, defaultSteps: Int) {
        self.surface = surface
        self.expr = expr
        self.exprView = exprView
        self.data = data
        self.start = start
        self.steps = steps
        self.gradientTolerance = gradientTolerance
        self.seed = seed
        self.optimizers = optimizers
        self.patience = patience
        self.minDelta = minDelta
        self.scenario = scenario
        self.defaultSteps = defaultSteps
    }

    /// True when no option names what to race (the visualizer then opens its default lesson).
    public var namesNoRace: Bool { surface == nil && expr == nil && data == nil && optimizers.isEmpty && scenario == nil }

    /// The scenario these options describe: the one `--scenario` names with the other options laid
    /// over it, or one made from the options alone (`defaultSteps` when `--steps` is not given).
    public func makeScenario() throws(DescentError) -> Scenario {
        guard let scenario else {
            let race = try makeRace()
            return Scenario(surface: race.surface, optimizers: race.racers.map { ScenarioOptimizer(spec: $0.spec) },
                            start: start == nil ? nil : race.start, seed: race.seed, steps: race.rules.maxSteps,
                            gradientTolerance: race.rules.gradientTolerance, patience: race.rules.patience,
                            minDelta: race.rules.minDelta)
        }
        return try override(ScenarioFiles.load(scenario).scenario)
    }

    /// The scenario with every option given on the command line in place of its own setting.
    /// New optimizers drop the events that changed the file's optimizers (notes and pauses stay).
    public func override(_ loaded: Scenario) throws(DescentError) -> Scenario {
        var result = loaded
        if surface != nil || expr != nil || data != nil {
            result.surface = try resolvedSurface()
            result.view = nil
            result.start = nil
        }
        if let start { result.start = try parsePoint(start, what: "--start") }
        if !optimizers.isEmpty {
            result.optimizers = try resolvedOptimizers().map { ScenarioOptimizer(spec: $0) }
            result.events.removeAll { if case .setLearningRate = $0.event { true } else { false } }
        }
        if let steps { result.steps = try parseWholeNumber(steps, what: "--steps", minimum: 0) }
        if let gradientTolerance { result.gradientTolerance = try parseNonNegative(gradientTolerance, what: "--grad-tol") }
        if let patience { result.patience = try parseWholeNumber(patience, what: "--patience", minimum: 1) }
        if let minDelta { result.minDelta = try parseNonNegative(minDelta, what: "--min-delta") }
        if seed != nil { result.seed = try resolvedSeed() }
        return result
    }

    /// The race these options describe, not yet run.
    public func makeRace() throws(DescentError) -> Race {
        let surface = try resolvedSurface()
        let startPoint = try start.map { text throws(DescentError) in try parsePoint(text, what: "--start") }
        let specs = try resolvedOptimizers()
        for spec in specs { try spec.check(fits: surface) }
        return Race(surface: surface, start: startPoint, optimizers: specs,
                    rules: try stopRules(), seed: try resolvedSeed())
    }

    /// The surface named by `--surface` (a name or a data surface's SPEC), `--expr` or `--data`, or the default one.
    public func resolvedSurface() throws(DescentError) -> any Surface {
        if let data {
            if expr != nil { throw .invalid("--data and --expr both name a surface; --data goes with --surface linreg or logreg") }
            let spec = surface ?? DataSurface.Model.linearRegression.rawValue
            let model = String(spec.prefix { $0 != ":" }).trimmingSpaces.lowercased()
            guard DataSurface.Model(rawValue: model) != nil else {
                throw .invalid("--data needs a data surface (linreg or logreg), not '\(model.withVisibleControlCharacters)'")
            }
            let bytes = try ScenarioFiles.readFile(data, limit: RaceDefaults.maximumDataBytes)
            let examples = try DataSet(csv: String(decoding: bytes, as: UTF8.self), source: ScenarioFiles.baseName(of: data),
                                       binaryLabels: model == DataSurface.Model.logisticRegression.rawValue)
            return try SurfaceCatalog.surface(spec: spec, data: examples)
        }
        if let expr {
            if surface != nil { throw .invalid("--surface and --expr both name a surface; give one of them") }
            return try Self.formulaSurface(expr, view: exprView.map { text throws(DescentError) in try parseView(text, what: "--expr-view") })
        }
        if exprView != nil { throw .invalid("--expr-view applies to --expr, which is not given") }
        if let surface { return try SurfaceCatalog.surface(spec: surface) }
        let preferred = RaceDefaults.preferredSurfaces.lazy.compactMap { SurfaceCatalog.named($0) }.first
        guard let chosen = preferred ?? SurfaceCatalog.all.first else { throw .invalid("no surfaces are built in") }
        return chosen
    }

    static func formulaSurface(_ formula: String, view: ViewRect? = nil, what: String = "--expr") throws(DescentError) -> FormulaSurface {
        try RaceDefaults.formulaSurface(formula, view: view, what: what)
    }

    /// The parsed `--optimizer` specs, or the default ones.
    public func resolvedOptimizers() throws(DescentError) -> [OptimizerSpec] {
        if !optimizers.isEmpty {
            return try optimizers.map { text throws(DescentError) in try OptimizerSpec(parsing: text) }
        }
        let available = RaceDefaults.preferredOptimizers.filter(OptimizerCatalog.names.contains)
        if !available.isEmpty {
            return try available.map { name throws(DescentError) in try OptimizerSpec(parsing: name) }
        }
        guard let first = OptimizerCatalog.all.first else { throw .invalid("no optimizers are built in") }
        return [OptimizerSpec(descriptor: first)]
    }

    /// The stop rules from `--steps`, `--grad-tol`, `--patience` and `--min-delta`.
    public func stopRules() throws(DescentError) -> StopRules {
        var rules = StopRules(maxSteps: defaultSteps)
        if let steps { rules.maxSteps = try parseWholeNumber(steps, what: "--steps", minimum: 0) }
        if let gradientTolerance {
            rules.gradientTolerance = try parseNonNegative(gradientTolerance, what: "--grad-tol")
        }
        if let patience { rules.patience = try parseWholeNumber(patience, what: "--patience", minimum: 1) }
        if let minDelta { rules.minDelta = try parseNonNegative(minDelta, what: "--min-delta") }
        return rules
    }

    /// The run's seed from `--seed` (default 0).
    public func resolvedSeed() throws(DescentError) -> UInt64 {
        guard let seed else { return 0 }
        guard let value = UInt64(seed.trimmingSpaces) else {
            throw .malformedValue(what: "--seed", text: seed, expected: "a whole number ≥ 0")
        }
        return value
    }
}

/// A whole number ≥ `minimum`, as typed for an option.
func parseWholeNumber(_ text: String, what: String, minimum: Int) throws(DescentError) -> Int {
    let trimmed = text.trimmingSpaces
    guard let value = Int(trimmed) else { throw .malformedValue(what: what, text: text, expected: "a whole number") }
    guard value >= minimum else { throw .invalidValue(what: what, value: trimmed, requirement: "must be ≥ \(minimum)") }
    return value
}

/// A finite number ≥ 0, as typed for an option.
func parseNonNegative(_ text: String, what: String) throws(DescentError) -> Double {
    let value = try parseFiniteNumber(text, what: what)
    guard value >= 0 else { throw .invalidValue(what: what, value: text.trimmingSpaces, requirement: "must be ≥ 0") }
    return value
}

/// A parsed optimizer specification: `name` or `name:key=value,key=value`
/// (e.g. `adam:lr=0.01,beta1=0.9`, `gd:lr=0.1,schedule=step,step_size=50,gamma=0.5`).
public struct OptimizerSpec: Sendable {
    public var descriptor: OptimizerDescriptor
    /// Every parameter's value, defaults filled in.
    public var values: ParameterValues
    /// The keys the person set, in the order given.
    public var explicitKeys: [String]
    /// The learning-rate schedule (constant unless `schedule=` was given).
    public var schedule: LearningRateSchedule
    /// True when `seed=` was given; otherwise the run's seed applies.
    public var hasOwnSeed: Bool

    public var name: String { descriptor.name }

    /// The minibatch size on a data surface (0: the full batch; always 0 where `batch` does not apply).
    public var batchSize: Int { descriptor.acceptsBatch ? values[.batch] : 0 }

    /// Throws when this spec asks for something `surface` cannot give: minibatches need a data surface.
    public func check(fits surface: any Surface) throws(DescentError) {
        guard batchSize > 0, !(surface is DataSurface) else { return }
        throw .invalid("\(name): batch=\(batchSize) needs a data surface (linreg, logreg or --data); \(surface.name) has no examples to batch")
    }

    /// λ of the L2 weight decay the gradient is given (`weight_decay=`; 0 for a method whose own decay is decoupled).
    public var l2WeightDecay: Double {
        descriptor.acceptsBatch && !descriptor.parameters.contains(where: { $0.name == "weight_decay" }) ? values[.weightDecay] : 0
    }

    /// True when the method is given −∇f (`maximize=true`).
    public var maximizes: Bool { descriptor.acceptsBatch && values[.maximize] }

    /// True when the run also keeps the running average of its iterates (`average=true`).
    public var averages: Bool { values[.average] }

    /// The base learning rate, or nil for methods without one.
    public var learningRate: Double? { descriptor.hasLearningRate ? values[.lr] : nil }

    /// The spec with its defaults: exactly what `name` alone means.
    public init(descriptor: OptimizerDescriptor) {
        self.descriptor = descriptor
        values = ParameterValues()
        for spec in descriptor.allParameters { values.setDefault(spec) }
        explicitKeys = []
        schedule = .constant
        hasOwnSeed = false
    }

    /// Parses a spec; every error names the bad part and suggests the nearest valid name.
    public init(parsing text: String) throws(DescentError) {
        let trimmed = text.trimmingSpaces
        let nameEnd = trimmed.firstIndex(of: ":") ?? trimmed.endIndex
        let name = String(trimmed[..<nameEnd]).trimmingSpaces.lowercased()
        guard !name.isEmpty else { throw .invalid("optimizer spec '\(text)' has no optimizer name") }
        // "adam lr=0.1" or "adam,lr=0.1": a known name, then settings without the colon.
        if let cut = name.firstIndex(where: { $0 == " " || $0 == "," || $0 == "\t" }),
           OptimizerCatalog.names.contains(String(name[..<cut])), name[cut...].contains("=") {
            let settings = name[cut...].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).joined(separator: ",")
            throw .invalid("optimizer spec '\(text.trimmingSpaces)' is not name:key=value,...; did you mean '\(name[..<cut]):\(settings)'?")
        }
        self.init(descriptor: try OptimizerCatalog.descriptor(named: name))

        guard nameEnd < trimmed.endIndex else { return }
        let settings = trimmed[trimmed.index(after: nameEnd)...]
        let parameters = descriptor.allParameters
        for item in settings.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let given = String(pair[0]).trimmingSpaces.lowercased()
            guard pair.count == 2, !given.isEmpty else {
                throw .invalid("\(name): '\(item.trimmingSpaces)' is not key=value (in spec '\(text)')")
            }
            // torch's spelling of a key (betas=B1/B2, history_size=N) stands for descent's.
            let expanded: [(key: String, text: String)]
            if let alias = descriptor.aliases.first(where: { $0.name == given }) {
                expanded = try alias.expand(String(pair[1]))
            } else {
                expanded = [(given, String(pair[1]))]
            }
            for (key, value) in expanded {
                guard let spec = parameters.first(where: { $0.name == key }) else {
                    let names = parameters.map(\.name) + descriptor.aliases.map(\.name)
                    throw .unknownName(kind: "key for \(name)", name: key, suggestion: nearestName(to: key, in: names), choices: names)
                }
                guard !explicitKeys.contains(key) else { throw .invalid("\(name): key '\(key)' is given twice") }
                try values.set(spec, text: value, optimizer: name)
                explicitKeys.append(key)
            }
        }
        if let problem = descriptor.check(values) { throw .invalid("\(name): \(problem)") }
        hasOwnSeed = explicitKeys.contains("seed")
        if descriptor.acceptsSchedule { schedule = makeSchedule() }
    }

    private func makeSchedule() -> LearningRateSchedule {
        let gammaGiven = explicitKeys.contains("gamma")
        switch values[.schedule] {
        case "step":
            return .step(every: values[.stepSize], gamma: values[.gamma])
        case "exponential":
            return .exponential(gamma: gammaGiven ? values[.gamma] : 0.99)
        case "inverse-time":
            return .inverseTime(decay: values[.decay])
        case "cosine":
            return .cosine(tMax: values[.tMax], etaMin: values[.etaMin])
        default:
            return .constant
        }
    }

    /// A fresh optimizer with empty state; `runSeed` seeds it unless the spec has its own seed.
    /// The gradient noise of a first-order method with `noise` > 0, seeded by the spec's own `seed`
    /// when it sets one, else by the run's.
    public func gradientNoise(runSeed: UInt64) -> GradientNoise? {
        guard descriptor.acceptsBatch, values[.noise] > 0 else { return nil }
        return GradientNoise(sigma: values[.noise], seed: hasOwnSeed ? UInt64(values[.seed]) : runSeed)
    }

    public func makeOptimizer(runSeed: UInt64) -> any Optimizer {
        var values = self.values
        values.seed = hasOwnSeed ? UInt64(values[.seed]) : runSeed
        return descriptor.make(values)
    }

    /// The spec as text: the name and the keys the person set, e.g. "adam:lr=0.01".
    public var text: String { text(omitting: []) }

    /// The spec as text without the given keys, e.g. "momentum:momentum=0.6" for a panel that shows the
    /// rate on a line of its own.
    public func text(omitting omitted: Set<String>) -> String {
        let parameters = descriptor.allParameters
        let pairs = explicitKeys.filter { !omitted.contains($0) }.compactMap { key in
            parameters.first { $0.name == key }.map { "\(key)=\(values.text(of: $0))" }
        }
        return pairs.isEmpty ? name : name + ":" + pairs.joined(separator: ",")
    }

    /// The spec with one key set to `text` (checked as `name:key=text` would be), e.g. a change of
    /// momentum during a run.
    public func setting(_ key: String, to text: String) throws(DescentError) -> OptimizerSpec {
        var copy = self
        guard let parameter = descriptor.allParameters.first(where: { $0.name == key }) else {
            throw .unknownName(kind: "key for \(name)", name: key, suggestion: nearestName(to: key, in: descriptor.allParameters.map(\.name)), choices: [])
        }
        try copy.values.set(parameter, text: text, optimizer: name)
        if let problem = descriptor.check(copy.values) { throw .invalid("\(name): \(problem)") }
        if !copy.explicitKeys.contains(key) { copy.explicitKeys.append(key) }
        return copy
    }

    /// The spec with a different base learning rate (for a keystroke that changes it).
    public func withLearningRate(_ lr: Double) -> OptimizerSpec {
        var copy = self
        guard descriptor.hasLearningRate, let spec = descriptor.parameters.first(where: { $0.name == "lr" }) else { return copy }
        try? copy.values.set(spec, text: "\(lr)", optimizer: name)
        if !copy.explicitKeys.contains("lr") { copy.explicitKeys.insert("lr", at: 0) }
        return copy
    }
}

/// One optimizer as it enters a race: its spec, and optionally a label and a start of its own.
public struct RaceEntry: Sendable {
    public var spec: OptimizerSpec
    public var label: String?
    public var start: Vector2?

    public init(spec: OptimizerSpec, label: String? = nil, start: Vector2? = nil) {
        self.spec = spec
        self.label = label
        self.start = start
    }
}

/// Any number of optimizers racing on one surface from one start point (or each from its own).
///
/// Deterministic: the same surface, start, specs, rules and seed give the same trajectories.
public struct Race: Sendable {
    public private(set) var surface: any Surface
    public private(set) var start: Vector2
    public private(set) var racers: [Racer]
    public private(set) var rules: StopRules
    public let seed: UInt64
    /// Which iterates every racer keeps.
    public let recording: Recording
    /// The id the next racer added will get (ids are never reused within a race).
    private var nextID: Int

    public init(surface: any Surface, start: Vector2? = nil, optimizers specs: [OptimizerSpec], rules: StopRules = StopRules(), seed: UInt64 = 0,
                recording: Recording = .everyStep) {
        self.init(surface: surface, start: start, entries: specs.map { RaceEntry(spec: $0) }, rules: rules, seed: seed, recording: recording)
    }

    /// A race of these entries; racer i gets id i.
    public init(surface: any Surface, start: Vector2? = nil, entries: [RaceEntry], rules: StopRules = StopRules(), seed: UInt64 = 0,
                recording: Recording = .everyStep) {
        self.surface = surface
        self.recording = recording
        let start = start ?? surface.defaultStart
        self.start = start
        self.rules = rules
        self.seed = seed
        racers = entries.enumerated().map { index, entry in
            Racer(id: index, spec: entry.spec, label: entry.label, ownStart: entry.start, seed: seed,
                  start: start, surface: surface, rules: rules, recording: recording)
        }
        nextID = entries.count
    }

    /// True while at least one optimizer is running.
    public var isRunning: Bool { racers.contains { $0.status.isRunning } }

    /// The number of steps the race has taken: the largest step count among the racers.
    public var stepCount: Int { racers.map(\.stepCount).max() ?? 0 }

    /// The index in `racers` of the racer with this id, if it is racing.
    public func index(ofRacer id: Int) -> Int? { racers.firstIndex { $0.id == id } }

    /// Every running optimizer takes one step.
    public mutating func step() {
        for i in racers.indices { racers[i].advance(on: surface, rules: rules) }
    }

    /// Steps until every optimizer has stopped or `count` steps were taken.
    public mutating func run(steps count: Int) {
        let surface = self.surface, rules = self.rules
        for i in racers.indices { racers[i].run(steps: count, on: surface, rules: rules) }
    }

    /// Runs every optimizer until it stops (the step limit bounds this).
    public mutating func runToEnd() { run(steps: rules.maxSteps) }

    /// Every optimizer back to `start` (or the current start; a racer with its own start goes back to
    /// that) with empty state; learning rates set by hand are kept.
    public mutating func reset(start newStart: Vector2? = nil) {
        if let newStart { start = newStart }
        for i in racers.indices { racers[i].restart(at: racers[i].ownStart ?? start, surface: surface, rules: rules) }
    }

    /// A new surface: the race restarts at `start` (default: the surface's default start).
    public mutating func setSurface(_ newSurface: any Surface, start newStart: Vector2? = nil) {
        surface = newSurface
        reset(start: newStart ?? newSurface.defaultStart)
    }

    /// Changes one optimizer's base learning rate from its next step on, exactly as given;
    /// false when it has no learning rate or `lr` is not positive and finite.
    @discardableResult
    public mutating func setLearningRate(_ lr: Double, forRacer index: Int) -> Bool {
        racers[index].setLearningRate(lr)
    }

    /// Changes one optimizer's parameter (not the learning rate) from its next step on, keeping its state.
    public mutating func setParameter(_ key: String, to text: String, forRacer index: Int) throws(DescentError) {
        try racers[index].setParameter(key, to: text)
    }

    /// Adds a racer (a new id) and restarts the race.
    public mutating func add(_ entry: RaceEntry) {
        racers.append(Racer(id: nextID, spec: entry.spec, label: entry.label, ownStart: entry.start, seed: seed,
                            start: start, surface: surface, rules: rules, recording: recording))
        nextID += 1
        reset()
    }

    /// Removes the racers with these ids (the others keep theirs) and restarts the race.
    public mutating func remove(racers ids: Set<Int>) {
        racers.removeAll { ids.contains($0.id) }
        reset()
    }

    /// Every racer lets go of all but its last `count` iterates (see `Racer.forgetHistory`).
    public mutating func forgetHistory(keepingLast count: Int = 1) {
        for i in racers.indices { racers[i].forgetHistory(keepingLast: count) }
    }

    /// New stop rules; the race restarts.
    public mutating func setRules(_ newRules: StopRules) {
        rules = newRules
        reset()
    }
}

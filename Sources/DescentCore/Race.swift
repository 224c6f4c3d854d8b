/// Any number of optimizers racing on one surface from one start point.
///
/// Deterministic: the same surface, start, specs, rules and seed give the same trajectories.
public struct Race: Sendable {
    public private(set) var surface: any Surface
    public private(set) var start: Vector2
    public private(set) var racers: [Racer]
    public private(set) var rules: StopRules
    public let seed: UInt64

    public init(surface: any Surface, start: Vector2? = nil, optimizers specs: [OptimizerSpec], rules: StopRules = StopRules(), seed: UInt64 = 0) {
        self.surface = surface
        self.start = start ?? surface.defaultStart
        self.rules = rules
        self.seed = seed
        racers = specs.map { Racer(spec: $0, seed: seed, start: start ?? surface.defaultStart, surface: surface, rules: rules) }
    }

    /// True while at least one optimizer is running.
    public var isRunning: Bool { racers.contains { $0.status.isRunning } }

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

    /// Every optimizer back to `start` (or the current start) with empty state; learning rates set by hand are kept.
    public mutating func reset(start newStart: Vector2? = nil) {
        if let newStart { start = newStart }
        for i in racers.indices { racers[i].restart(at: start, surface: surface, rules: rules) }
    }

    /// A new surface: the race restarts at `start` (default: the surface's default start).
    public mutating func setSurface(_ newSurface: any Surface, start newStart: Vector2? = nil) {
        surface = newSurface
        reset(start: newStart ?? newSurface.defaultStart)
    }

    /// Changes one optimizer's base learning rate from its next step on.
    public mutating func setLearningRate(_ lr: Double, forRacer index: Int) {
        racers[index].setLearningRate(lr)
    }

    /// Replaces the racing optimizers; every one starts again.
    public mutating func setOptimizers(_ specs: [OptimizerSpec]) {
        racers = specs.map { Racer(spec: $0, seed: seed, start: start, surface: surface, rules: rules) }
    }

    /// New stop rules; the race restarts.
    public mutating func setRules(_ newRules: StopRules) {
        rules = newRules
        reset()
    }
}

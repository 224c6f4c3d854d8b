/// One optimizer of a scenario: its spec, and optionally a label and a start of its own — exactly
/// what enters a race.
public typealias ScenarioOptimizer = RaceEntry

/// A saved setup and timeline: what `descent replay` plays and `w` writes (format version 1,
/// documented in scenarios/scenario.schema.json). Text fields hold no control characters: the
/// reader removes them.
///
/// Unset fields take the defaults `descent run` uses.
public struct Scenario: Sendable {
    public static let version = 1
    public static let defaultSteps = 1000
    public static let defaultSpeed = 20
    /// The speeds a scenario may ask for (steps per second).
    public static let speedRange = 1...1000

    public var title: String?
    public var notes: String?
    public var surface: any Surface
    public var view: ViewRect?
    public var start: Vector2?
    public var seed: UInt64
    public var speed: Int?
    public var steps: Int?
    public var gradientTolerance: Double?
    /// 0 turns the patience rule off.
    public var patience: Int?
    public var minDelta: Double?
    public var optimizers: [ScenarioOptimizer]
    /// Events in step order; `.setLearningRate(racer: i, …)` names the optimizer at index i.
    public var events: [TimedEvent]

    public init(surface: any Surface, optimizers: [ScenarioOptimizer], title: String? = nil, notes: String? = nil,
                view: ViewRect? = nil, start: Vector2? = nil, seed: UInt64 = 0, speed: Int? = nil, steps: Int? = nil,
                gradientTolerance: Double? = nil, patience: Int? = nil, minDelta: Double? = nil, events: [TimedEvent] = []) {
        self.surface = surface
        self.optimizers = optimizers
        self.title = title
        self.notes = notes
        self.view = view
        self.start = start
        self.seed = seed
        self.speed = speed
        self.steps = steps
        self.gradientTolerance = gradientTolerance
        self.patience = patience
        self.minDelta = minDelta
        self.events = events
    }

    /// The stop rules, defaults filled in.
    public var rules: StopRules {
        StopRules(gradientTolerance: gradientTolerance ?? StopRules().gradientTolerance, minDelta: minDelta ?? 0,
                  patience: patience.flatMap { $0 > 0 ? $0 : nil }, maxSteps: steps ?? Self.defaultSteps)
    }

    /// The race it describes, not yet run; optimizer i is racer i.
    public func makeRace(recording: Recording = .everyStep) -> Race {
        Race(surface: surface, start: start, entries: optimizers, rules: rules, seed: seed, recording: recording)
    }

    /// The race with its timeline, events at step 0 already applied.
    public func makeSession(recording: Recording = .everyStep) -> Session { Session(race: makeRace(recording: recording), events: events) }

    /// The first sentence of the notes (the picker shows it under the list).
    public var summary: String {
        guard let notes else { return "" }
        let characters = Array(notes)
        for i in characters.indices.dropLast() where characters[i] == "." && characters[i + 1] == " " {
            return String(characters[...i])
        }
        return notes
    }
}

extension Scenario: Equatable {
    /// Two scenarios are equal when they write the same document.
    public static func == (lhs: Scenario, rhs: Scenario) -> Bool { lhs.jsonText == rhs.jsonText }
}

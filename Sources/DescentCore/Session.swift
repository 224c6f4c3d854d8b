/// Something that happens to a race at a given step: what a scenario's `events` hold and what a
/// key press records.
public enum SessionEvent: Equatable, Sendable {
    /// The base learning rate of the racer with this id, from its next step on, exactly as given.
    case setLearningRate(racer: Int, Double)
    /// Another parameter of the racer with this id (one of its descriptor's `keysSettableDuringRun` but lr), as SPEC
    /// text, from its next step on; the optimizer keeps its state.
    case setParameter(racer: Int, key: String, text: String)
    /// A line of text to show from this step on.
    case note(String)
    /// Playback pauses here.
    case pause
}

/// An event at step k: it takes effect after k steps, before step k + 1 — exactly what pressing a
/// key at step k does.
public struct TimedEvent: Equatable, Sendable {
    public var step: Int
    public var event: SessionEvent

    public init(step: Int, _ event: SessionEvent) {
        self.step = step
        self.event = event
    }
}

/// A race with a timeline of events, stepped by one loop for the visualizer, `run` and `render`:
/// the events of a step are applied before the step after it, whatever the batches the steps come in.
///
/// Time is counted in steps, never in seconds, so a session replays the same way at any speed.
public struct Session: Sendable {
    public private(set) var race: Race
    /// The events still to come, in step order (stable for events of the same step).
    public private(set) var pending: [TimedEvent]
    /// The notes, pauses and parameter changes already applied, in order; learning-rate changes live in the racers.
    public private(set) var passed: [TimedEvent]

    public init(race: Race, events: [TimedEvent] = []) {
        self.race = race
        pending = Self.sorted(events)
        passed = []
        _ = applyDueEvents()
    }

    /// The latest note shown, if any.
    public var note: String? {
        for event in passed.reversed() { if case let .note(text) = event.event { return text } }
        return nil
    }

    /// Every event of the session so far and to come, with each racer's learning-rate changes —
    /// what a saved scenario holds.
    public var recordedEvents: [TimedEvent] {
        var events = passed + pending.filter { if case .setLearningRate = $0.event { false } else { true } }
        for racer in race.racers {
            for change in racer.learningRateChanges.dropFirst() {
                events.append(TimedEvent(step: change.step - 1, .setLearningRate(racer: racer.id, change.learningRate)))
            }
        }
        for event in pending { if case .setLearningRate = event.event { events.append(event) } }
        return Self.sorted(events)
    }

    /// Takes up to `count` steps, applying each event at its step. Returns true when a pause event
    /// was reached (the steps stop there).
    @discardableResult
    public mutating func advance(steps count: Int) -> Bool {
        var remaining = count
        while remaining > 0 && race.isRunning {
            let now = race.stepCount
            let chunk = pending.first.map { min(remaining, max(1, $0.step - now)) } ?? remaining
            race.run(steps: chunk)
            remaining -= chunk
            if applyDueEvents() { return true }
        }
        return false
    }

    /// Runs to the step limit (or until every racer has stopped), passing over pauses.
    public mutating func runToEnd() {
        while race.isRunning { advance(steps: race.rules.maxSteps) }
    }

    /// Applies the events whose step has come; true when one of them is a pause.
    private mutating func applyDueEvents() -> Bool {
        var paused = false
        let now = race.stepCount
        while let next = pending.first, next.step <= now {
            pending.removeFirst()
            switch next.event {
            case let .setLearningRate(id, rate):
                if let index = race.index(ofRacer: id) { race.setLearningRate(rate, forRacer: index) }
            case let .setParameter(id, key, text):
                if let index = race.index(ofRacer: id) { try? race.setParameter(key, to: text, forRacer: index) }
                passed.append(next)
            case .note:
                passed.append(next)
            case .pause:
                passed.append(next)
                paused = true
            }
        }
        return paused
    }

    /// A change made by hand: the learning rate of one racer from its next step on. The timeline
    /// still to come is dropped (the session branches from the replay); returns whether it had any.
    @discardableResult
    public mutating func setLearningRateByHand(_ rate: Double, forRacer index: Int) -> Bool {
        let hadTimeline = !pending.isEmpty
        pending = []
        race.setLearningRate(rate, forRacer: index)
        return hadTimeline
    }

    /// A change made by hand: a parameter other than the learning rate of one racer (one of its
    /// settable keys), from its next step on, recorded as a set event so that a saved scenario repeats it.
    /// The timeline still to come is dropped; returns whether it had any.
    @discardableResult
    public mutating func setParameterByHand(_ key: String, to text: String, forRacer index: Int) throws(DescentError) -> Bool {
        try race.setParameter(key, to: text, forRacer: index)
        let hadTimeline = !pending.isEmpty
        pending = []
        let racer = race.racers[index]
        passed.append(TimedEvent(step: racer.stepCount, .setParameter(racer: racer.id, key: key, text: text)))
        return hadTimeline
    }

    /// Changes the race in a way that restarts it (a new surface, start, optimizer set): the
    /// timeline is dropped, since its steps no longer mean anything. Returns whether it had one.
    @discardableResult
    public mutating func restart(_ change: (inout Race) -> Void) -> Bool {
        let hadTimeline = !pending.isEmpty || !passed.isEmpty
        pending = []
        passed = []
        change(&race)
        return hadTimeline
    }

    /// Every racer lets go of all but its last `count` iterates (bounded memory; the run goes on exactly).
    public mutating func forgetHistory(keepingLast count: Int = 1) { race.forgetHistory(keepingLast: count) }

    /// The steps of a paused session, one at a time (the `n` key); events apply as they come.
    public mutating func stepOnce() { advance(steps: 1) }

    private static func sorted(_ events: [TimedEvent]) -> [TimedEvent] {
        events.enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }.map(\.element)
    }
}

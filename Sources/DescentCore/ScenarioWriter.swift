extension Scenario {
    /// The scenario as a JSON document in the format's key order, one optimizer and one event a
    /// line; every number reads back as exactly the same double, so a saved session replays bit for bit.
    public var jsonText: String {
        var lines: [String] = []
        func field(_ key: String, _ value: String) { lines.append("  \(JSONText.quoted(key)): \(value)") }
        field("version", String(Self.version))
        if let title { field("title", JSONText.quoted(title)) }
        if let notes { field("notes", JSONText.quoted(notes)) }
        field("surface", surface.scenarioJSON)
        if let view { field("view", view.jsonText) }
        if let start { field("start", Self.pointText(start)) }
        field("seed", String(seed))
        if let speed { field("speed", String(speed)) }
        if let steps { field("steps", String(steps)) }
        var stop: [String] = []
        if let gradientTolerance { stop.append("\"grad_tol\": \(JSONText.number(gradientTolerance))") }
        if let patience { stop.append("\"patience\": \(patience)") }
        if let minDelta { stop.append("\"min_delta\": \(JSONText.number(minDelta))") }
        if !stop.isEmpty { field("stop", "{" + stop.joined(separator: ", ") + "}") }
        let optimizerLines = optimizers.map { "    " + Self.optimizerText($0) }
        field("optimizers", "[\n" + optimizerLines.joined(separator: ",\n") + "\n  ]")
        if !events.isEmpty {
            let eventLines = events.map { "    " + Self.eventText($0) }
            field("events", "[\n" + eventLines.joined(separator: ",\n") + "\n  ]")
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    static func pointText(_ point: Vector2) -> String { "[\(JSONText.number(point.x)), \(JSONText.number(point.y))]" }

    /// `{"name": "adam", "lr": 0.2, …}`: the keys the spec sets, in the order they were given.
    static func optimizerText(_ optimizer: ScenarioOptimizer) -> String {
        let spec = optimizer.spec
        var pairs = ["\"name\": \(JSONText.quoted(spec.name))"]
        let parameters = spec.descriptor.allParameters
        for key in spec.explicitKeys {
            guard let parameter = parameters.first(where: { $0.name == key }) else { continue }
            let value: String
            switch parameter.kind {
            case .real: value = JSONText.number(spec.values[ParameterKey<Double>(key)])
            case .integer: value = String(spec.values[ParameterKey<Int>(key)])
            case .flag: value = String(spec.values[ParameterKey<Bool>(key)])
            case .choice: value = JSONText.quoted(spec.values[ParameterKey<String>(key)])
            }
            pairs.append("\(JSONText.quoted(key)): \(value)")
        }
        if let label = optimizer.label { pairs.append("\"label\": \(JSONText.quoted(label))") }
        if let start = optimizer.start { pairs.append("\"start\": \(pointText(start))") }
        return "{" + pairs.joined(separator: ", ") + "}"
    }

    static func eventText(_ event: TimedEvent) -> String {
        switch event.event {
        case let .setLearningRate(racer, rate):
            return "{\"step\": \(event.step), \"optimizer\": \(racer), \"set\": {\"lr\": \(JSONText.number(rate))}}"
        case let .note(text):
            return "{\"step\": \(event.step), \"note\": \(JSONText.quoted(text))}"
        case .pause:
            return "{\"step\": \(event.step), \"pause\": true}"
        case let .setParameter(racer, key, text):
            // Settable keys are numbers and flags, whose SPEC text is their JSON text.
            return "{\"step\": \(event.step), \"optimizer\": \(racer), \"set\": {\(JSONText.quoted(key)): \(text)}}"
        }
    }

    /// The scenario of a session as it stands: the setup each racer started this run with (the
    /// learning rate of its step 1) and every event — learning-rate changes by hand or by the
    /// timeline, notes, pauses — with racers renumbered by their place in the race.
    public init(session: Session, view: ViewRect?, speed: Int?, title: String?, notes: String?) {
        let race = session.race
        let optimizers = race.racers.map { racer in
            ScenarioOptimizer(spec: racer.launchSpec, label: racer.label, start: racer.ownStart)
        }
        var events: [TimedEvent] = []
        for event in session.recordedEvents {
            switch event.event {
            case let .setLearningRate(id, rate):
                guard let index = race.index(ofRacer: id) else { continue }
                events.append(TimedEvent(step: event.step, .setLearningRate(racer: index, rate)))
            case let .setParameter(id, key, text):
                guard let index = race.index(ofRacer: id) else { continue }
                events.append(TimedEvent(step: event.step, .setParameter(racer: index, key: key, text: text)))
            case .note, .pause:
                events.append(event)
            }
        }
        let rules = race.rules
        self.init(surface: race.surface, optimizers: optimizers, title: title, notes: notes, view: view,
                  start: race.start, seed: race.seed, speed: speed, steps: rules.maxSteps,
                  gradientTolerance: rules.gradientTolerance, patience: rules.patience ?? 0, minDelta: rules.minDelta,
                  events: events)
    }
}

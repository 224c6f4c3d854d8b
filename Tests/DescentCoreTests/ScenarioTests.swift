@testable import DescentCore
import Testing

private func read(_ text: String) throws(DescentError) -> Scenario { try Scenario(json: Array(text.utf8)) }

/// The error message reading `text` gives, or nil when it reads.
private func error(_ text: String) -> String? {
    do {
        _ = try read(text)
        return nil
    } catch {
        return error.description
    }
}

private let minimal = #"{"version": 1, "surface": "saddle", "optimizers": [{"name": "gd"}, {"name": "adam", "lr": 0.1}, {"name": "cg"}]"#

struct ScenarioReadingTests {
    @Test func aMinimalScenarioTakesTheDefaultsOfRun() throws {
        let scenario = try read(minimal + "}")
        #expect(scenario.surface.name == "saddle")
        #expect(scenario.optimizers.map(\.spec.text) == ["gd", "adam:lr=0.1", "cg"])
        #expect(scenario.seed == 0)
        #expect(scenario.rules == StopRules(gradientTolerance: 1e-6, minDelta: 0, patience: nil, maxSteps: 1000))
        #expect(scenario.events.isEmpty)
        #expect(scenario.makeRace().start == Vector2(-2.5, 0.001))
    }

    @Test func theFormatsExampleReadsWithEveryField() throws {
        let text = """
        {
          "version": 1,
          "title": "Momentum in a ravine",
          "notes": "Plain gradient descent zig-zags across the narrow valley ...",
          "surface": "ravine",
          "view": {"x": [-5, 5], "y": [-4, 4]},
          "start": [-4.5, 3],
          "seed": 0,
          "speed": 20,
          "steps": 400,
          "stop": {"grad_tol": 1e-6, "patience": 0, "min_delta": 0},
          "optimizers": [
            {"name": "gd", "lr": 0.03, "label": "gradient descent"},
            {"name": "momentum", "lr": 0.03, "momentum": 0.8},
            {"name": "adam", "lr": 0.2, "schedule": "step", "step_size": 50, "gamma": 0.5}
          ],
          "events": [
            {"step": 120, "optimizer": 0, "set": {"lr": 0.09}},
            {"step": 150, "note": "Now gd's rate is too large: watch it bounce."},
            {"step": 200, "pause": true}
          ]
        }
        """
        let scenario = try read(text)
        #expect(scenario.title == "Momentum in a ravine")
        #expect(scenario.view == ViewRect(minX: -5, maxX: 5, minY: -4, maxY: 4))
        #expect(scenario.start == Vector2(-4.5, 3))
        #expect(scenario.speed == 20)
        #expect(scenario.rules.maxSteps == 400)
        #expect(scenario.optimizers[0].label == "gradient descent")
        #expect(scenario.optimizers[2].spec.schedule == .step(every: 50, gamma: 0.5))
        #expect(scenario.events == [
            TimedEvent(step: 120, .setLearningRate(racer: 0, 0.09)),
            TimedEvent(step: 150, .note("Now gd's rate is too large: watch it bounce.")),
            TimedEvent(step: 200, .pause),
        ])
    }

    @Test func badFilesNameTheJSONPathOfTheBadPart() {
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "gd"}, {"name": "adam", "lr": -1}]}"#)
                == "optimizers[1].lr: must be > 0")
        #expect(error(#"{"version": 1, "surface": "saddle", "optimisers": []}"#) == "optimisers: unknown key (did you mean 'optimizers'?)")
        #expect(error(minimal + #", "events": [{"step": 1, "note": "a"}, {"step": 2, "note": "b"}, {"step": 3, "optimizer": 5, "set": {"lr": 1}}]}"#)
                == "events[2].optimizer: 5 is out of range (3 optimizers)")
        #expect(error(#"{"version": 2, "surface": "saddle", "optimizers": [{"name": "gd"}]}"#)
                == "version 2 is not supported (this descent reads version 1)")
        #expect(error(#"{"surface": "saddle", "optimizers": [{"name": "gd"}]}"#) == "missing 'version'")
        #expect(error(#"{"version": 1, "surface": "sadle", "optimizers": [{"name": "gd"}]}"#)?.hasPrefix("surface: unknown surface 'sadle' (did you mean 'saddle'?)") == true)
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": []}"#) == "optimizers: needs at least 1 item")
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "adma"}]}"#) == "optimizers[0].name: unknown optimizer 'adma' (did you mean 'adam'?)")
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "adam", "beta": 0.9}]}"#) == "optimizers[0].beta: unknown key (did you mean 'beta1'?)")
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "adam", "lr": "0.1"}]}"#) == "optimizers[0].lr: expected a number, found a string")
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "momentum", "momentum": 1}]}"#) == "optimizers[0].momentum: must be in [0, 1)")
        #expect(error(#"{"version": 1, "surface": "saddle", "optimizers": [{"name": "bfgs", "c1": 0.5, "c2": 0.4}]}"#)?.hasPrefix("optimizers[0]: ") == true)
        #expect(error(minimal + #", "steps": 10.5}"#) == "steps: 10.5 is not a whole number")
        #expect(error(minimal + #", "view": {"x": [1, -1], "y": [0, 1]}}"#) == "view.x: the first bound must be below the second")
        #expect(error(minimal + #", "events": [{"step": 3, "optimizer": 2, "set": {"lr": 0.1}}]}"#) == "events[0].set.lr: cg has no learning rate")
        #expect(error(minimal + #", "events": [{"step": 3, "optimizer": 0, "set": {"lr": 0}}]}"#) == "events[0].set.lr: must be > 0")
        #expect(error(minimal + #", "events": [{"step": 3, "note": "a", "pause": true}]}"#)?.hasPrefix("events[0]: an event holds exactly one of") == true)
        #expect(error(minimal + #", "events": [{"step": 5, "pause": true}, {"step": 4, "pause": true}]}"#)?.hasPrefix("events[1].step: 4 comes before") == true)
        #expect(error("[1, 2]") == "the document: expected an object, found an array")
    }

    @Test func malformedJSONSaysWhereAndWhat() {
        #expect(error("{\"version\": 1,\n \"surface\": x}") == "not valid JSON: line 2, column 13: expected a value")
        // The '}' after the comma is character count + 2 of the line.
        #expect(error(minimal + ",}") == "not valid JSON: line 1, column \(minimal.count + 2): a comma before '}'")
        #expect(error(#"{"version": 1"#) == "not valid JSON: line 1, column 14: unexpected end of the document")
        #expect(error(#"{"version": 01}"#)?.contains("leading zero") == true)
        #expect(error(#"{"a": "x"#)?.contains("a string is not closed") == true)
        #expect(error(#"{"version": 1e400, "surface": "bowl", "optimizers": [{"name": "gd"}]}"#)?.contains("out of range") == true)
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(error(deep)?.contains("nested deeper than 16 levels") == true)
        #expect(error(String(repeating: " ", count: (1 << 20) + 1))?.hasPrefix("larger than 1 MB") == true)
    }

    @Test func textFromAFileLosesItsControlCharacters() throws {
        let scenario = try read(#"{"version": 1, "title": "a\u001b]0;pwned\u0007b\u009bc", "surface": "bowl", "optimizers": [{"name": "gd", "label": "x\u001b[2Jy"}], "events": [{"step": 0, "note": "n\u001bo\nte"}]}"#)
        #expect(scenario.title == "a]0;pwnedbc")
        #expect(scenario.optimizers[0].label == "x[2Jy")
        #expect(scenario.events == [TimedEvent(step: 0, .note("note"))])
    }

    @Test func writingThenReadingGivesTheSameDocumentAndTheSameNumbers() throws {
        let text = """
        {"version": 1, "title": "t \\"q\\"", "notes": "n", "surface": "rosenbrock", "view": {"x": [-2.5, 2], "y": [-1, 3.000000000000001]},
         "start": [-1.2, 1], "seed": 18446744073709551615, "speed": 37, "steps": 123,
         "stop": {"grad_tol": 1e-9, "patience": 20, "min_delta": 0.1},
         "optimizers": [{"name": "adam", "lr": 0.1, "amsgrad": true, "label": "A"}, {"name": "sgd", "seed": 7, "start": [0.1, -0.0]},
                        {"name": "gd", "lr": 0.3, "schedule": "inverse-time", "decay": 0.5}],
         "events": [{"step": 0, "note": "go"}, {"step": 4, "optimizer": 2, "set": {"lr": 0.30000000000000004}}, {"step": 9, "pause": true}]}
        """
        let scenario = try read(text)
        let written = scenario.jsonText
        let again = try Scenario(json: Array(written.utf8))
        #expect(again.jsonText == written)
        #expect(again.seed == UInt64.max)
        #expect(again.view?.maxY == 3.000000000000001)
        #expect(again.optimizers[1].start.map { $0.y.sign } == .minus)
        #expect(again.events[1] == TimedEvent(step: 4, .setLearningRate(racer: 2, 0.30000000000000004)))
        #expect(again.rules == scenario.rules)
        var first = scenario.makeSession(), second = again.makeSession()
        first.runToEnd()
        second.runToEnd()
        #expect(first.race.racers.map(\.points) == second.race.racers.map(\.points))
    }

    /// Thousands of mutated and truncated scenario files: the reader never crashes, and what it
    /// accepts writes back to a document it reads the same way.
    @Test func mutatedAndTruncatedFilesGiveAnErrorOrAValidScenario() throws {
        let seedText = Array("""
        {"version": 1, "title": "T", "notes": "N", "surface": "ravine", "view": {"x": [-5, 5], "y": [-4, 4]}, "start": [-4.5, 3],
         "seed": 3, "speed": 20, "steps": 40, "stop": {"grad_tol": 1e-6, "patience": 0, "min_delta": 0},
         "optimizers": [{"name": "gd", "lr": 0.03, "label": "g"}, {"name": "adam", "lr": 0.2, "schedule": "step", "step_size": 5}],
         "events": [{"step": 2, "optimizer": 0, "set": {"lr": 0.09}}, {"step": 3, "note": "x"}, {"step": 4, "pause": true}]}
        """.utf8)
        let alphabet = Array(#"{}[],:"0123456789-+.eE truefalsnul\#u{1b}\#u{7f}é"#.utf8)
        var random = SeededGenerator(seed: 42)
        var accepted = 0
        for trial in 0..<4000 {
            var bytes = seedText
            if trial % 4 == 0 {
                bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
            } else {
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    let index = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 3 {
                    case 0: bytes[index] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: index)
                    }
                    if bytes.isEmpty { bytes = [0x7B] }
                }
            }
            guard let scenario = try? Scenario(json: bytes) else { continue }
            accepted += 1
            let written = scenario.jsonText
            let reread = try Scenario(json: Array(written.utf8))
            #expect(reread.jsonText == written)
        }
        #expect(accepted > 50, "the mutations should leave some files valid")
        #expect(accepted < 4000)
    }
}

struct SessionTests {
    private func gdRace(_ lr: Double = 0.09) throws -> Race {
        Race(surface: try SurfaceCatalog.surface(named: "ravine"), optimizers: [try OptimizerSpec(parsing: "gd:lr=\(lr)")],
             rules: StopRules(maxSteps: 300))
    }

    @Test func anEventAtStepKActsAsAKeyPressedAfterKSteps() throws {
        // By the timeline…
        var replayed = Session(race: try gdRace(0.03), events: [TimedEvent(step: 40, .setLearningRate(racer: 0, 0.09))])
        replayed.runToEnd()
        // …and by hand: 40 steps, then the change, then the rest.
        var byHand = try gdRace(0.03)
        byHand.run(steps: 40)
        byHand.setLearningRate(0.09, forRacer: 0)
        byHand.runToEnd()
        #expect(replayed.race.racers[0].points == byHand.racers[0].points)
        #expect(replayed.race.racers[0].learningRate(forStep: 40) == 0.03)
        #expect(replayed.race.racers[0].learningRate(forStep: 41) == 0.09)
    }

    @Test func theBatchesTheStepsComeInChangeNothing() throws {
        let events = [TimedEvent(step: 7, .setLearningRate(racer: 0, 0.05)), TimedEvent(step: 7, .note("a")),
                      TimedEvent(step: 30, .setLearningRate(racer: 0, 0.01))]
        var whole = Session(race: try gdRace(), events: events)
        whole.runToEnd()
        for batch in [1, 3, 7, 64] {
            var stepped = Session(race: try gdRace(), events: events)
            while stepped.race.isRunning { stepped.advance(steps: batch) }
            #expect(stepped.race.racers[0].points == whole.race.racers[0].points, "batch \(batch)")
            #expect(stepped.note == "a")
        }
    }

    @Test func aPauseStopsTheStepsAtItsStepAndNotesShowFromTheirs() throws {
        var session = Session(race: try gdRace(), events: [TimedEvent(step: 5, .note("first")), TimedEvent(step: 12, .pause),
                                                           TimedEvent(step: 20, .note("second"))])
        #expect(session.note == nil)
        #expect(session.advance(steps: 10) == false)
        #expect(session.race.stepCount == 10)
        #expect(session.note == "first")
        #expect(session.advance(steps: 10) == true)
        #expect(session.race.stepCount == 12)
        #expect(session.advance(steps: 10) == false)
        #expect(session.race.stepCount == 22)
        #expect(session.note == "second")
    }

    @Test func racersKeepTheirIdsWhenOthersComeAndGo() throws {
        var race = Race(surface: try SurfaceCatalog.surface(named: "bowl"),
                        optimizers: try ["gd", "adam", "sgd"].map { try OptimizerSpec(parsing: $0) })
        race.remove(racers: [0])
        race.add(RaceEntry(spec: try OptimizerSpec(parsing: "momentum")))
        #expect(race.racers.map(\.id) == [1, 2, 3])
        #expect(race.index(ofRacer: 2) == 1)
        #expect(race.index(ofRacer: 0) == nil)
        // An event aimed at adam (id 1) still finds it.
        var session = Session(race: race, events: [TimedEvent(step: 0, .setLearningRate(racer: 1, 0.5))])
        session.advance(steps: 1)
        #expect(session.race.racers[0].learningRate == 0.5)
        #expect(session.race.racers[2].learningRate == 0.01)
    }

    @Test func aSavedSessionHoldsTheLaunchRatesAndEveryChange() throws {
        var session = Session(race: try gdRace(0.03))
        session.advance(steps: 10)
        session.setLearningRateByHand(0.07, forRacer: 0)
        session.advance(steps: 5)
        session.setLearningRateByHand(0.02, forRacer: 0)
        let scenario = Scenario(session: session, view: nil, speed: 20, title: nil, notes: nil)
        #expect(scenario.optimizers.map(\.spec.text) == ["gd:lr=0.03"])
        #expect(scenario.events == [TimedEvent(step: 10, .setLearningRate(racer: 0, 0.07)), TimedEvent(step: 15, .setLearningRate(racer: 0, 0.02))])
        session.runToEnd()
        var replay = try Scenario(json: Array(scenario.jsonText.utf8)).makeSession()
        replay.runToEnd()
        #expect(replay.race.racers[0].points == session.race.racers[0].points)
    }

    @Test func eachRacerWithItsOwnStartStartsAndResetsThere() throws {
        var race = Race(surface: try SurfaceCatalog.surface(named: "wells"), start: Vector2(0, 0),
                        entries: [RaceEntry(spec: try OptimizerSpec(parsing: "gd")), RaceEntry(spec: try OptimizerSpec(parsing: "gd"), start: Vector2(1, -2))])
        #expect(race.racers.map(\.currentPoint) == [Vector2(0, 0), Vector2(1, -2)])
        race.run(steps: 3)
        race.reset(start: Vector2(0.5, 0.5))
        #expect(race.racers.map(\.currentPoint) == [Vector2(0.5, 0.5), Vector2(1, -2)])
    }
}

struct ParameterEventTests {
    @Test func aSetEventChangesMomentumKeepingTheVelocity() throws {
        let scenario = try Scenario(json: Array(#"""
        {"version": 1, "surface": "ravine", "steps": 60, "stop": {"grad_tol": 0},
         "optimizers": [{"name": "momentum", "lr": 0.02, "momentum": 0.9}],
         "events": [{"step": 20, "optimizer": 0, "set": {"momentum": 0.5, "lr": 0.03}}]}
        """#.utf8))
        #expect(scenario.events == [TimedEvent(step: 20, .setLearningRate(racer: 0, 0.03)),
                                    TimedEvent(step: 20, .setParameter(racer: 0, key: "momentum", text: "0.5"))])
        var session = scenario.makeSession()
        session.runToEnd()
        // Heavy ball written out here: b = g at first, then b ← μ b + g; θ ← θ − γ b; ∇f = (x, 20y).
        var (x, y) = (-4.5, 3.0), b = (x: 0.0, y: 0.0)
        for t in 1...60 {
            let (gamma, mu) = t <= 20 ? (0.02, 0.9) : (0.03, 0.5)
            let g = (x: x, y: 20 * y)
            b = t == 1 ? g : (mu * b.x + (1 - 0) * g.x, mu * b.y + (1 - 0) * g.y)
            (x, y) = (x - gamma * b.x, y - gamma * b.y)
            #expect(session.race.racers[0].points[t] == Vector2(x, y), "step \(t)")
        }
        #expect(session.race.racers[0].currentSpec.text == "momentum:lr=0.03,momentum=0.5")
        // Saved and read back, the session replays the same.
        let saved = Scenario(session: session, view: nil, speed: nil, title: nil, notes: nil)
        #expect(saved.optimizers[0].spec.text == "momentum:lr=0.02,momentum=0.9")
        var again = try Scenario(json: Array(saved.jsonText.utf8)).makeSession()
        again.runToEnd()
        #expect(again.race.racers[0].points == session.race.racers[0].points)
    }

    /// Every key a descriptor says may change during a run does change the steps after it.
    @Test(arguments: OptimizerCatalog.all.filter { $0.keysSettableDuringRun.contains { $0 != "lr" } }.map(\.name))
    func everySettableKeyTakesEffect(_ name: String) throws {
        let descriptor = try OptimizerCatalog.descriptor(named: name)
        for key in descriptor.keysSettableDuringRun where key != "lr" {
            let parameter = try #require(descriptor.allParameters.first { $0.name == key })
            let text: String
            switch parameter.kind {
            case let .real(value, requirement):
                switch key {
                case "c1":
                    // Just below c2: a much stricter sufficient decrease.
                    guard case let .real(c2, _)? = descriptor.allParameters.first(where: { $0.name == "c2" })?.kind else { continue }
                    text = String(c2 * 0.99)
                case "c2": text = value > 0.5 ? "0.1" : "0.5"
                default: text = String(requirement == .belowOne || requirement == .unitInterval ? (value > 0.5 ? value / 2 : 0.7) : value * 3 + 0.01)
                }
            case let .integer(value, _, _): text = String(value * 2)
            default: continue
            }
            let specText = descriptor.hasLearningRate && descriptor.family == .firstOrder ? "\(name):lr=0.0002" : name
            func run(changing: Bool, spec: String = specText) throws -> [Vector2] {
                let race = Race(surface: try SurfaceCatalog.surface(named: "rosenbrock"), start: Vector2(-1.2, 1),
                                optimizers: [try OptimizerSpec(parsing: spec)],
                                rules: StopRules(gradientTolerance: 0, maxSteps: 40))
                var session = Session(race: race, events: changing ? [TimedEvent(step: 5, .setParameter(racer: 0, key: key, text: text))] : [])
                session.runToEnd()
                return session.race.racers[0].points
            }
            let plain = try run(changing: false), changed = try run(changing: true)
            #expect(Array(plain.prefix(6)) == Array(changed.prefix(6)), "\(name) \(key): the steps before the change")
            // Where the value would matter from the start, it matters from the change on.
            let fromStart = try run(changing: false, spec: specText + (specText.contains(":") ? "," : ":") + "\(key)=\(text)")
            if fromStart != plain { #expect(plain != changed, "\(name) \(key)=\(text) changed nothing") }
        }
    }

    @Test func keysThatCannotChangeSayWhy() {
        let base = #"{"version": 1, "surface": "bowl", "optimizers": [{"name": "lbfgs"}, {"name": "gd"}], "events": ["#
        func error(_ event: String) -> String? {
            do { _ = try Scenario(json: Array((base + event + "]}").utf8)); return nil } catch { return error.description }
        }
        #expect(error(#"{"step": 1, "optimizer": 0, "set": {"history": 3}}"#) == "events[0].set.history: lbfgs's history cannot change during a run (it may set: c1, c2)")
        #expect(error(#"{"step": 1, "optimizer": 1, "set": {"momentum": 0.5}}"#)?.hasPrefix("events[0].set.momentum: unknown key") == true)
        #expect(error(#"{"step": 1, "optimizer": 0, "set": {"c1": 0.95}}"#)?.hasPrefix("events[0].set.c1: ") == true)
        #expect(error(#"{"step": 1, "optimizer": 0, "set": {"c2": 0.5}}"#) == nil)
    }
}

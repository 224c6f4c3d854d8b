import DescentCore
import DescentLibrary
import Foundation
import Testing

/// The repository's scenarios/ folder.
let scenariosFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scenarios")

func shipped(_ name: String) throws -> Scenario {
    try Scenario(json: try #require(ShippedScenarios.bytes(named: name)))
}

/// Replays a shipped scenario headless, as `descent run --scenario` does.
func replayed(_ name: String) throws -> Race {
    var session = try shipped(name).makeSession()
    session.runToEnd()
    return session.race
}

/// The lengths of the steps of a trajectory, |θₖ − θₖ₋₁| for k = 1, 2, …
func stepLengths(_ racer: Racer) -> [Double] {
    zip(racer.points.dropFirst(), racer.points).map { ($0 - $1).length }
}

struct ShippedLibraryTests {
    @Test func theBinaryEmbedsExactlyTheFilesOfScenarios() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: scenariosFolder.path)
            .filter { $0.hasSuffix(".json") && $0 != "scenario.schema.json" }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(ShippedScenarios.names))
        #expect(ShippedScenarios.names.count == 14)
        for name in ShippedScenarios.names {
            let onDisk = try Data(contentsOf: scenariosFolder.appendingPathComponent(name + ".json"))
            #expect(Array(onDisk) == ShippedScenarios.bytes(named: name), "\(name)")
        }
    }

    @Test func theShippedSchemaIsTheOneMadeFromTheCatalogs() throws {
        let onDisk = try String(contentsOf: scenariosFolder.appendingPathComponent("scenario.schema.json"), encoding: .utf8)
        #expect(onDisk == Scenario.schemaText, "regenerate it: descent list schema > scenarios/scenario.schema.json")
    }

    @Test(arguments: ShippedScenarios.names)
    func everyShippedScenarioIsValidAgainstTheSchemaAndReads(_ name: String) throws {
        let schema = try JSONValue.parse(Array(Scenario.schemaText.utf8))
        let document = try JSONValue.parse(try #require(ShippedScenarios.bytes(named: name)))
        let problems = SchemaValidator(root: schema).problems(of: document)
        #expect(problems.isEmpty, "\(name): \(problems)")
        let scenario = try shipped(name)
        #expect(scenario.title?.isEmpty == false)
        #expect((scenario.notes?.count ?? 0) > 80, "\(name) teaches its lesson in its notes")
    }

    /// What the reader refuses, the schema refuses too (for what JSON Schema can say), and the other way round.
    @Test func theSchemaAndTheReaderAgreeOnMutatedScenarios() throws {
        let schema = SchemaValidator(root: try JSONValue.parse(Array(Scenario.schemaText.utf8)))
        let base = try #require(ShippedScenarios.bytes(named: "learning-rate-by-hand"))
        let replacements: [(String, String)] = [
            ("\"lr\": 0.005", "\"lr\": -1"), ("\"lr\": 0.005", "\"lr\": \"x\""), ("\"speed\": 20", "\"speed\": 0"),
            ("\"speed\": 20", "\"speed\": 2.5"), ("\"version\": 1", "\"version\": 2"), ("\"name\": \"gd\"", "\"name\": \"gdx\""),
            ("\"name\": \"gd\"", "\"name\": \"gd\", \"momentum\": 0.5"), ("\"surface\": \"ravine\"", "\"surface\": \"ravin\""),
            ("\"pause\": true", "\"pause\": false"), ("\"steps\": 400", "\"steps\": -1"), ("\"start\": [-4.5, 3]", "\"start\": [1]"),
            ("\"note\": \"lr 0.005", "\"pause\": true, \"note\": \"lr 0.005"), ("\"set\": {\"lr\": 0.105}", "\"set\": {}"),
            ("\"title\"", "\"titel\""), ("\"speed\": 20", "\"speed\": 1000"), ("\"lr\": 0.005", "\"lr\": 5e-3, \"schedule\": \"step\""),
        ]
        for (old, new) in replacements {
            let text = String(decoding: base, as: UTF8.self)
            #expect(text.contains(old))
            let mutated = try JSONValue.parse(Array(text.replacingOccurrences(of: old, with: new).utf8))
            let schemaAccepts = schema.problems(of: mutated).isEmpty
            let readerAccepts = (try? Scenario(json: mutated)) != nil
            #expect(schemaAccepts == readerAccepts, "\(new): schema \(schemaAccepts), reader \(readerAccepts)")
        }
    }
}

/// Each shipped lesson, replayed headless: what its notes say happens, happens.
struct ShippedLessonTests {
    @Test func bowlLearningRates() throws {
        let race = try replayed("bowl-learning-rates")
        let (smooth, oneStep, oscillates, diverges) = (race.racers[0], race.racers[1], race.racers[2], race.racers[3])
        // 0.1: every step shrinks the distance by 0.8 without crossing the minimum.
        #expect(smooth.status.label == "converged")
        #expect(smooth.points.allSatisfy { $0.x <= 0 && $0.y >= 0 })
        // 0.5: lands in one step.
        #expect(oneStep.status == .converged(step: 1))
        #expect(oneStep.currentPoint == Vector2(0, 0))
        // 0.9: converges while crossing to the other side every step.
        #expect(oscillates.status.label == "converged")
        #expect(zip(oscillates.points, oscillates.points.dropFirst()).allSatisfy { $0.x * $1.x < 0 })
        // 1.05: each bounce larger than the last, until it diverges.
        guard case .diverged = diverges.status else { Issue.record("1.05: \(diverges.status)"); return }
        #expect(zip(diverges.points, diverges.points.dropFirst()).allSatisfy { $1.length > $0.length })
        // The four paths do not lie on one line: the start is off the diagonal.
        let start = race.start
        #expect(abs(start.x) != abs(start.y))
    }

    @Test func ravineMomentumTheDefaultLaunch() throws {
        let race = try replayed("ravine-momentum")
        let (gd, momentum, nesterov) = (race.racers[0], race.racers[1], race.racers[2])
        for racer in [gd, momentum, nesterov] { #expect(racer.status.label == "converged", "\(racer.name)") }
        // gd zig-zags across the valley: y changes sign on most of its first 30 steps.
        let crossings = zip(gd.points.prefix(30), gd.points.prefix(30).dropFirst()).filter { $0.y * $1.y < 0 }.count
        #expect(crossings >= 25)
        // Momentum's steps across it partly cancel: it still swings, but more slowly (a sign change every few steps).
        let momentumCrossings = zip(momentum.points.prefix(30), momentum.points.prefix(30).dropFirst()).filter { $0.y * $1.y < 0 }.count
        #expect(momentumCrossings < crossings / 2)
        #expect(momentum.points[2...6].contains { abs($0.y) > 1 })
        // Nesterov's look-ahead stops the swing within two steps.
        #expect(nesterov.points.dropFirst(2).prefix(100).allSatisfy { abs($0.y) < 1e-12 })
        // …and gd is clearly beaten by the two that build speed along it.
        let gdSteps = try #require(gd.status.step), momentumSteps = try #require(momentum.status.step)
        let nesterovSteps = try #require(nesterov.status.step)
        #expect(Double(momentumSteps) < 0.7 * Double(gdSteps))
        #expect(Double(nesterovSteps) < 0.7 * Double(gdSteps))
    }

    @Test func saddleEscape() throws {
        let race = try replayed("saddle-escape")
        let (gd, sgd, newton) = (race.racers[0], race.racers[1], race.racers[2])
        let saddle = Vector2(0, 0)
        // |∇f| vanished at a point with an indefinite Hessian: the status says saddle, not converged.
        #expect(gd.status.label == "saddle")
        #expect(gd.status.summary.hasPrefix("stopped at a saddle at step"))
        #expect((gd.currentPoint - saddle).length < 1e-5)
        #expect(abs(sgd.currentPoint.y) > 1, "sgd left the ridge for a minimum at y = ±√2")
        #expect(sgd.loss < -0.9)
        #expect(newton.status == .stoppedAtSaddle(step: 1))
        #expect((newton.currentPoint - saddle).length < 1e-12)
    }

    @Test func plateauAdaptive() throws {
        let race = try replayed("plateau-adaptive")
        let (gd, rmsprop, adam) = (race.racers[0], race.racers[1], race.racers[2])
        #expect(gd.status.label == "finished")
        #expect((gd.currentPoint - race.start).length < 0.01, "gd has hardly moved")
        for racer in [rmsprop, adam] {
            #expect(racer.status.label == "converged", "\(racer.name)")
            // A steady pace: while on the plateau (farther than 2 from the minimum, where |∇f| < 0.08
            // and falls to 10⁻⁵ at the start) every step is about the learning rate long, however small the gradient.
            let lengths = stepLengths(racer)
            let rate = try #require(racer.learningRate)
            let onPlateau = lengths.indices.filter { racer.points[$0].length > 2 }
            #expect(onPlateau.count >= 10, "\(racer.name)")
            #expect(onPlateau.allSatisfy { lengths[$0] > rate / 2 && lengths[$0] < rate * 20 }, "\(racer.name)")
        }
    }

    @Test func wellsInitialisation() throws {
        let race = try replayed("wells-initialisation")
        let minima = race.surface.minima
        let deep = try #require(minima.first { $0.kind == .globalMinimum }), shallow = try #require(minima.first { $0.kind == .localMinimum })
        #expect(race.racers[0].spec.text == race.racers[1].spec.text)
        #expect(race.racers.allSatisfy { $0.status.label == "converged" })
        #expect((race.racers[0].currentPoint - shallow.point).length < 1e-4)
        #expect((race.racers[1].currentPoint - deep.point).length < 1e-4)
    }

    @Test func rosenbrockSecondOrder() throws {
        let race = try replayed("rosenbrock-second-order")
        let byName = Dictionary(uniqueKeysWithValues: race.racers.map { ($0.name, $0) })
        for name in ["newton", "cg", "bfgs", "lbfgs"] {
            let racer = try #require(byName[name])
            #expect(racer.status.label == "converged", "\(name)")
            #expect((racer.currentPoint - Vector2(1, 1)).length < 1e-6, "\(name)")
            #expect(try #require(racer.status.step) <= 50, "\(name)")
        }
        #expect(byName["newton"]?.status.step == 6)
        for name in ["gd", "adam"] {
            let racer = try #require(byName[name])
            #expect(racer.status.label == "finished", "\(name) is still on its way after 2000 steps")
        }
    }

    @Test func adaptiveFamily() throws {
        let race = try replayed("adaptive-family")
        let byName = Dictionary(uniqueKeysWithValues: race.racers.map { ($0.name, $0) })
        let adagrad = try #require(byName["adagrad"]), adam = try #require(byName["adam"])
        let lengths = stepLengths(adagrad)
        let early = lengths[100..<200].reduce(0, +) / 100, late = lengths[1400..<1500].reduce(0, +) / 100
        #expect(late < early / 3, "adagrad's steps shrink: \(early) then \(late)")
        #expect(adagrad.loss > 100 * adam.loss, "adagrad crawls far from the minimum while adam is nearly there")
        // Adadelta's slow start: its first ten steps together are shorter than one of adam's.
        let adadelta = try #require(byName["adadelta"])
        #expect(stepLengths(adadelta).prefix(10).reduce(0, +) < stepLengths(adam)[0])
    }

    @Test func rastriginLocalMinima() throws {
        let race = try replayed("rastrigin-local-minima")
        for racer in race.racers.prefix(3) {
            #expect(racer.status.label == "converged", "\(racer.name)")
            #expect(racer.loss > 10, "\(racer.name) stops in a dimple far from the bottom")
        }
        let search = race.racers[3]
        #expect(search.loss < 1, "random search hops to the basin of (0, 0)")
        #expect(search.currentPoint.length < 0.5)
    }

    @Test func sgdDecay() throws {
        let race = try replayed("sgd-decay")
        // The mean distance to the minimum over the last 100 steps.
        func jitter(_ racer: Racer) -> Double { racer.points.suffix(100).map(\.length).reduce(0, +) / 100 }
        let constant = jitter(race.racers[0]), inverseTime = jitter(race.racers[1]), halved = jitter(race.racers[2])
        #expect(inverseTime < constant / 3)
        #expect(halved < constant / 3)
    }

    @Test func coordinateDescent() throws {
        let race = try replayed("coordinate-descent")
        let coordinate = race.racers[0], gd = race.racers[1]
        #expect(coordinate.status.label == "converged" && gd.status.label == "converged")
        // Booth's diagonal valley: a staircase that takes clearly more steps than gd.
        let coordinateSteps = try #require(coordinate.status.step), gdSteps = try #require(gd.status.step)
        #expect(coordinateSteps > gdSteps * 3 / 2)
        // The ravine lines up with the axes: after 2t steps coordinate descent is exactly where gd is after t.
        var onRavine = try shipped("coordinate-descent")
        onRavine.surface = try SurfaceCatalog.surface(named: "ravine")
        onRavine.start = Vector2(-4.5, 3)
        var session = onRavine.makeSession()
        session.runToEnd()
        let (c, g) = (session.race.racers[0], session.race.racers[1])
        for t in 0...g.stepCount where 2 * t <= c.stepCount {
            #expect(c.points[2 * t] == g.points[t], "step \(t)")
        }
    }

    @Test func learningRateByHand() throws {
        let scenario = try shipped("learning-rate-by-hand")
        var session = scenario.makeSession()
        #expect(session.note?.contains("too small") == true)
        #expect(session.advance(steps: 60) == false)
        let gd0 = session.race.racers[0]
        #expect(gd0.currentPoint.x < -3.3, "after 60 steps at 0.005 it has not crossed a quarter of the valley")
        let yAt60 = abs(gd0.currentPoint.y)
        #expect(session.note?.contains("too large") == true)
        // The pause at step 120 stops the replay there.
        #expect(session.advance(steps: 1000) == true)
        #expect(session.race.stepCount == 120)
        let gd1 = session.race.racers[0]
        let bounces = gd1.points[60...120].map { abs($0.y) }
        #expect(zip(bounces, bounces.dropFirst()).allSatisfy { $1 > $0 }, "each bounce larger than the last")
        #expect(abs(gd1.currentPoint.y) > 50 * yAt60)
        #expect(session.note?.contains("right") == true)
        session.runToEnd()
        let gd2 = session.race.racers[0]
        #expect(gd2.status.label == "converged")
        #expect(abs(gd2.points[121].y) < 1e-12, "0.05 cancels the steep direction in one step")
    }
}

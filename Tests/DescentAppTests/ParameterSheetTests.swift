import DescentCore
import DescentRender
import Testing
@testable import DescentApp

/// The parameter sheet through the reducer: every key, series, typed values, bad values, events.
@Suite struct ParameterSheetTests {
    func sheetState(_ specs: [String]) throws -> AppState {
        let race = Race(surface: Bowl(), start: Vector2(2, 1.5), optimizers: try specs.map { try OptimizerSpec(parsing: $0) },
                        rules: StopRules(maxSteps: 500))
        return AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: false)
    }

    func moveTo(_ key: String, _ state: inout AppState) throws {
        press(.enter, &state)
        let rows = ParameterSheet.rows(for: try #require(state.selectedRacer))
        let target = try #require(rows.firstIndex { $0.parameter.name == key })
        for _ in 0..<target { press(.down, &state) }
    }

    @Test func momentumsBetaStepsAlongItsSeriesAndKeepsTheVelocity() throws {
        var state = try sheetState(["momentum:lr=0.1"])
        for _ in 0..<3 { state.apply(.stepOnce) }
        try moveTo("momentum", &state)
        press(.character("-"), &state)
        #expect(state.race.racers[0].currentSpec.values[.momentum] == 0.8)
        #expect(state.notice == "momentum momentum 0.9 → 0.8")
        if case .parameterSheet = state.overlay {} else { Issue.record("the sheet closed") }
        press(.escape, &state)
        for _ in 0..<2 { state.apply(.stepOnce) }
        // A heavy ball written out by hand: b ← μ b + g (b = g at first), θ ← θ − γ b, on f = x² + y².
        var theta = Vector2(2, 1.5), b = Vector2.zero
        for t in 1...5 {
            let g = 2 * theta
            let mu = t <= 3 ? 0.9 : 0.8
            b = t == 1 ? g : mu * b + g
            theta = theta - 0.1 * b
        }
        #expect(state.race.racers[0].currentPoint == theta)
        // The change is an event that a saved scenario repeats.
        let scenario = state.currentScenario
        #expect(scenario.events.contains { $0.step == 3 && $0.event == .setParameter(racer: 0, key: "momentum", text: "0.8") })
        var replay = scenario.makeSession()
        replay.runToEnd()
        var again = state.session
        again.runToEnd()
        #expect(replay.race.racers[0].currentPoint == again.race.racers[0].currentPoint)
    }

    @Test func aTypedNumberSetsTheValueExactlyAndABadOneChangesNothing() throws {
        var state = try sheetState(["adam:lr=0.1"])
        try moveTo("eps", &state)
        for character in "2e-7" { press(.character(character), &state) }
        press(.enter, &state)
        #expect(state.race.racers[0].currentSpec.values[.eps] == 2e-7)
        // A value out of range: a message, nothing changed, the typing kept for correction.
        press(.escape, &state)
        try moveTo("lr", &state)
        press(.character("0"), &state)
        press(.enter, &state)
        #expect(state.race.racers[0].learningRate == 0.1)
        #expect(state.notice == "lr must be a positive number, not '0'")
        if case let .parameterSheet(_, _, input) = state.overlay { #expect(input == "0") } else { Issue.record("the sheet closed") }
        press(.escape, &state)
        // beta1 is set at launch (Adam keeps β₁ᵗ as a running product): the sheet says so.
        try moveTo("beta1", &state)
        press(.character("+"), &state)
        #expect(state.notice == "beta1 is set at launch: it cannot change during a run")
        #expect(state.race.racers[0].currentSpec.values[.beta1] == 0.9)
    }

    @Test func aValueTheOptimizerRefusesGetsItsReason() throws {
        var state = try sheetState(["momentum"])
        try moveTo("momentum", &state)
        for character in "1.5" { press(.character(character), &state) }
        press(.enter, &state)
        #expect(state.race.racers[0].currentSpec.values[.momentum] == 0.9)
        #expect(state.notice?.contains("momentum") == true)
        if case let .parameterSheet(_, _, input) = state.overlay { #expect(input == "1.5") } else { Issue.record("the sheet closed") }
    }

    @Test(arguments: OptimizerCatalog.names)
    func everyKeyOfEveryOptimizerIsListedAndSteppable(name: String) throws {
        var state = try sheetState([name])
        press(.enter, &state)
        let racer = try #require(state.selectedRacer)
        let rows = ParameterSheet.rows(for: racer)
        #expect(rows.map(\.parameter.name) == racer.spec.descriptor.allParameters.map(\.name))
        for (index, row) in rows.enumerated() {
            state.overlay = .parameterSheet(racer: 0, cursor: index, input: "")
            for up in [true, false, false] {
                state.apply(.stepParameter(up: up))
                let after = ParameterSheet.rows(for: state.race.racers[0])[index]
                if !row.settable { #expect(after.value == row.value, "\(name) \(row.parameter.name) changed though set at launch") }
                // Every value the sheet leaves is one the spec accepts.
                #expect((try? OptimizerSpec(parsing: "\(name):\(row.parameter.name)=\(after.value)")) != nil || row.parameter.name == "seed",
                        "\(name) \(row.parameter.name)=\(after.value)")
            }
        }
        // The race still steps.
        for _ in 0..<5 { state.apply(.stepOnce) }
        #expect(state.race.racers[0].stepCount >= 1 || !state.race.racers[0].status.isRunning)
    }

    @Test func theSheetIsDrawnWithEveryKeyAndItsValue() throws {
        var state = try sheetState(["momentum:lr=0.1"])
        press(.enter, &state)
        let text = FrameComposer().compose(state).plainText
        #expect(text.contains("momentum:lr=0.1"))
        #expect(text.contains("lr"))
        #expect(text.contains("0.9"))
        #expect(text.contains("dampening"))
        #expect(text.contains("set at launch"))
        #expect(Keymap.bindings.contains { $0.keys == "Enter" })
    }
}

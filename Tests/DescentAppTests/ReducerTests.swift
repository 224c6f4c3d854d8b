import Testing
import DescentCore
import DescentRender
@testable import DescentApp

/// A state on the bowl with two gd racers, paused, on a 120 × 40 screen.
func makeState(_ specs: [String] = ["gd:lr=0.05", "gd:lr=0.2"], start: Vector2 = Vector2(2, 1.5), playing: Bool = false) throws -> AppState {
    let race = Race(surface: Bowl(), start: start, optimizers: try specs.map { try OptimizerSpec(parsing: $0) }, rules: StopRules(maxSteps: 500))
    return AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: playing)
}

/// Presses a key: maps it with the keymap, then reduces.
@discardableResult
func press(_ key: KeyEvent, _ state: inout AppState) -> Action? {
    let action = Keymap.action(for: key, in: state)
    if let action { state = reduce(state, action) }
    return action
}

@Suite struct ReducerTests {
    @Test func spaceTogglesPlayAndPause() throws {
        var state = try makeState()
        #expect(!state.isPlaying)
        press(.character(" "), &state)
        #expect(state.isPlaying)
        press(.character(" "), &state)
        #expect(!state.isPlaying)
    }

    @Test func nAndPeriodTakeOneStepWhilePaused() throws {
        var state = try makeState()
        press(.character("n"), &state)
        #expect(state.race.racers.map(\.stepCount) == [1, 1])
        press(.character("."), &state)
        #expect(state.race.racers.map(\.stepCount) == [2, 2])
        // gd on the bowl: x ← (1 − 2 lr) x
        #expect(abs(state.race.racers[0].currentPoint.x - 2 * 0.9 * 0.9) < 1e-15)
    }

    @Test func stepWhilePlayingPausesFirst() throws {
        var state = try makeState(playing: true)
        press(.character("n"), &state)
        #expect(!state.isPlaying)
        #expect(state.stepCount == 1)
    }

    @Test func rResetsEveryOptimizerToTheStart() throws {
        var state = try makeState()
        for _ in 0..<5 { press(.character("n"), &state) }
        press(.character("r"), &state)
        #expect(state.race.racers.allSatisfy { $0.stepCount == 0 && $0.currentPoint == Vector2(2, 1.5) })
    }

    @Test func tabAndShiftTabCycleTheSelection() throws {
        var state = try makeState(["gd", "gd:lr=0.1", "gd:lr=0.2"])
        press(.tab, &state)
        #expect(state.selected == 1)
        press(.tab, &state)
        press(.tab, &state)
        #expect(state.selected == 0)
        press(.backTab, &state)
        #expect(state.selected == 2)
    }

    @Test func plusAndMinusWalkTheOneTwoFiveSeries() throws {
        var state = try makeState(["gd:lr=0.01"])
        var rates: [Double] = []
        for _ in 0..<4 {
            press(.character("+"), &state)
            rates.append(state.race.racers[0].learningRate!)
        }
        #expect(rates == [0.02, 0.05, 0.1, 0.2])
        press(.character("-"), &state)
        press(.character("-"), &state)
        #expect(state.race.racers[0].learningRate == 0.05)
        // Off the series: 0.03 goes up to 0.05 and down to 0.02.
        #expect(AppState.nextLearningRate(after: 0.03, up: true) == 0.05)
        #expect(AppState.nextLearningRate(after: 0.03, up: false) == 0.02)
    }

    @Test func learningRateChangeTakesEffectFromTheCurrentIterateWithoutRestart() throws {
        var state = try makeState(["gd:lr=0.1"])
        press(.character("n"), &state)
        let before = state.race.racers[0].currentPoint
        press(.character("+"), &state)
        #expect(state.race.racers[0].stepCount == 1)
        #expect(state.notice?.contains("0.1 → 0.2") == true)
        press(.character("n"), &state)
        // x ← (1 − 2 · 0.2) x from the point reached with lr 0.1
        #expect(abs(state.race.racers[0].currentPoint.x - before.x * 0.6) < 1e-15)
        #expect(state.race.racers[0].learningRate(forStep: 1) == 0.1)
        #expect(state.race.racers[0].learningRate(forStep: 2) == 0.2)
    }

    @Test func bracketsMultiplyAndDivideByTen() throws {
        var state = try makeState(["gd:lr=0.03"])
        press(.character("]"), &state)
        #expect(state.race.racers[0].learningRate == 0.3)
        press(.character("["), &state)
        press(.character("["), &state)
        #expect(state.race.racers[0].learningRate == 0.003)
    }

    @Test func learningRateKeysOnlyChangeTheSelectedOptimizer() throws {
        var state = try makeState()
        press(.tab, &state)
        press(.character("]"), &state)
        #expect(state.race.racers.map(\.learningRate) == [0.05, 2])
    }

    @Test func surfacePickerChoosesWithArrowsAndEnterAndEscCancels() throws {
        var state = try makeState()
        press(.character("s"), &state)
        guard case .surfacePicker = state.overlay else { Issue.record("no picker"); return }
        press(.escape, &state)
        #expect(state.overlay == .none)
        #expect(!state.shouldQuit)
        #expect(state.race.surface.name == "bowl")

        press(.character("s"), &state)
        let surfaces = SurfaceCatalog.all
        press(.down, &state)
        let expected = surfaces[(surfaces.firstIndex { $0.name == "bowl" }! + 1) % surfaces.count]
        press(.enter, &state)
        #expect(state.overlay == .none)
        #expect(state.race.surface.name == expected.name)
        #expect(state.view == expected.defaultView)
        #expect(state.race.start == expected.defaultStart)
        #expect(state.race.racers.allSatisfy { $0.stepCount == 0 })
    }

    @Test func optimizerPickerAddsAndRemovesOptimizers() throws {
        var state = try makeState(["gd"])
        press(.character("o"), &state)
        guard case .optimizerPicker = state.overlay else { Issue.record("no picker"); return }
        let names = OptimizerCatalog.names
        // Move to the second registered optimizer and add it.
        press(.down, &state)
        press(.enter, &state)
        if names.count > 1 {
            #expect(state.race.racers.map(\.name) == ["gd", names[1]])
            press(.enter, &state)
            #expect(state.race.racers.map(\.name) == ["gd"])
        }
        // The last optimizer cannot be removed.
        press(.up, &state)
        press(.enter, &state)
        #expect(state.race.racers.map(\.name) == ["gd"])
        press(.escape, &state)
        #expect(state.overlay == .none)
    }

    @Test func pickerKeepsHandTunedLearningRates() throws {
        var state = try makeState(["gd:lr=0.01"])
        press(.character("+"), &state)
        press(.character("o"), &state)
        press(.down, &state)
        press(.enter, &state)
        #expect(state.race.racers[0].learningRate == 0.02)
    }

    @Test func arrowsMoveTheStartAndReset() throws {
        var state = try makeState()
        press(.character("n"), &state)
        let step = state.view.width / 40
        press(.right, &state)
        #expect(state.race.start == Vector2(2 + step, 1.5))
        #expect(state.stepCount == 0)
        press(.up, &state)
        press(.left, &state)
        press(.down, &state)
        press(.down, &state)
        #expect(abs(state.race.start.x - 2) < 1e-12 && abs(state.race.start.y - (1.5 - step)) < 1e-12)
    }

    @Test func aClickOnTheHeatmapPutsTheStartThere() throws {
        var state = try makeState()
        let viewport = state.viewport
        let action = press(.mouseClick(column: 10, row: 5), &state)
        #expect(action == .setStart(viewport.point(column: 10, row: 5)))
        #expect(state.race.start == viewport.point(column: 10, row: 5))
        // A click on the panel's heading does nothing.
        #expect(press(.mouseClick(column: state.layout.panel.x + 2, row: 0), &state) == nil)
    }

    @Test func aClickOnAnOptimizersRowInThePanelSelectsIt() throws {
        var state = try makeState()
        #expect(state.race.racers.count >= 2)
        let text = FrameComposer().compose(state)
        // The row where the second optimizer's name is written.
        let name = state.race.racers[1].currentSpec.text
        let row = try #require((0..<state.screenHeight).first { text.text(ofRow: $0).contains(" " + name) })
        #expect(press(.mouseClick(column: state.layout.panel.x + 3, row: row), &state) == .select(racer: 1))
        #expect(state.selected == 1)
        // Its loss line selects it too; the first optimizer's row selects the first again.
        let first = try #require((0..<state.screenHeight).first { text.text(ofRow: $0).contains(" " + state.race.racers[0].currentSpec.text) })
        press(.mouseClick(column: state.layout.panel.x + 3, row: first + 1), &state)
        #expect(state.selected == 0)
    }

    @Test func theWheelZoomsAroundThePointer() throws {
        var state = try makeState()
        let viewport = state.viewport
        let pointer = viewport.point(column: 10, row: 5)
        let before = state.view
        press(.mouseWheel(up: true, column: 10, row: 5), &state)
        #expect(abs(state.view.width - before.width * 2 / 3) < 1e-12)
        // The plane point under the pointer is where it was, relative to the view.
        let fractionBefore = (pointer.x - before.minX) / before.width, fractionAfter = (pointer.x - state.view.minX) / state.view.width
        #expect(abs(fractionBefore - fractionAfter) < 1e-12)
        press(.mouseWheel(up: false, column: 10, row: 5), &state)
        #expect(abs(state.view.width - before.width) < 1e-9)
        #expect(abs(state.view.minX - before.minX) < 1e-9 && abs(state.view.maxY - before.maxY) < 1e-9)
        // Over the panel the wheel does nothing.
        #expect(press(.mouseWheel(up: true, column: state.layout.panel.x + 2, row: 5), &state) == nil)
    }

    @Test func pickingASurfaceOrAScenarioKeepsThePause() throws {
        var state = try makeState(playing: false)
        #expect(!state.isPlaying)
        state.apply(.chooseSurface("himmelblau"))
        #expect(!state.isPlaying)
        state.apply(.loadScenario(try makeState(["adam"]).currentScenario))
        #expect(!state.isPlaying)
        press(.character(" "), &state)
        #expect(state.isPlaying)
        state.apply(.chooseSurface("bowl"))
        #expect(state.isPlaying)
        state.apply(.loadScenario(try makeState(["adam"]).currentScenario))
        #expect(state.isPlaying)
    }

    @Test func zoomPanAndDefaultView() throws {
        var state = try makeState()
        let original = state.view
        press(.character("z"), &state)
        #expect(abs(state.view.width - original.width * 2 / 3) < 1e-12)
        #expect(state.view.center == original.center)
        press(.character("x"), &state)
        #expect(abs(state.view.width - original.width) < 1e-12)
        press(.character("L"), &state)
        #expect(state.view.center.x > original.center.x)
        press(.character("H"), &state)
        press(.character("H"), &state)
        #expect(state.view.center.x < original.center.x)
        press(.character("K"), &state)
        #expect(state.view.center.y > original.center.y)
        press(.character("J"), &state)
        press(.character("J"), &state)
        #expect(state.view.center.y < original.center.y)
        press(.character("0"), &state)
        #expect(state.view == Bowl().defaultView)
    }

    @Test func fasterAndSlowerStayBetweenOneAndAThousand() throws {
        var state = try makeState()
        #expect(state.speed == AppState.defaultSpeed)
        press(.character(">"), &state)
        #expect(state.speed == 50)
        for _ in 0..<20 { press(.character(">"), &state) }
        #expect(state.speed == 1000)
        for _ in 0..<20 { press(.character("<"), &state) }
        #expect(state.speed == 1)
    }

    @Test func toggles() throws {
        var state = try makeState()
        press(.character("c"), &state)
        #expect(state.showContours)
        press(.character("l"), &state)
        #expect(state.logShading)
        press(.character("g"), &state)
        #expect(state.showGradientArrows)
        press(.character("v"), &state)
        #expect(state.showStepArrows)
        press(.character("c"), &state)
        press(.character("l"), &state)
        press(.character("g"), &state)
        press(.character("v"), &state)
        #expect(!state.showContours && !state.logShading && !state.showGradientArrows && !state.showStepArrows)
    }

    @Test func escClosesOverlaysAndPromptsAndNeverQuits() throws {
        var state = try makeState()
        press(.character("?"), &state)
        #expect(state.overlay == .help)
        press(.escape, &state)
        #expect(state.overlay == .none)
        press(.character("s"), &state)
        press(.escape, &state)
        press(.character("w"), &state)
        #expect(state.overlay == .saveNamePrompt(text: "bowl"))
        press(.escape, &state)
        #expect(state.overlay == .none)
        // Two quick Escs after closing a picker used to end the program and lose the race.
        press(.escape, &state)
        press(.escape, &state)
        #expect(!state.shouldQuit)
        #expect(state.effect == nil)
    }

    @Test func qQuitsEvenFromAnOverlay() throws {
        var state = try makeState()
        press(.character("?"), &state)
        press(.character("q"), &state)
        #expect(state.shouldQuit)
    }

    @Test func resizeChangesTheLayout() throws {
        var state = try makeState()
        press(.resize(width: 60, height: 20), &state)
        #expect(state.screenWidth == 60 && state.screenHeight == 20)
        #expect(!state.layout.isTooSmall)
        press(.resize(width: 30, height: 8), &state)
        #expect(state.layout.isTooSmall)
    }

    @Test func ticksTakeTheStepsTheSpeedOwes() throws {
        var state = try makeState(playing: true)
        #expect(state.speed == 20)
        state = reduce(state, .tick(seconds: 0.1))
        #expect(state.stepCount == 2)
        state = reduce(state, .tick(seconds: 0.025))
        state = reduce(state, .tick(seconds: 0.025))
        #expect(state.stepCount == 3)
        // Paused: time passes, nothing moves.
        press(.character(" "), &state)
        state = reduce(state, .tick(seconds: 1))
        #expect(state.stepCount == 3)
    }

    @Test func playPausesByItselfWhenEveryOptimizerHasStopped() throws {
        var state = try makeState(["gd:lr=0.5"], playing: true)
        state = reduce(state, .tick(seconds: 0.25))
        #expect(state.race.racers[0].status == .converged(step: 1))
        #expect(!state.isPlaying)
    }

    @Test func divergingOptimizerStopsAndTheOthersGoOn() throws {
        var state = try makeState(["gd:lr=1.5", "gd:lr=0.1"])
        for _ in 0..<60 { press(.character("n"), &state) }
        guard case .diverged = state.race.racers[0].status else { Issue.record("not diverged: \(state.race.racers[0].status)"); return }
        #expect(state.race.racers[1].stepCount == 60)
        #expect(state.race.racers[0].points.allSatisfy { $0.isFinite })
    }

    @Test func removingFromThePickerNeverEmptiesTheRace() throws {
        // Two adams racing: Enter on adam would remove both, the last optimizers — refused.
        var state = try makeState(["adam:lr=0.1", "adam:lr=0.01"])
        state.apply(.toggleOptimizer("adam"))
        #expect(state.race.racers.count == 2)
        #expect(state.notice == "at least one optimizer must race")
        state.apply(.toggleOptimizer("gd"))
        state.apply(.selectPrevious)
        state.apply(.toggleOptimizer("gd"))
        #expect(state.race.racers.map(\.name) == ["adam", "adam"])
        #expect(state.race.racers.indices.contains(state.selected))
    }

    @Test func resetKeepsTheLearningRateSetByHand() throws {
        var state = try makeState(["gd:lr=0.01"])
        press(.character("n"), &state)
        press(.character("+"), &state)
        press(.character("r"), &state)
        #expect(state.race.racers[0].learningRate == 0.02)
        #expect(state.race.racers[0].learningRateChanges == [LearningRateChange(step: 1, learningRate: 0.02)])
    }
}

@Suite struct FormulaPromptTests {
    func typed(_ text: String, into state: AppState) -> AppState {
        text.reduce(state) { reduce($0, .promptInput($1)) }
    }

    @Test func aTypedFormulaBecomesTheSurfaceAndABadOneStaysWithItsError() throws {
        var state = AppState(race: Race(surface: Bowl(), optimizers: [try OptimizerSpec(parsing: "adam")]), screenWidth: 110, screenHeight: 32)
        state = reduce(state, Keymap.action(for: .character("e"), in: state) ?? .quit)
        #expect(state.overlay == .formulaPrompt(text: "", historyIndex: nil, error: nil))
        state = reduce(typed("sin(x", into: state), .confirmPrompt)
        #expect(state.overlay == .formulaPrompt(text: "sin(x", historyIndex: nil, error: "at 6: expected ')' to close '(' at 4"))
        #expect(state.race.surface.name == "bowl")
        state = reduce(typed(")*y", into: state), .confirmPrompt)
        #expect(state.overlay == .none)
        #expect(state.race.surface.formula == "sin(x)*y")
        #expect(state.view == FormulaSurface.standardView)

        // ↑ brings the last formula back; control characters are not taken.
        state = reduce(state, .openFormulaPrompt)
        state = reduce(reduce(state, .promptBackspace), .promptInput("\u{1B}"))
        state = reduce(state, .formulaHistory(by: -1))
        #expect(state.overlay == .formulaPrompt(text: "sin(x)*y", historyIndex: 0, error: nil))
        state = reduce(state, .formulaHistory(by: 1))
        #expect(state.overlay == .formulaPrompt(text: "", historyIndex: nil, error: nil))
    }
}

/// `?` on a screen too low for every key: ↑ ↓ scroll the keys, down to the last one, `q quit`.
@Suite struct HelpScrollTests {
    @Test func theHelpScrollsToItsLastKeyOnALowScreen() throws {
        var state = try makeState()
        state = reduce(state, .resize(width: 100, height: 16))
        press(.character("?"), &state)
        var text = FrameComposer().compose(state).plainText
        #expect(text.contains("space") && !text.contains("│ q  ") && text.contains("more keys (1–10 of \(Keymap.bindings.count))"))
        for _ in 0..<40 { press(.down, &state) }
        text = FrameComposer().compose(state).plainText
        let last = try #require(Keymap.bindings.last)
        #expect(text.contains(last.keys + String(repeating: " ", count: 2)) && text.contains(last.action))
        #expect(text.contains("of \(Keymap.bindings.count))"))
        // One ↑ after scrolling past the end moves the window at once.
        press(.up, &state)
        #expect(FrameComposer().compose(state).plainText.contains("(\(Keymap.bindings.count - 10)–\(Keymap.bindings.count - 1) of"))
        // A tall screen shows every key with no scrolling.
        state = reduce(state, .resize(width: 100, height: 40))
        #expect(FrameComposer().compose(state).plainText.contains("Esc or ? closes this help"))
    }
}

/// Two racers at the same place draw one marker; the panel says whose marker hides the other.
@Suite struct CoveredMarkerTests {
    @Test func thePanelNamesTheMarkerOnTopOfAHiddenOne() throws {
        // The same method twice: at every step both stand on the same cell. The selected one (0) is drawn last.
        var state = try makeState(["gd:lr=0.05", "gd:lr=0.05"])
        state = reduce(state, .stepOnce)
        let text = FrameComposer().compose(state).plainText
        let lines = text.split(separator: "\n")
        let notes = lines.filter { $0.contains("under ●") }
        #expect(notes.count == 1, "\(text)")
        // Apart, no note.
        var apart = try makeState(["gd:lr=0.05", "gd:lr=0.2"])
        apart = reduce(apart, .stepOnce)
        #expect(!FrameComposer().compose(apart).plainText.contains("under "))
    }

    /// A status too long to leave room for the note is abbreviated, as the panel abbreviates it for want of room.
    @Test func aLongStatusIsShortenedToMakeRoomForTheNote() throws {
        // The same method twice converges on the same cell (gd at lr 0.05 on x² + y², |∇f| ≤ 1e-6 after some
        // hundred steps); at these widths the panel is too narrow for "|∇f| 9.9e-07  converged at 123  under ●"
        // but not for "|∇f| 9.9e-07  conv @123  under ●".
        var race = Race(surface: Bowl(), start: Vector2(2, 1.5), optimizers: try ["gd:lr=0.05", "gd:lr=0.05"].map { try OptimizerSpec(parsing: $0) },
                        rules: StopRules(maxSteps: 500))
        race.runToEnd()
        var state = AppState(race: race, screenWidth: 110, screenHeight: 32, colorMode: .palette256, isPlaying: false)
        for width in [90, 100, 110] {
            state = reduce(state, .resize(width: width, height: 32))
            let text = FrameComposer().compose(state).plainText
            #expect(text.contains("under ●"), "at \(width) columns")
        }
    }
}

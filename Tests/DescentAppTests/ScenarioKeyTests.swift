import Testing
import DescentCore
import DescentRender
@testable import DescentApp

/// A scenario on the ravine: gd and momentum, a rate change of gd at step 5, a note at 3, a pause at 8.
func replayState() throws -> AppState {
    let scenario = try Scenario(json: Array(#"""
    {"version": 1, "title": "T", "notes": "N", "surface": "ravine", "speed": 50, "steps": 300,
     "optimizers": [{"name": "gd", "lr": 0.03}, {"name": "momentum", "lr": 0.02}],
     "events": [{"step": 3, "note": "look"}, {"step": 5, "optimizer": 0, "set": {"lr": 0.09}}, {"step": 8, "pause": true}]}
    """#.utf8))
    return AppState(scenario: scenario, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: true)
}

@Suite struct ScenarioKeyTests {
    @Test func plusThenMinusReturnsToARateOffTheSeries() throws {
        var state = try makeState(["gd:lr=0.08"])
        press(.character("+"), &state)
        #expect(state.race.racers[0].learningRate == 0.1)
        press(.character("-"), &state)
        #expect(state.race.racers[0].learningRate == 0.08)
        // Two up, two down: back at the start, through the same rates.
        press(.character("+"), &state)
        press(.character("+"), &state)
        #expect(state.race.racers[0].learningRate == 0.2)
        press(.character("-"), &state)
        #expect(state.race.racers[0].learningRate == 0.1)
        press(.character("-"), &state)
        #expect(state.race.racers[0].learningRate == 0.08)
        // From there - walks down the series as usual.
        press(.character("-"), &state)
        #expect(state.race.racers[0].learningRate == 0.05)
    }

    @Test func bracketsReturnExactlyToo() throws {
        var state = try makeState(["gd:lr=0.07"])
        press(.character("]"), &state)
        #expect(state.race.racers[0].learningRate == 0.7)
        press(.character("["), &state)
        #expect(state.race.racers[0].learningRate == 0.07)
        // + then [ are not opposites: [ divides the rate + gave by ten.
        press(.character("+"), &state)
        press(.character("["), &state)
        #expect(state.race.racers[0].learningRate == 0.01)
    }

    @Test func aRateSetByAnActionIsUsedAsGiven() throws {
        var state = try makeState()
        state.apply(.setLearningRate(racer: 0, 0.0123456789012345))
        #expect(state.race.racers[0].learningRate == 0.0123456789012345)
        state.apply(.setLearningRate(racer: 0, -1))
        #expect(state.race.racers[0].learningRate == 0.0123456789012345)
        #expect(state.notice?.contains("positive") == true)
        state.apply(.setLearningRate(racer: 0, .nan))
        #expect(state.race.racers[0].learningRate == 0.0123456789012345)
    }

    @Test func aReplayPlaysItsTimelineAndPausesWhereItSays() throws {
        var state = try replayState()
        #expect(state.speed == 50)
        #expect(state.isPlaying)
        for _ in 0..<20 { state.apply(.tick(seconds: 0.05)) }
        #expect(!state.isPlaying)
        #expect(state.stepCount == 8)
        #expect(state.session.note == "look")
        #expect(state.race.racers[0].learningRate == 0.09)
        #expect(state.notice?.contains("paused by the scenario") == true)
        #expect(state.replaying != nil)
    }

    @Test func changingARateByHandBranchesFromTheReplay() throws {
        var state = try replayState()
        state.apply(.stepOnce)
        state.apply(.stepOnce)
        press(.character("+"), &state)
        #expect(state.replaying == nil)
        #expect(state.notice?.contains("branched from the replay") == true)
        #expect(state.session.pending.isEmpty)
        // The rest of the timeline is dropped: no change at step 5, no pause at 8.
        for _ in 0..<10 { state.apply(.stepOnce) }
        #expect(state.race.racers[0].learningRate == 0.05)
        #expect(state.stepCount == 12)
    }

    @Test func resetReplaysTheScenarioFromTheStart() throws {
        var state = try replayState()
        for _ in 0..<6 { state.apply(.stepOnce) }
        #expect(state.race.racers[0].learningRate == 0.09)
        press(.character("r"), &state)
        #expect(state.stepCount == 0)
        #expect(state.race.racers[0].learningRate == 0.03)
        #expect(state.session.pending.count == 3)
    }

    @Test func zoomPanSpeedAndPauseDoNotBranch() throws {
        var state = try replayState()
        for key in [KeyEvent.character("z"), .character("L"), .character(">"), .character(" "), .character("n")] { press(key, &state) }
        #expect(state.replaying != nil)
        #expect(state.session.pending.count == 3)
    }

    @Test func wAsksForANameThenAsksTheShellToSave() throws {
        var state = try makeState()
        press(.character("w"), &state)
        #expect(state.overlay == .saveNamePrompt(text: "bowl"))
        press(.backspace, &state)
        press(.backspace, &state)
        for character in "x/é-2" { press(.character(character), &state) }
        // '/' cannot be in a name, 'é' is not ASCII: both are ignored.
        #expect(state.overlay == .saveNamePrompt(text: "box-2"))
        press(.enter, &state)
        #expect(state.overlay == .none)
        #expect(state.effect == .saveScenario(name: "box-2", overwrite: false))
        // The shell found the file: it asks; n keeps the file, y overwrites.
        state.effect = nil
        state.apply(.saveNeedsConfirmation(name: "box-2"))
        press(.character("n"), &state)
        #expect(state.effect == nil)
        #expect(state.notice?.contains("left as it was") == true)
        state.apply(.saveNeedsConfirmation(name: "box-2"))
        press(.character("y"), &state)
        #expect(state.effect == .saveScenario(name: "box-2", overwrite: true))
    }

    @Test func theSavedScenarioIsTheSetupPlusEveryChange() throws {
        var state = try makeState(["gd:lr=0.08"])
        for _ in 0..<4 { state.apply(.stepOnce) }
        press(.character("+"), &state)
        for _ in 0..<3 { state.apply(.stepOnce) }
        press(.character("-"), &state)
        let scenario = state.currentScenario
        #expect(scenario.optimizers.map(\.spec.text) == ["gd:lr=0.08"])
        #expect(scenario.events == [TimedEvent(step: 4, .setLearningRate(racer: 0, 0.1)), TimedEvent(step: 7, .setLearningRate(racer: 0, 0.08))])
        #expect(scenario.view == state.view)
        #expect(scenario.start == state.race.start)
    }

    @Test func pAsksForTheScenariosAndEnterLoadsOne() throws {
        var state = try makeState()
        press(.character("p"), &state)
        #expect(state.effect == .listScenarios)
        state.effect = nil
        let replay = try replayState()
        let entries = [ScenarioEntry(name: "one", origin: "library", scenario: try #require(replay.replaying))]
        state.apply(.showScenarios(entries, problem: nil))
        #expect(state.overlay == .scenarioPicker(entries: entries, cursor: 0))
        press(.enter, &state)
        #expect(state.overlay == .none)
        #expect(state.race.surface.name == "ravine")
        #expect(state.scenarioTitle == "T")
        // Paused before the pick, paused after it.
        #expect(!state.isPlaying)
        // Esc cancels the picker and never quits.
        state.apply(.showScenarios(entries, problem: nil))
        press(.escape, &state)
        #expect(state.overlay == .none)
        #expect(!state.shouldQuit)
    }
}

@Suite struct StepBudgetTests {
    @Test func aTickTakesNoMoreThanItsBudgetAndSaysWhatSpeedItAchieves() throws {
        var state = try makeState(["gd:lr=0.0001"], playing: true)
        state.speed = 1000
        state.stepBudget = 10
        state.apply(.tick(seconds: 0.1))
        #expect(state.stepCount == 10, "100 steps owed, 10 allowed")
        #expect(state.stepCredit == 0, "the rest of the credit is dropped, not owed forever")
        #expect(state.achievedSpeed == 100)
        let text = FrameComposer().compose(state).plainText
        #expect(text.contains("1000 steps/s (achieving 100)"))
        // Within the budget, ticks take what the speed owes and the status bar says nothing more.
        state.stepBudget = .max
        for _ in 0..<30 { state.apply(.tick(seconds: 0.01)) }
        #expect(state.stepCount == 310)
        #expect(!FrameComposer().compose(state).plainText.contains("achieving"))
    }
}

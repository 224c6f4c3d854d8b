import ArgumentParser
import DescentApp
import DescentCore
import DescentRender
import DescentTerminal

/// The shipped scenario the visualizer opens with when no option names what to race: gradient
/// descent zig-zags across the ravine while momentum and Nesterov run along it (a test replays it
/// and checks that lesson).
let visualizerDefaultScenario = "ravine-momentum"

/// Opens the ncurses visualizer on the race the options describe, playing, in colour mode `color`
/// (nil: what the terminal supports).
///
/// Refuses with one line (status 1) when standard input or output is not a terminal, pointing to
/// `descent run` and `descent render`.
public func runVisualizer(options: RaceSettings, view: ViewSettings, color: ColorMode?) throws {
    var options = options
    if options.namesNoRace { options.scenario = visualizerDefaultScenario }
    var state = AppState(scenario: try options.makeScenario(), isPlaying: true)
    // Options alone describe a setup, not a replay: a change by hand does not "branch" from anything.
    if options.scenario == nil { state.replaying = nil }
    try view.apply(to: &state)
    let status: Int32
    do {
        status = try Visualizer.run(state, colorOverride: color, perform: perform)
    } catch {
        Platform.writeErrorLine("descent: " + error.description)
        throw ExitCode(1)
    }
    if status != 0 { throw ExitCode(status) }
}

/// The visualizer's file work: saving the scenario on screen, listing the scenarios for the picker.
func perform(_ effect: Effect, in state: AppState) -> Action {
    switch effect {
    case let .saveScenario(name, overwrite):
        do {
            switch try ScenarioFiles.save(state.currentScenario.jsonText, name: name, overwrite: overwrite) {
            case let .saved(path): return .saveFinished(message: "saved \(path)")
            case .exists: return .saveNeedsConfirmation(name: name)
            }
        } catch {
            return .saveFinished(message: "not saved: " + error.description)
        }
    case .listScenarios:
        let (entries, problem) = ScenarioFiles.all()
        return .showScenarios(entries, problem: problem)
    }
}

import ArgumentParser
import DescentApp
import DescentCore
import DescentRender
import DescentTerminal

/// The race the visualizer opens with when no surface and no optimizer is named: the ravine, where
/// gradient descent zig-zags across the narrow valley and crawls along it, momentum builds speed
/// along the floor and Adam's per-coordinate steps head straight down.
let visualizerDefaultOptimizers = ["gd:lr=0.08", "momentum:lr=0.01", "adam:lr=0.1"]

/// The step limit of the visualizer when `--steps` is not given.
let visualizerDefaultSteps = 100_000

/// Opens the ncurses visualizer on the race the options describe, playing.
///
/// Refuses with one line (status 1) when standard input or output is not a terminal, pointing to
/// `descent run` and `descent render`.
public func runVisualizer(options: RaceOptions, view: ViewOptions, noColor: Bool) throws {
    var options = options
    if options.steps == nil { options.steps = String(visualizerDefaultSteps) }
    if options.optimizers.isEmpty && options.surface == nil { options.optimizers = visualizerDefaultOptimizers }
    var state = AppState(race: try options.makeRace(), screenWidth: 120, screenHeight: 40, isPlaying: true)
    try view.apply(to: &state)
    let status: Int32
    do {
        status = try Visualizer.run(state, colorOverride: noColor ? ColorMode.none : nil)
    } catch {
        Platform.writeErrorLine("descent: " + error.description)
        throw ExitCode(1)
    }
    if status != 0 { throw ExitCode(status) }
}

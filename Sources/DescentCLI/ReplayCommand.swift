import ArgumentParser
import DescentCore

/// `descent replay NAME|FILE`: the visualizer on a scenario, playing its timeline.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a scenario in the visualizer.",
        discussion: """
            NAME is scenarios/NAME.json in the current folder, else a scenario of the shipped library \
            (`descent list scenarios`); FILE is a path to a .json file. Pause, step, speed, zoom and pan \
            work as usual; changing a learning rate by hand branches from the replay. The race options \
            override the scenario's settings.
            """
    )

    @Argument(help: ArgumentHelp("The scenario: a name or a .json file.", valueName: "name|file"), completion: Completions.scenarios)
    var scenario: String

    @OptionGroup var race: RaceOptions<VisualizerSteps>
    @OptionGroup var view: ViewOptions

    @OptionGroup var colorOption: ColorOption

    func run() throws {
        var options = race.settings
        options.scenario = scenario
        try runVisualizer(options: options, view: view.settings, color: colorOption.settings.requestedMode())
    }
}

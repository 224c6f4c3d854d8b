import ArgumentParser
import DescentCore

/// `descent`: the visualizer, and the headless commands for scripts, tests and pipes.
public struct DescentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Watch optimizers learn: optimizer races on 2-D loss surfaces.",
        discussion: """
            Without a subcommand, descent opens the visualizer: the surface as a heatmap, the optimizers \
            racing across it, a panel with each one's learning rate, loss and status. Press ? in it for the keys. \
            With no options it plays the lesson ravine-momentum (`descent list scenarios` shows them all). It needs a terminal; for pipes and \
            scripts use `descent run` (numbers) or `descent render` (one frame as text).
            """,
        version: "0.1.0",
        subcommands: [VisualizeCommand.self, RunCommand.self, ReplayCommand.self, RenderCommand.self, ListCommand.self, CheckCommand.self, BackpropCommand.self, SweepCommand.self, RecordCommand.self, BasinsCommand.self, StabilityCommand.self, SearchCommand.self, BenchCommand.self],
        defaultSubcommand: VisualizeCommand.self
    )

    public init() {}
}

/// `descent [visualize] [options]`: the visualizer, the command that runs when no other is named. Its
/// options are its own, so a headless command given one of them refuses it instead of ignoring it.
struct VisualizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visualize",
        abstract: "Open the visualizer (what `descent` alone does).",
        discussion: DescentCommand.configuration.discussion
    )

    @OptionGroup var race: RaceOptions<VisualizerSteps>
    @OptionGroup var view: ViewOptions
    @OptionGroup var colorOption: ColorOption

    /// The values given, as a plain value.
    var settings: VisualizeSettings { VisualizeSettings(race: race.settings, view: view.settings, color: colorOption.settings) }

    func run() throws { try settings.run() }
}

/// What the visualizer is asked to show, as the command line gives it.
struct VisualizeSettings: Equatable, Sendable {
    var race: RaceSettings
    var view = ViewSettings()
    var color = ColorSettings()

    /// Opens the visualizer (see `runVisualizer`).
    func run() throws {
        try runVisualizer(options: race, view: view, color: color.requestedMode())
    }
}

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
        subcommands: [RunCommand.self, ReplayCommand.self, RenderCommand.self, ListCommand.self, CheckCommand.self, BackpropCommand.self, SweepCommand.self, BasinsCommand.self, StabilityCommand.self, SearchCommand.self, BenchCommand.self]
    )

    @OptionGroup public var race: RaceOptions
    @OptionGroup public var view: ViewOptions

    @OptionGroup var colorOption: ColorOption

    public init() {}

    public func run() throws {
        try runVisualizer(options: race, view: view, color: colorOption.requestedMode())
    }
}

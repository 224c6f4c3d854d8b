import ArgumentParser
import DescentCore

/// `descent`: the visualizer, and the headless commands for scripts, tests and pipes.
public struct DescentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Watch optimizers learn: optimizer races on 2-D loss surfaces.",
        discussion: """
            Without a subcommand, descent shows the race given by the options below \
            (for now as a summary table; the animated terminal view is coming).
            """,
        subcommands: [RunCommand.self, RenderCommand.self, ListCommand.self, CheckCommand.self, BenchCommand.self]
    )

    @OptionGroup public var race: RaceOptions

    public init() {}

    public func run() throws {
        try runVisualizer(options: race)
    }
}

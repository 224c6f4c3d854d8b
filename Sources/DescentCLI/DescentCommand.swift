import ArgumentParser
import DescentCore

/// `descent`: the visualizer, and the headless commands for scripts, tests and pipes.
public struct DescentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Watch optimizers learn: animated optimizer races on 2-D loss surfaces.",
        subcommands: [ListCommand.self]
    )

    public init() {}

    public func run() throws {
        print("descent")
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List surfaces or optimizers.")
    @Argument var what: String
    func run() throws {
        for s in SurfaceCatalog.all { print(s.name) }
    }
}

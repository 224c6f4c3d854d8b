import ArgumentParser
import DescentCore
import DescentRender
import DescentTerminal
import Glibc

/// `descent basins`: the basins of attraction of one optimizer on a surface.
struct BasinsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basins",
        abstract: "Start an optimizer from every cell of the view and colour each by the minimum it ends in.",
        discussion: """
            A map of --width × --height cells over the surface's view (widened to keep x and y to scale, a cell \
            twice as tall as wide); the run from the centre of each cell is the run `descent run` takes from \
            there, with the same seed and stop rules (--steps, default 500). A cell is in the basin of a minimum \
            when its run ends within 2% of the view's larger side of it: a known minimum of the surface first, \
            else a place where runs converged. Each basin has a colour (its letter without colour), darker for \
            more steps; × marks diverged runs, · unfinished ones, + runs that stopped at a saddle. \
            Rows run in parallel (--jobs).
            text: the map with its axes and legend (ANSI colours as for render).
            csv: row,column,x,y,ending,steps,end_x,end_y — one line per cell, ending a basin's letter or saddle, diverged, unfinished.
            """
    )

    @OptionGroup var race: RaceOptions<BasinSteps>

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns of the map.", valueName: "w"))
    var width: String = "80"

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of the map (odd puts a row on the view's middle).", valueName: "h"))
    var height: String = "31"

    @Option(help: ArgumentHelp("text or csv.", valueName: "format"), completion: .list(["text", "csv"]))
    var format: String = MapFormat.text.rawValue

    @OptionGroup var jobs: JobsOption
    @OptionGroup var colorOption: ColorOption

    func run() async throws {
        let format = try MapFormat(parsing: format)
        let columns = try parseWholeNumber(width, what: "--width", minimum: 1)
        let rows = try parseWholeNumber(height, what: "--height", minimum: 1)
        guard columns <= 2000 else { throw DescentError.invalidValue(what: "--width", value: width, requirement: "must be ≤ 2000") }
        guard rows <= 1000 else { throw DescentError.invalidValue(what: "--height", value: height, requirement: "must be ≤ 1000") }
        if race.start != nil { throw DescentError.invalid("--start has no meaning for a basin map: every cell is a start") }
        let parallelism = try jobs.parallelism()
        let mode = try colorOption.settings.requestedMode() ?? (isatty(STDOUT_FILENO) == 1 ? Terminal.detectedColorMode() : .none)
        let (scenario, spec) = try MapFormat.oneOptimizer(race.settings)
        let surface = scenario.surface
        let view = Viewport(view: scenario.view ?? surface.defaultView, area: CellRect(x: 0, y: 0, width: columns, height: rows)).world
        let grid = MapGrid(view: view, columns: columns, rows: rows)
        let map = await LongWork.perform(total: rows) { progress in
            await BasinMap.compute(surface: surface, spec: spec, rules: scenario.rules, seed: scenario.seed, grid: grid,
                                   parallelism: parallelism, progress: progress, shouldStop: LongWork.shouldStop)
        }
        guard let map else { return }
        var out = Output()
        switch format {
        case .text:
            let title = ["basins of \(spec.text) on \(surface.name): f(x, y) = \(surface.formula)",
                         "\(columns) × \(rows) starts, seed \(scenario.seed), " + RaceReport.describe(scenario.rules)]
            let frame = BasinMapView.frame(map, title: title, mode: mode, ascii: Terminal.userLocaleIsASCIIOnly)
            out.write(mode == .none ? frame.plainText + "\n" : ANSIText.encode(frame))
        case .csv:
            out.line("row,column,x,y,ending,steps,end_x,end_y")
            for r in 0..<rows {
                for c in 0..<columns {
                    let cell = map.cell(column: c, row: r)
                    let start = grid.point(column: c, row: r)
                    let ending: String
                    switch cell.ending {
                    case let .basin(i): ending = String(BasinMapView.letter(i))
                    case .saddle: ending = "saddle"
                    case .diverged: ending = "diverged"
                    case .unfinished: ending = "unfinished"
                    }
                    out.line("\(r),\(c),\(RaceReport.jsonNumber(start.x)),\(RaceReport.jsonNumber(start.y)),\(ending),\(cell.steps),"
                             + "\(MapFormat.csvNumber(cell.end.x)),\(MapFormat.csvNumber(cell.end.y))")
                }
            }
        }
        out.flush()
    }
}

/// What the map commands (basins, stability) share: their formats and their one optimizer.
enum MapFormat: String, CaseIterable {
    case text, csv

    init(parsing text: String) throws(DescentError) {
        let names = Self.allCases.map(\.rawValue)
        guard let format = Self(rawValue: text.trimmingSpaces.lowercased()) else {
            throw .unknownName(kind: "format", name: text, suggestion: nearestName(to: text, in: names), choices: names)
        }
        self = format
    }

    /// A number for csv: empty when not finite (a diverged run's end).
    static func csvNumber(_ value: Double) -> String { value.isFinite ? RaceReport.jsonNumber(value) : "" }

    /// The scenario of the options and its one optimizer (gd when none is given).
    static func oneOptimizer(_ race: RaceSettings) throws(DescentError) -> (Scenario, OptimizerSpec) {
        guard race.optimizers.count <= 1 else { throw .invalid("a map takes one --optimizer (given \(race.optimizers.count))") }
        var scenario = try race.makeScenario()
        if race.optimizers.isEmpty, race.scenario == nil { scenario.optimizers = [ScenarioOptimizer(spec: try OptimizerSpec(parsing: "gd"))] }
        guard let spec = scenario.optimizers.first?.spec else { throw .invalid("the scenario has no optimizer") }
        if race.optimizers.isEmpty, scenario.optimizers.count > 1 {
            throw .invalid("the scenario races \(scenario.optimizers.count) optimizers; choose one with --optimizer")
        }
        try spec.check(fits: scenario.surface)
        return (scenario, spec)
    }
}

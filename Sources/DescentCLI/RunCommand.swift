import ArgumentParser
import DescentCore

/// `descent run`: races the optimizers headless and prints a summary, a CSV or a JSON document.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a race headless and print the result.",
        discussion: """
            table: one line per optimizer (final point, loss, |∇f|, steps, evaluations, status).
            csv: optimizer,step,x,y,loss,grad_norm,lr,evals,status — one row per optimizer per step, step 0 being \
            the start; then avg_x,avg_y,avg_loss when an optimizer averages, val_loss on a data surface with a \
            validation split, batch_loss on a minibatch run.
            json: every trajectory with the surface, start and seed (the same extra keys).
            Numbers in csv and json read back as exactly the same doubles.
            """
    )

    @OptionGroup var race: RaceOptions<RunSteps>

    @Option(help: ArgumentHelp("table, csv or json.", valueName: "format"), completion: .list(["table", "csv", "json"]))
    var format: String = RunSettings.Format.table.rawValue

    @Option(help: ArgumentHelp("csv and json: a row every k-th step (and the last) instead of every step.", valueName: "k"))
    var every: String = RunSettings.defaultEvery

    /// The values given, as a plain value.
    var settings: RunSettings { RunSettings(race: race.settings, format: format, every: every) }

    func run() throws { try settings.run() }
}

/// What `descent run` is asked to do, as the command line gives it.
struct RunSettings: Equatable, Sendable {
    enum Format: String, CaseIterable {
        case table, csv, json

        init(parsing text: String) throws(DescentError) {
            let names = Self.allCases.map(\.rawValue)
            guard let format = Self(rawValue: text.trimmingSpaces.lowercased()) else {
                throw .unknownName(kind: "format", name: text, suggestion: nearestName(to: text, in: names), choices: names)
            }
            self = format
        }
    }

    /// Every step is a row unless `--every` says otherwise.
    static let defaultEvery = "1"

    var race: RaceSettings
    var format = Format.table.rawValue
    var every = RunSettings.defaultEvery

    /// Runs the race and prints its report.
    func run() throws {
        let format = try Format(parsing: format)
        guard let every = Int(every.trimmingSpaces), every >= 1 else {
            throw DescentError.malformedValue(what: "--every", text: every, expected: "a whole number ≥ 1")
        }
        let scenario = try race.makeScenario()
        var out = Output()
        switch format {
        case .table: RaceReport.writeTable(RaceReport.runKeepingEndStates(scenario), to: &out)
        case .csv: RaceReport.writeCSV(scenario, every: every, to: &out)
        case .json: RaceReport.writeJSON(scenario, every: every, to: &out)
        }
        out.flush()
    }
}

import ArgumentParser
import DescentCore

/// `descent sweep`: one optimizer at every power of ten of a learning-rate range, the best marked.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Try an optimizer at every power of ten of a learning-rate range and mark the best.",
        discussion: """
            Each rate runs from the same start with the same stop rules; the best is the lowest final loss \
            of the runs that did not diverge (the fewer steps on a tie).
            table: lr, final loss, steps, status, the best marked.
            csv: lr,loss,steps,status,best — one row per rate.
            json: the surface, the optimizer, the trials and the best rate.
            """
    )

    @OptionGroup var race: RaceOptions<RunSteps>

    @Option(help: ArgumentHelp("The range of learning rates, LOW..HIGH.", valueName: "low..high"))
    var lr: String = "1e-4..1"

    @Option(help: ArgumentHelp("10 (powers of ten) or 1-2-5 (also 2 and 5 × 10ᵏ).", valueName: "points"))
    var points: String = LearningRateSweep.Points.decades.rawValue

    @Option(help: ArgumentHelp("table, csv or json.", valueName: "format"), completion: .list(["table", "csv", "json"]))
    var format: String = RunSettings.Format.table.rawValue

    /// LOW..HIGH with 0 < LOW ≤ HIGH, both finite.
    static func parseRange(_ text: String) throws(DescentError) -> ClosedRange<Double> {
        let parts = text.trimmingSpaces.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformedValue(what: "--lr", text: text, expected: "LOW..HIGH, e.g. 1e-4..1") }
        let low = try parseFiniteNumber(String(parts[0]), what: "--lr low end")
        let high = try parseFiniteNumber(String(parts[1]), what: "--lr high end")
        guard low > 0 else { throw .invalidValue(what: "--lr low end", value: formatNumber(low), requirement: "must be > 0") }
        guard high >= low else {
            throw .invalidValue(what: "--lr high end", value: formatNumber(high), requirement: "must be at least the low end \(formatNumber(low))")
        }
        return low...high
    }

    func run() throws {
        let format = try RunSettings.Format(parsing: format)
        let range = try Self.parseRange(lr)
        let choices = LearningRateSweep.Points.allCases.map(\.rawValue)
        guard let points = LearningRateSweep.Points(rawValue: points.trimmingSpaces) else {
            throw DescentError.unknownName(kind: "--points", name: points, suggestion: nearestName(to: points, in: choices), choices: choices)
        }
        guard race.optimizers.count <= 1 else {
            throw DescentError.invalid("a sweep takes one --optimizer (given \(race.optimizers.count))")
        }
        var scenario = try race.settings.makeScenario()
        if race.optimizers.isEmpty, race.scenario == nil { scenario.optimizers = [RaceEntry(spec: try OptimizerSpec(parsing: "gd"))] }
        let rates = LearningRateSweep.rates(in: range, points: points)
        guard !rates.isEmpty else {
            throw DescentError.invalid("--lr \(lr.withVisibleControlCharacters) holds no rate of the form \(points == .decades ? "10ᵏ" : "1, 2 or 5 × 10ᵏ")")
        }
        let trials = try LongWork.perform(total: rates.count) { progress in
            try LearningRateSweep.run(scenario, rates: rates, progress: progress, shouldStop: LongWork.shouldStop)
        }
        let best = LearningRateSweep.best(of: trials)
        let spec = scenario.optimizers[0].spec
        var out = Output()
        switch format {
        case .table:
            let race = scenario.makeRace()
            out.line("sweep of \(spec.name) on \(race.surface.name): f(x, y) = \(race.surface.formula)")
            out.line("start (\(formatNumber(race.start.x)), \(formatNumber(race.start.y))), seed \(race.seed), " + RaceReport.describe(race.rules))
            out.line()
            var table = TextTable(columns: [.init("lr", .right), .init("loss", .right), .init("steps", .right), .init("status"), .init("")])
            for (i, trial) in trials.enumerated() {
                table.add([formatNumber(trial.learningRate), RaceReport.short(trial.finalLoss), String(trial.steps), trial.status.summary,
                           i == best ? "◀ best" : ""])
            }
            table.write(to: &out)
            out.line()
            if let best {
                out.line("best: \(spec.withLearningRate(trials[best].learningRate).text)")
            } else {
                out.line("every rate diverged: try a lower range")
            }
        case .csv:
            out.line("lr,loss,steps,status,best")
            for (i, trial) in trials.enumerated() {
                out.line("\(RaceReport.jsonNumber(trial.learningRate)),\(trial.finalLoss.isFinite ? RaceReport.jsonNumber(trial.finalLoss) : ""),\(trial.steps),\(trial.status.label),\(i == best)")
            }
        case .json:
            out.line("{")
            out.line("  \"surface\": \(RaceReport.jsonString(scenario.surface.name)),")
            out.line("  \"optimizer\": \(RaceReport.jsonString(spec.text)),")
            out.line("  \"trials\": [")
            for (i, trial) in trials.enumerated() {
                let loss = trial.finalLoss.isFinite ? RaceReport.jsonNumber(trial.finalLoss) : "null"
                out.line("    {\"lr\": \(RaceReport.jsonNumber(trial.learningRate)), \"loss\": \(loss), \"steps\": \(trial.steps), \"status\": \(RaceReport.jsonString(trial.status.label))}" + (i == trials.count - 1 ? "" : ","))
            }
            out.line("  ],")
            out.line("  \"best_lr\": \(best.map { RaceReport.jsonNumber(trials[$0].learningRate) } ?? "null")")
            out.line("}")
        }
        out.flush()
    }
}

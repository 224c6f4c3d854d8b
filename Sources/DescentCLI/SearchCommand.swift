import ArgumentParser
import DescentCore

/// `descent search`: random search of one optimizer's hyperparameters, narrowing the ranges each round.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Random search of an optimizer's hyperparameters, narrowing the ranges round by round.",
        discussion: """
            Each round samples --trials settings inside the current ranges — the learning rate log-uniform \
            over --lr; momentum and β₁ uniform over 0..0.99; β₂ and α log-uniform in 1 − β over 0.9..0.9999, \
            where the optimizer has them; every value rounded to 3 significant digits — runs each from the same \
            start with the same stop rules and seed, keeps the best quarter (lowest final loss; diverged runs \
            never) and narrows every range around them (their span, widened by a tenth of the range on each \
            side). The draws come from --seed: the same seed prints the same bytes, whatever --jobs. \
            The optimizer's other settings (e.g. eps=) are kept.
            text: each round's ranges and best, then the winner as a spec for `descent run --optimizer`.
            csv: round,trial,<the searched keys>,loss,steps,status,rank — one line per trial (rank 1 is the round's best).
            """
    )

    @OptionGroup var race: RaceOptions<RunSteps>

    @Option(parsing: .unconditional, help: ArgumentHelp("Rounds of sampling.", valueName: "r"))
    var rounds: String = "3"

    @Option(parsing: .unconditional, help: ArgumentHelp("Settings tried in each round.", valueName: "t"))
    var trials: String = "20"

    @Option(help: ArgumentHelp("The first round's learning rates, LOW..HIGH.", valueName: "low..high"))
    var lr: String = "1e-5..1"

    @Option(help: ArgumentHelp("text or csv.", valueName: "format"), completion: .list(["text", "csv"]))
    var format: String = MapFormat.text.rawValue

    @OptionGroup var jobs: JobsOption

    func run() async throws {
        let format = try MapFormat(parsing: format)
        let rounds = try parseWholeNumber(rounds, what: "--rounds", minimum: 1)
        let trials = try parseWholeNumber(trials, what: "--trials", minimum: 1)
        guard rounds <= 100 else { throw DescentError.invalidValue(what: "--rounds", value: String(rounds), requirement: "must be ≤ 100") }
        guard trials <= 10_000 else { throw DescentError.invalidValue(what: "--trials", value: String(trials), requirement: "must be ≤ 10000") }
        let rateRange = try SweepCommand.parseRange(lr)
        let parallelism = try jobs.parallelism()
        guard race.optimizers.count <= 1 else { throw DescentError.invalid("a search takes one --optimizer (given \(race.optimizers.count))") }
        let (scenario, spec) = try MapFormat.oneOptimizer(race.settings)
        let race = scenario.makeRace()
        let dimensions = HyperparameterSearch.dimensions(for: spec.descriptor, learningRates: rateRange)
        let result = try await LongWork.perform(total: rounds * trials) { progress in
            try await HyperparameterSearch.run(
                surface: race.surface, spec: spec, start: race.start, rules: race.rules, seed: race.seed, dimensions: dimensions,
                rounds: rounds, trials: trials, parallelism: parallelism, progress: progress, shouldStop: LongWork.shouldStop)
        }
        guard let result else { return }
        var out = Output()
        switch format {
        case .text:
            let kept = HyperparameterSearch.kept(of: trials)
            out.line("search of \(spec.text) on \(race.surface.name): f(x, y) = \(race.surface.formula)")
            out.line("start (\(formatNumber(race.start.x)), \(formatNumber(race.start.y))), seed \(race.seed), " + RaceReport.describe(race.rules))
            out.line("\(rounds) round\(rounds == 1 ? "" : "s") of \(trials) trial\(trials == 1 ? "" : "s"); "
                     + "each keeps its best \(kept) and narrows the ranges around them")
            for (r, round) in result.enumerated() {
                out.line()
                out.line("round \(r + 1): " + round.dimensions.map { "\($0.key) \(Self.range($0))" }.joined(separator: ", "))
                if let best = round.best, !best.diverged {
                    let diverged = round.trials.filter(\.diverged).count
                    out.line("  best \(best.spec.text)  loss \(RaceReport.short(best.finalLoss)), \(best.status.summary)"
                             + (diverged > 0 ? "  (\(diverged) of \(trials) diverged)" : ""))
                } else {
                    out.line("  every trial diverged; the ranges stay")
                }
            }
            out.line()
            if let winner = HyperparameterSearch.winner(of: result), !winner.diverged {
                out.line("best: \(winner.spec.text)")
            } else {
                out.line("best: none (every trial diverged; try a lower --lr)")
            }
        case .csv:
            out.line((["round", "trial"] + dimensions.map(\.key) + ["loss", "steps", "status", "rank"]).joined(separator: ","))
            for (r, round) in result.enumerated() {
                var rank = [Int](repeating: 0, count: round.trials.count)
                for (place, index) in round.ranking.enumerated() { rank[index] = place + 1 }
                for (t, trial) in round.trials.enumerated() {
                    out.line((["\(r + 1)", "\(t + 1)"] + trial.values.map(RaceReport.jsonNumber)
                              + [MapFormat.csvNumber(trial.finalLoss), "\(trial.steps)", trial.status.label, "\(rank[t])"]).joined(separator: ","))
                }
            }
        }
        out.flush()
    }

    /// A range as LOW..HIGH in 4 significant digits.
    static func range(_ dimension: HyperparameterSearch.Dimension) -> String {
        "\(formatSignificant(dimension.range.lowerBound, digits: 4))..\(formatSignificant(dimension.range.upperBound, digits: 4))"
    }
}

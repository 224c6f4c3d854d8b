import ArgumentParser
import DescentCore
import DescentRender
import DescentTerminal
import Glibc

/// `descent stability`: the final loss of one optimizer over a grid of (learning rate, momentum or β₁).
struct StabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stability",
        abstract: "Map the final loss over learning rate × momentum (β₁ for adam), marking divergence.",
        discussion: """
            Every cell runs the optimizer from the same --start with its learning rate (columns, evenly spaced \
            in log lr over --lr) and its momentum (rows, evenly spaced over --momentum, the top row the largest; \
            β₁ for adam and the methods with β₁ but no momentum; one row for a method with neither). A cell \
            is coloured by log₁₀ of its final loss (brighter is higher); × marks a run that diverged or ended \
            above the loss it started at. Rows run in parallel (--jobs).
            text: the map with its axes and legend (ANSI colours as for render).
            csv: lr,momentum,loss,steps,diverged — one line per cell (the second column named after the parameter).
            """
    )

    @OptionGroup var race: RaceOptions<StabilitySteps>

    @Option(help: ArgumentHelp("The learning rates, LOW..HIGH.", valueName: "low..high"))
    var lr: String = "1e-4..10"

    @Option(help: ArgumentHelp("The momentum (or β₁) values, LOW..HIGH in [0, 1).", valueName: "low..high"))
    var momentum: String = "0..0.99"

    @Option(parsing: .unconditional, help: ArgumentHelp("Columns of the map: learning rates.", valueName: "w"))
    var width: String = "61"

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of the map: momentum values.", valueName: "h"))
    var height: String = "23"

    @Option(help: ArgumentHelp("text or csv.", valueName: "format"), completion: .list(["text", "csv"]))
    var format: String = MapFormat.text.rawValue

    @OptionGroup var jobs: JobsOption
    @OptionGroup var colorOption: ColorOption

    /// LOW..HIGH with 0 ≤ LOW ≤ HIGH < 1.
    static func parseMomentumRange(_ text: String) throws(DescentError) -> ClosedRange<Double> {
        let parts = text.trimmingSpaces.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformedValue(what: "--momentum", text: text, expected: "LOW..HIGH, e.g. 0..0.99") }
        let low = try parseFiniteNumber(String(parts[0]), what: "--momentum low end")
        let high = try parseFiniteNumber(String(parts[1]), what: "--momentum high end")
        guard low >= 0 else { throw .invalidValue(what: "--momentum low end", value: formatNumber(low), requirement: "must be ≥ 0") }
        guard high < 1 else { throw .invalidValue(what: "--momentum high end", value: formatNumber(high), requirement: "must be < 1") }
        guard high >= low else {
            throw .invalidValue(what: "--momentum high end", value: formatNumber(high), requirement: "must be at least the low end \(formatNumber(low))")
        }
        return low...high
    }

    func run() async throws {
        let format = try MapFormat(parsing: format)
        let columns = try parseWholeNumber(width, what: "--width", minimum: 2)
        let rows = try parseWholeNumber(height, what: "--height", minimum: 1)
        guard columns <= 2000 else { throw DescentError.invalidValue(what: "--width", value: width, requirement: "must be ≤ 2000") }
        guard rows <= 1000 else { throw DescentError.invalidValue(what: "--height", value: height, requirement: "must be ≤ 1000") }
        let rateRange = try SweepCommand.parseRange(lr)
        let momentumRange = try Self.parseMomentumRange(momentum)
        let parallelism = try jobs.parallelism()
        let mode = try colorOption.settings.requestedMode() ?? (isatty(STDOUT_FILENO) == 1 ? Terminal.detectedColorMode() : .none)
        let (scenario, spec) = try MapFormat.oneOptimizer(race.settings)
        let race = scenario.makeRace()
        let key = StabilityMap.parameterKey(for: spec.descriptor)
        let values = key == nil ? [] : StabilityMap.parameterValues(in: momentumRange, count: rows)
        let map = try await LongWork.perform(total: key == nil ? 1 : rows) { progress in
            try await StabilityMap.compute(
                surface: race.surface, spec: spec, start: race.start, rules: race.rules, seed: race.seed,
                learningRates: StabilityMap.learningRates(in: rateRange, count: columns), parameterKey: key, parameterValues: values,
                parallelism: parallelism, progress: progress, shouldStop: LongWork.shouldStop)
        }
        guard let map else { return }
        var out = Output()
        switch format {
        case .text:
            let title = ["stability of \(spec.name) on \(race.surface.name): f(x, y) = \(race.surface.formula)",
                         "from (\(formatNumber(race.start.x)), \(formatNumber(race.start.y))), f = \(RaceReport.short(map.startLoss)), seed \(race.seed), "
                             + RaceReport.describe(race.rules)]
            let frame = StabilityMapView.frame(map, title: title, knownLowest: race.surface.minima.map(\.value).min(), mode: mode, ascii: Terminal.userLocaleIsASCIIOnly)
            out.write(mode == .none ? frame.plainText + "\n" : ANSIText.encode(frame))
        case .csv:
            out.line("lr,\(key ?? "parameter"),loss,steps,diverged")
            for cell in map.cells {
                out.line("\(RaceReport.jsonNumber(cell.learningRate)),\(cell.parameter.map(RaceReport.jsonNumber) ?? ""),"
                         + "\(MapFormat.csvNumber(cell.finalLoss)),\(cell.steps),\(cell.diverged)")
            }
        }
        out.flush()
    }
}

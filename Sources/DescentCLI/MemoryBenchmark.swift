import DescentCore
import DescentRender

/// The memory a recorded race takes: the statement from the trajectory layout, and a measurement.
enum MemoryBenchmark {
    static let optimizerCount = 10
    static let stepCount = 1_000_000
    /// The goal for 10 optimizers × 1,000,000 recorded steps.
    static let goalBytes = 200_000_000

    static let section = BenchSection(name: "memory", title: "memory of a recorded race") { out in
        run(&out)
    }

    /// Bytes one recorded step takes: the point only (loss, |∇f| and the learning rate are recomputed).
    static var bytesPerStep: Int { MemoryLayout<Vector2>.stride }

    /// The racers: first-order methods (they run every step), cycled to `optimizerCount`.
    static var specs: [OptimizerSpec] {
        let firstOrder = OptimizerCatalog.all.filter { $0.family == .firstOrder }
        let pool = firstOrder.isEmpty ? OptimizerCatalog.all : firstOrder
        return (0..<optimizerCount).map { StepBenchmark.spec(for: pool[$0 % pool.count]) }
    }

    static func run(_ out: inout Output) {
        let expected = bytesPerStep * optimizerCount * stepCount
        out.line("bytes per recorded step: \(bytesPerStep) (the point; loss, |∇f| and lr are recomputed from it)")
        out.line("\(bytesPerStep) B × \(optimizerCount) optimizers × \(stepCount) steps = \(megabytes(expected)) "
                 + "(goal ≤ \(megabytes(goalBytes))): \(expected <= goalBytes ? "meets" : "MISSES")")
        out.flush()

        let surface = StepBenchmark.surface
        let specs = specs
        let resetWorked = Platform.resetPeakMemory()
        let before = Platform.processMemory("VmRSS")
        let rules = StopRules(gradientTolerance: 0, bound: .infinity, maxSteps: stepCount)
        var race = Race(surface: surface, optimizers: specs, rules: rules, seed: 1)
        let elapsed = ContinuousClock().measure { race.runToEnd() }
        let peak = Platform.processMemory("VmHWM")
        let recorded = race.racers.reduce(0) { $0 + $1.stepCount }
        withExtendedLifetime(race) {}

        out.line("measured: \(specs.count) racers (\(Set(specs.map(\.name)).sorted().joined(separator: ", "))) on \(surface.name), "
                 + "\(recorded) steps recorded in \(NumberFormat.cFormat("%.2f", seconds(elapsed))) s")
        guard let before, let peak else {
            out.line("peak resident memory: not available (no /proc/self/status)")
            return
        }
        let scope = resetWorked ? "during the race" : "of the whole process (peak could not be reset)"
        out.line("peak resident memory \(scope): \(megabytes(peak)), \(megabytes(before)) before it "
                 + "(+\(megabytes(peak - before))) (goal ≤ \(megabytes(goalBytes))): \(peak <= goalBytes ? "meets" : "MISSES")")
        out.flush()
        measureStreamedRun(&out)
    }

    /// The steps of the streamed run: as many as the recorded race above, so the two compare.
    static let streamedSteps = 10_000_000
    /// The goal of `run`: a constant few megabytes, whatever `--steps`.
    static let streamedGoalBytes = 10_000_000

    /// `descent run`'s way: the same kind of race as above but 10× longer, stepped in chunks and let go
    /// of (as the table and the CSV and JSON streams do): the memory it adds does not grow with the steps.
    static func measureStreamedRun(_ out: inout Output) {
        let resetWorked = Platform.resetPeakMemory()
        let before = Platform.processMemory("VmRSS")
        let optimizers = specs.map { ScenarioOptimizer(spec: $0) }
        let scenario = Scenario(surface: StepBenchmark.surface, optimizers: optimizers, seed: 1, steps: streamedSteps,
                                gradientTolerance: 0)
        var race: Race?
        let elapsed = ContinuousClock().measure { race = RaceReport.runKeepingEndStates(scenario) }
        let peak = Platform.processMemory("VmHWM")
        let taken = race?.racers.reduce(0) { $0 + $1.stepCount } ?? 0
        out.line("descent run (streamed): \(optimizers.count) racers × \(streamedSteps) steps, \(taken) steps in "
                 + "\(NumberFormat.cFormat("%.2f", seconds(elapsed))) s")
        guard resetWorked, let before, let peak else {
            out.line("peak resident memory of the streamed run: not available")
            return
        }
        out.line("peak resident memory during it: +\(megabytes(peak - before)) (goal ≤ \(megabytes(streamedGoalBytes)), "
                 + "whatever --steps): \(peak - before <= streamedGoalBytes ? "meets" : "MISSES")")
    }

    static func megabytes(_ bytes: Int) -> String {
        NumberFormat.cFormat("%.1f MB", Double(bytes) / 1e6)
    }
}

import DescentCore
import DescentRender

/// Steps per second of each optimizer, trajectory recorded, as the visualizer and `run` use it.
enum StepBenchmark {
    /// The goal for first-order methods.
    static let goalStepsPerSecond = 25e6
    static let repetitions = 3
    /// The base learning rate given to every method that has one, except second-order ones:
    /// small enough that none leaves rosenbrock's valley, so every step is a real step.
    static let learningRate = 1e-4

    static let section = BenchSection(name: "steps", title: "optimizer steps per second, trajectory recorded") { out in
        run(&out)
    }

    /// rosenbrock, or the first surface when it is missing.
    static var surface: any Surface { SurfaceCatalog.named("rosenbrock") ?? SurfaceCatalog.all[0] }

    /// The spec each optimizer is measured with: its defaults, `lr` = `learningRate` where it applies.
    static func spec(for descriptor: OptimizerDescriptor) -> OptimizerSpec {
        let spec = OptimizerSpec(descriptor: descriptor)
        guard descriptor.hasLearningRate, descriptor.family != .secondOrder else { return spec }
        return spec.withLearningRate(learningRate)
    }

    /// Steps measured per repetition: millions for first-order methods, fewer for the costly ones.
    static func stepCount(for descriptor: OptimizerDescriptor) -> Int {
        let count = descriptor.family == .firstOrder ? 5_000_000 : descriptor.usesLineSearch ? 200_000 : 1_000_000
        return BenchSection.isDebugBuild ? count / 20 : count
    }

    struct Measurement {
        var steps: Int
        /// Races needed: methods that converge or stop early start again until `steps` are done.
        var runs: Int
        var seconds: Double
        var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }
    }

    /// Times `Race.run(steps:)` (not the set-up) until `total` steps are taken or 5 s of stepping have passed.
    static func measure(_ spec: OptimizerSpec, on surface: any Surface, steps total: Int) -> Measurement {
        let clock = ContinuousClock()
        var result = Measurement(steps: 0, runs: 0, seconds: 0)
        while result.steps < total, result.seconds < 5 {
            let remaining = total - result.steps
            let rules = StopRules(gradientTolerance: 0, bound: .infinity, maxSteps: remaining)
            var race = Race(surface: surface, optimizers: [spec], rules: rules, seed: 1)
            let elapsed = clock.measure { race.run(steps: remaining) }
            let taken = race.racers[0].stepCount
            result.runs += 1
            result.seconds += seconds(elapsed)
            result.steps += taken
            if taken == 0 { break }
        }
        return result
    }

    static func run(_ out: inout Output) {
        let surface = surface
        out.line("surface \(surface.name) from \(ListCommand.point(surface.defaultStart)), gradient stop off, best of \(repetitions);")
        out.line("lr=\(formatNumber(learningRate)) for every method with a learning rate except second-order ones")
        out.line("goal: ≥ \(formatNumber(goalStepsPerSecond / 1e6)) M steps/s for first-order methods")
        out.line()
        let row = FixedColumns(widths: [-20, -16, 9, 7, 8, 10, -6])
        out.line(row.format(["optimizer", "family", "steps", "runs", "seconds", "M steps/s", "goal"]))
        out.flush()
        var misses = 0
        for descriptor in OptimizerCatalog.all {
            let spec = spec(for: descriptor)
            let count = stepCount(for: descriptor)
            var best = measure(spec, on: surface, steps: count)
            for _ in 1..<repetitions {
                let next = measure(spec, on: surface, steps: count)
                if next.stepsPerSecond > best.stepsPerSecond { best = next }
            }
            var verdict = "-"
            if descriptor.family == .firstOrder {
                let meets = best.stepsPerSecond >= goalStepsPerSecond
                verdict = meets ? "meets" : "MISSES"
                if !meets { misses += 1 }
            }
            out.line(row.format([
                spec.text, descriptor.family.rawValue, String(best.steps), String(best.runs),
                NumberFormat.cFormat("%.3f", best.seconds), NumberFormat.cFormat("%.1f", best.stepsPerSecond / 1e6), verdict,
            ]))
            out.flush()
        }
        let firstOrder = OptimizerCatalog.all.filter { $0.family == .firstOrder }.count
        out.line("first-order methods meeting the goal: \(firstOrder - misses) of \(firstOrder)")
    }
}

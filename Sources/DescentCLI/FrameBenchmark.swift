import DescentApp
import DescentCore
import DescentRender

/// How long composing a frame takes: the whole screen with trails, and the heatmap alone.
enum FrameBenchmark {
    static let frameGoalMilliseconds = 1.0
    static let heatmapGoalMilliseconds = 2.0
    /// A typed formula's heatmap may take at most this many times the built-in surface's.
    static let formulaGoalRatio = 5.0
    static let formulaText = "(1-x)^2 + 100*(y-x^2)^2"

    static let section = BenchSection(name: "frame", title: "frame composition (cell grid, no terminal)") { out in
        run(&out)
    }

    /// A 200 × 60 screen with 6 optimizers on rosenbrock, each with a 1,000-step trail, paused.
    static func benchmarkState() -> AppState {
        let surface = SurfaceCatalog.named("rosenbrock") ?? SurfaceCatalog.all[0]
        let specs = ["gd:lr=0.001", "momentum:lr=0.0005", "nesterov:lr=0.0005", "rmsprop:lr=0.005", "adam:lr=0.02", "adagrad:lr=0.1"]
            .compactMap { try? OptimizerSpec(parsing: $0) }
        var race = Race(surface: surface, optimizers: specs, rules: StopRules(gradientTolerance: 0, maxSteps: 1000))
        race.runToEnd()
        return AppState(race: race, screenWidth: 200, screenHeight: 60, colorMode: .palette256, isPlaying: false)
    }

    /// The median of `repetitions` timings of `body`, in milliseconds.
    static func medianMilliseconds(repetitions: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<repetitions { samples.append(seconds(clock.measure(body)) * 1000) }
        samples.sort()
        return samples[samples.count / 2]
    }

    static func run(_ out: inout Output) {
        // A warm-up: the first timings of a fresh process run slow (caches, page faults of new grids).
        var warm = benchmarkState()
        for _ in 0..<(BenchSection.isDebugBuild ? 2 : 50) {
            warm.colorMode = .palette256
            _ = Heatmap(surface: warm.race.surface, viewport: Viewport(view: warm.race.surface.defaultView,
                        area: CellRect(x: 0, y: 0, width: 400, height: 60)), mode: .palette256, shading: Shading(logarithmic: true, contours: true))
        }
        for mode in [ColorMode.palette256, .trueColor] {
            out.line("\(mode == .trueColor ? "24-bit colour" : "256 colours"):")
            run(&out, mode: mode)
        }
    }

    static func run(_ out: inout Output, mode: ColorMode) {
        var state = benchmarkState()
        state.colorMode = mode
        let composer = FrameComposer()
        var checksum = 0
        _ = composer.compose(state)  // the heatmap is cached from here on, as in the visualizer
        let repetitions = BenchSection.isDebugBuild ? 20 : 200
        let frame = medianMilliseconds(repetitions: repetitions) { checksum &+= composer.compose(state).cells.count }
        let trailPoints = state.race.racers.map { $0.points.count }.reduce(0, +)
        out.line("whole frame 200×60, 6 optimizers, \(trailPoints) trail points, heatmap cached:")
        out.line("  median \(NumberFormat.compact(frame, digits: 3)) ms (goal ≤ \(formatNumber(frameGoalMilliseconds)) ms): \(frame <= frameGoalMilliseconds ? "meets" : "MISSES")")

        let viewport = Viewport(view: state.race.surface.defaultView, area: CellRect(x: 0, y: 0, width: 400, height: 60))
        let heatmap = medianMilliseconds(repetitions: repetitions) {
            checksum &+= Heatmap(surface: state.race.surface, viewport: viewport, mode: mode,
                                 shading: Shading(logarithmic: true, contours: true)).grid.width
        }
        out.line("heatmap 400×120 samples (400×60 half-block cells), log shading and contours:")
        out.line("  median \(NumberFormat.compact(heatmap, digits: 3)) ms (goal ≤ \(formatNumber(heatmapGoalMilliseconds)) ms): \(heatmap <= heatmapGoalMilliseconds ? "meets" : "MISSES")")
        if let typed = try? FormulaSurface(formulaText, view: state.race.surface.defaultView) {
            let formula = medianMilliseconds(repetitions: repetitions) {
                checksum &+= Heatmap(surface: typed, viewport: viewport, mode: mode, shading: Shading(logarithmic: true, contours: true)).grid.width
            }
            let ratio = formula / heatmap
            out.line("the same heatmap of the typed formula \(formulaText) (compiled, interpreted per sample):")
            out.line("  median \(NumberFormat.compact(formula, digits: 3)) ms, \(NumberFormat.compact(ratio, digits: 2))× the built-in "
                     + "(goal ≤ \(formatNumber(formulaGoalRatio))×): \(ratio <= formulaGoalRatio ? "meets" : "MISSES")")
        }
        if checksum == 42 { out.line() }  // keeps the work from being optimised away
    }
}

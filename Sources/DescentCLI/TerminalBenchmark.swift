import DescentApp
import DescentCore
import DescentRender
import DescentTerminal

/// Bytes sent to the terminal per frame while three optimizers move and nothing else changes.
enum TerminalBenchmark {
    static let goalBytesPerFrame = 2048

    static let section = BenchSection(name: "terminal", title: "bytes written to the terminal per frame (ncurses, xterm-256color and xterm-direct)") { out in
        run(&out)
    }

    static func run(_ out: inout Output) {
        let surface = SurfaceCatalog.named("ravine") ?? SurfaceCatalog.all[0]
        let specs = ["gd:lr=0.08", "momentum:lr=0.01", "adam:lr=0.1"].compactMap { try? OptimizerSpec(parsing: $0) }
        let race = Race(surface: surface, optimizers: specs, rules: StopRules(maxSteps: 100_000))
        for (mode, termName) in [(ColorMode.palette256, "xterm-256color"), (.trueColor, "xterm-direct")] {
            var state = AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: mode, isPlaying: true)
            state.speed = 20
            let composer = FrameComposer()
            var frames: [CellGrid] = []
            for _ in 0..<61 {
                frames.append(composer.compose(state))
                state.apply(.tick(seconds: 0.05))  // one step a frame at 20 steps/s
            }
            do {
                let bytes = try Terminal.measureOutputBytes(frames: frames, colorMode: mode, termName: termName)
                let later = Array(bytes.dropFirst())
                let mean = later.reduce(0, +) / max(later.count, 1)
                let worst = later.max() ?? 0
                out.line("\(termName), 120×40, 3 optimizers taking one step a frame, \(later.count) frames after the first:")
                out.line("  first frame (full paint) \(bytes.first ?? 0) B; then mean \(mean) B, largest \(worst) B a frame (goal < \(goalBytesPerFrame) B): \(mean < goalBytesPerFrame ? "meets" : "MISSES")")
            } catch {
                out.line("\(termName): could not measure: \(error)")
            }
        }
        out.flush()
        measureKeyLatency(&out)
    }

    static let goalLatencySeconds = 0.1

    /// The longest a key can wait for the next frame: the run loop reads keys between iterations, so
    /// that is the longest iteration (a tick of play, then composing the frame) under the heaviest load:
    /// 8 × random-search with 100,000 samples a step, asked for 1,000 steps/s, for 3 seconds.
    static func measureKeyLatency(_ out: inout Output) {
        let surface = SurfaceCatalog.named("rastrigin") ?? SurfaceCatalog.all[0]
        let specs = (1...8).compactMap { try? OptimizerSpec(parsing: "random-search:samples=100000,seed=\($0)") }
        let race = Race(surface: surface, optimizers: specs, rules: StopRules(gradientTolerance: 0, maxSteps: 1_000_000))
        var state = AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: true)
        state.speed = 1000
        let composer = FrameComposer()
        var budget = Visualizer.StepBudget()
        let clock = ContinuousClock()
        var iterations: [Double] = []
        var last = clock.now
        let end = clock.now.advanced(by: .seconds(3))
        while clock.now < end {
            let started = clock.now
            Visualizer.play(&state, for: Visualizer.seconds(started - last), budget: &budget)
            last = started
            _ = composer.compose(state)
            iterations.append(Visualizer.seconds(clock.now - started))
        }
        let sorted = iterations.sorted()
        let worst = sorted.last ?? 0, median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        out.line("key latency under load (8 × random-search:samples=100000 at 1000 steps/s, \(iterations.count) frames, "
                 + "\(state.stepCount) steps, achieving \(Int((state.achievedSpeed ?? 0).rounded())) steps/s):")
        out.line("  longest wait for the next frame \(NumberFormat.cFormat("%.1f", worst * 1000)) ms, median \(NumberFormat.cFormat("%.1f", median * 1000)) ms "
                 + "(goal ≤ \(Int(goalLatencySeconds * 1000)) ms): \(worst <= goalLatencySeconds ? "meets" : "MISSES")")
    }
}

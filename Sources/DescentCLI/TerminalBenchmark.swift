import DescentApp
import DescentCore
import DescentRender
import DescentTerminal

/// Bytes sent to the terminal per frame while three optimizers move and nothing else changes.
enum TerminalBenchmark {
    static let goalBytesPerFrame = 2048

    static let section = BenchSection(name: "terminal", title: "bytes written to the terminal per frame (ncurses, xterm-256color)") { out in
        run(&out)
    }

    static func run(_ out: inout Output) {
        let surface = SurfaceCatalog.named("ravine") ?? SurfaceCatalog.all[0]
        let specs = ["gd:lr=0.08", "momentum:lr=0.01", "adam:lr=0.1"].compactMap { try? OptimizerSpec(parsing: $0) }
        let race = Race(surface: surface, optimizers: specs, rules: StopRules(maxSteps: 100_000))
        var state = AppState(race: race, screenWidth: 120, screenHeight: 40, colorMode: .palette256, isPlaying: true)
        state.speed = 20
        let composer = FrameComposer()
        var frames: [CellGrid] = []
        for _ in 0..<61 {
            frames.append(composer.compose(state))
            state.apply(.tick(seconds: 0.05))  // one step a frame at 20 steps/s
        }
        do {
            let bytes = try Terminal.measureOutputBytes(frames: frames, colorMode: .palette256)
            let later = Array(bytes.dropFirst())
            let mean = later.reduce(0, +) / max(later.count, 1)
            let worst = later.max() ?? 0
            out.line("120×40, 3 optimizers taking one step a frame, \(later.count) frames after the first:")
            out.line("  first frame (full paint) \(bytes.first ?? 0) B; then mean \(mean) B, largest \(worst) B a frame (goal < \(goalBytesPerFrame) B): \(mean < goalBytesPerFrame ? "meets" : "MISSES")")
        } catch {
            out.line("could not measure: \(error)")
        }
    }
}

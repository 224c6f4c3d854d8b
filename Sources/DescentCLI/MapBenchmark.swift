import DescentCore
import DescentRender

/// The time a basin map takes: `descent basins --surface wells --width 200 --height 60 --steps 500`
/// (12,000 gd runs of at most 500 steps), on one core and on every core.
enum MapBenchmark {
    static let columns = 200
    static let rows = 60
    static let steps = 500
    /// The goal for the whole map on 2 cores.
    static let goalSeconds = 1.0

    static let section = BenchSection(name: "maps", title: "basin map (parallel rows, structured concurrency)") { out in
        await run(&out)
    }

    static func run(_ out: inout Output) async {
        guard let surface = SurfaceCatalog.named("wells"), let spec = try? OptimizerSpec(parsing: "gd") else { return }
        let rules = StopRules(maxSteps: steps)
        let view = Viewport(view: surface.defaultView, area: CellRect(x: 0, y: 0, width: columns, height: rows)).world
        let grid = MapGrid(view: view, columns: columns, rows: rows)
        let cores = JobsOption.onlineCores
        out.line("wells, \(columns)×\(rows) cells, gd:lr=\(formatNumber(spec.learningRate ?? 0)), at most \(steps) steps from each; best of 3")
        out.line("goal: ≤ \(formatNumber(goalSeconds)) s on 2 cores")
        out.flush()
        var reference: BasinMap?
        for parallelism in Set([1, 2, cores]).sorted() {
            var best = Double.infinity
            var map: BasinMap?
            for _ in 0..<3 {
                let start = ContinuousClock.now
                map = await BasinMap.compute(surface: surface, spec: spec, rules: rules, seed: 0, grid: grid, parallelism: parallelism)
                best = min(best, seconds(ContinuousClock.now - start))
            }
            let steps = map?.cells.reduce(0) { $0 + $1.steps } ?? 0
            let same = reference == nil || reference == map
            if reference == nil { reference = map }
            let goal = parallelism == 2 ? (best <= goalSeconds ? "  meets" : "  MISSES") : ""
            out.line("\(parallelism) job\(parallelism == 1 ? " " : "s"): \(NumberFormat.compact(best, digits: 3)) s, "
                     + "\(NumberFormat.compact(Double(steps) / best / 1e6, digits: 3)) M steps/s\(same ? "" : "  (DIFFERS from 1 job)")\(goal)")
            out.flush()
        }
        if cores < 2 { out.line("(this machine has 1 core: 2 jobs share it)") }
    }
}

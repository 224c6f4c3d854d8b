import ArgumentParser
import DescentCore
import DescentRender

/// `descent check`: every surface's analytic gradient and Hessian against central differences.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every surface's (or a formula's, with --expr) gradient and Hessian against finite differences.",
        discussion: "Prints one line per surface with the largest relative errors; exits with status 1 if any surface fails."
    )

    @Option(help: ArgumentHelp("Check this formula of x and y instead of the built-in surfaces.", valueName: "formula"))
    var expr: String?

    @Option(name: .customLong("expr-view"), parsing: .unconditional,
            help: ArgumentHelp("The rectangle the formula's points are drawn from (default: -5,5,-5,5).", valueName: "x0,x1,y0,y1"))
    var exprView: String?

    func run() throws {
        var out = Output()
        var surfaces = SurfaceCatalog.all
        if let expr {
            let view = try exprView.map { text throws(DescentError) in try parseView(text, what: "--expr-view") }
            let surface = try RaceDefaults.formulaSurface(expr, view: view)
            surfaces = [surface]
            out.line("f(x, y) = \(surface.text): reverse-mode gradient and forward-mode Hessian against central differences")
            out.line("at 400 points drawn over x \(RaceReport.short(surface.defaultView.minX))…\(RaceReport.short(surface.defaultView.maxX)), "
                     + "y \(RaceReport.short(surface.defaultView.minY))…\(RaceReport.short(surface.defaultView.maxY)); "
                     + "step h = ε^(1/3)·max(1, |θ|) ≈ 6.06e-06·max(1, |θ|) a coordinate. The first points:")
            for p in DerivativeCheck.randomPoints(over: surface.defaultView, count: 3) {
                let c = DerivativeCheck.comparison(of: surface, at: p)
                func n(_ v: Double) -> String { NumberFormat.cFormat("%.10g", v) }
                func pair(_ v: Vector2) -> String { "(\(n(v.x)), \(n(v.y)))" }
                func matrix(_ m: Matrix2?) -> String { m.map { "[\(n($0.xx)) \(n($0.xy)); \(n($0.xy)) \(n($0.yy))]" } ?? "none" }
                out.line("  at \(pair(p)), h = \(pair(c.step))")
                out.line("    ∇f  autodiff \(pair(c.gradient))   central differences \(pair(c.numericGradient))")
                out.line("    ∇²f autodiff \(matrix(c.hessian))   central differences \(matrix(c.numericHessian))")
            }
            out.line("")
        }
        var table = TextTable(columns: [
            .init("surface"), .init("points", .right), .init("max gradient error", .right),
            .init("max Hessian error", .right), .init("tolerance", .right), .init("result"),
        ])
        var failures: [DerivativeCheckResult] = []
        for surface in surfaces {
            let result = DerivativeCheck.run(surface)
            if !result.passed { failures.append(result) }
            table.add([
                result.surfaceName, String(result.pointsChecked), RaceReport.short(result.maxGradientError),
                RaceReport.short(result.maxHessianError), RaceReport.short(result.tolerance), result.passed ? "PASS" : "FAIL",
            ])
        }
        table.write(to: &out)
        for result in failures {
            out.line("\(result.surfaceName): worst gradient at \(ListCommand.point(result.worstGradientPoint)), "
                     + "worst Hessian at \(ListCommand.point(result.worstHessianPoint))")
        }
        out.flush()
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

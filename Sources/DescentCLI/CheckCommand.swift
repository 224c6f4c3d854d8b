import ArgumentParser
import DescentCore

/// `descent check`: every surface's analytic gradient and Hessian against central differences.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every surface's gradient and Hessian against finite differences.",
        discussion: "Prints one line per surface with the largest relative errors; exits with status 1 if any surface fails."
    )

    func run() throws {
        var out = Output()
        var table = TextTable(columns: [
            .init("surface"), .init("points", .right), .init("max gradient error", .right),
            .init("max Hessian error", .right), .init("tolerance", .right), .init("result"),
        ])
        var failures: [DerivativeCheckResult] = []
        for surface in SurfaceCatalog.all {
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

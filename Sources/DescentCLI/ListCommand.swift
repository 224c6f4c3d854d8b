import ArgumentParser
import DescentCore

/// `descent list surfaces|optimizers`: what can be raced, with formulas, parameters and lessons.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the surfaces (with formulas) or the optimizers (with parameters and defaults)."
    )

    static let targets = ["surfaces", "optimizers"]

    @Argument(help: ArgumentHelp("surfaces or optimizers", valueName: "what"))
    var target: String

    func run() throws {
        var out = Output()
        switch target.trimmingSpaces.lowercased() {
        case "surfaces": Self.writeSurfaces(to: &out)
        case "optimizers": Self.writeOptimizers(to: &out)
        default:
            throw DescentError.unknownName(kind: "list target", name: target,
                                           suggestion: nearestName(to: target, in: Self.targets), choices: Self.targets)
        }
        out.flush()
    }

    /// Per surface: name and formula, its lesson, then its view, start and known points.
    static func writeSurfaces(to out: inout Output) {
        let width = SurfaceCatalog.names.map(\.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        for surface in SurfaceCatalog.all {
            let name = surface.name + String(repeating: " ", count: width - surface.name.count)
            out.line("\(name)  f(x, y) = \(surface.formula)")
            out.line(indent + surface.lesson)
            let view = surface.defaultView
            out.line(indent + "view x ∈ [\(formatNumber(view.minX)), \(formatNumber(view.maxX))], "
                     + "y ∈ [\(formatNumber(view.minY)), \(formatNumber(view.maxY))]; start \(point(surface.defaultStart))")
            for known in surface.knownPoints {
                out.line(indent + "\(known.kind.rawValue) (\(RaceReport.short(known.point.x)), \(RaceReport.short(known.point.y))), f = \(RaceReport.short(known.value))")
            }
            out.line()
        }
    }

    /// Per optimizer: name, family and update rule, its lesson, then every key=default with its meaning.
    static func writeOptimizers(to out: inout Output) {
        for descriptor in OptimizerCatalog.all {
            out.line("\(descriptor.name) (\(descriptor.family.rawValue))  \(descriptor.rule)")
            out.line("  " + descriptor.lesson)
            var table = TextTable(columns: [.init(""), .init("")])
            for parameter in descriptor.allParameters {
                table.add(["\(parameter.name)=\(parameter.defaultText)", parameter.help])
            }
            for row in table.lines(header: false) { out.line("    " + row) }
            out.line()
        }
    }

    static func point(_ p: Vector2) -> String { "(\(formatNumber(p.x)), \(formatNumber(p.y)))" }
}

import ArgumentParser
import DescentCore

/// `descent list surfaces|optimizers|scenarios|schema`: what can be raced, with formulas, parameters
/// and lessons; the scenarios there are; the JSON Schema of scenario files.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the surfaces (with formulas), the optimizers (with parameters and defaults), the scenarios, or print the scenario schema."
    )

    static let targets = ["surfaces", "optimizers", "scenarios", "schema"]

    @Argument(help: ArgumentHelp("surfaces, optimizers, scenarios or schema", valueName: "what"), completion: .list(targets))
    var target: String?

    func run() throws {
        guard let target else {
            throw DescentError.invalid("list what? choose one of: \(Self.targets.joined(separator: ", ")) (e.g. descent list surfaces)")
        }
        var out = Output()
        switch target.trimmingSpaces.lowercased() {
        case "surfaces": Self.writeSurfaces(to: &out)
        case "optimizers": Self.writeOptimizers(to: &out)
        case "scenarios": Self.writeScenarios(to: &out)
        case "schema": out.write(Scenario.schemaText)
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
            for alias in descriptor.aliases {
                table.add(["\(alias.name)=\(alias.form)", "alias: " + alias.help])
            }
            for row in table.lines(header: false) { out.line("    " + row) }
            let settable = descriptor.keysSettableDuringRun
            if !settable.isEmpty { out.line("    may change during a run (a scenario's set event): " + settable.joined(separator: ", ")) }
            out.line()
        }
    }

    /// Per scenario (the shipped library, then scenarios/*.json here): name, title, where it is, and its notes.
    static func writeScenarios(to out: inout Output) {
        let (entries, problem) = ScenarioFiles.all()
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            out.line(entry.name + String(repeating: " ", count: width - entry.name.count) + "  "
                     + (entry.scenario.title ?? entry.scenario.surface.name) + (entry.origin == "library" ? "" : "  (\(entry.origin))"))
            if let notes = entry.scenario.notes { out.line(String(repeating: " ", count: width + 2) + notes) }
        }
        if let problem { Platform.writeErrorLine("descent: warning: " + problem) }
    }

    static func point(_ p: Vector2) -> String { "(\(formatNumber(p.x)), \(formatNumber(p.y)))" }
}

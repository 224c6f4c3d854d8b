import ArgumentParser
import DescentCore

/// `descent list surfaces|optimizers|scenarios|formulas|schema`: what can be raced, with formulas,
/// parameters and lessons; the scenarios there are; what a typed formula may contain; the JSON Schema
/// of scenario files.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the surfaces (with formulas), the optimizers (with parameters and defaults), the scenarios, what a --expr formula may contain, or print the scenario schema."
    )

    static let targets = ["surfaces", "optimizers", "scenarios", "formulas", "schema"]

    @Argument(help: ArgumentHelp("surfaces, optimizers, scenarios, formulas or schema", valueName: "what"), completion: .list(targets))
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
        case "formulas": Self.writeFormulaGrammar(to: &out)
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

    /// What `--expr` (and `e` in the visualizer) accepts: the grammar, every function, the limits.
    static func writeFormulaGrammar(to out: inout Output) {
        out.line("A formula f(x, y), as --expr \"FORMULA\", e in the visualizer, or a scenario's \"expr\":")
        out.line()
        out.line("  numbers      1, 0.5, 1.5e-3")
        out.line("  variables    x, y")
        out.line("  constants    pi, e")
        out.line("  operators    + - * / ^   (** is ^; − × · ÷ are read as - * * /)")
        out.line("  precedence   ^ first, to the right (2^3^2 = 512), binding tighter than a sign (-x^2 = −(x²));")
        out.line("               then * and /, then + and -, each from the left; parentheses group")
        out.line()
        var table = TextTable(columns: [.init(""), .init("")])
        for function in FormulaFunction.allCases where function != .negate {
            table.add(["\(function.rawValue)(a)", function.meaning])
        }
        table.add(["min(a, b)", "the smaller of a and b"])
        table.add(["max(a, b)", "the larger of a and b"])
        for row in table.lines(header: false) { out.line("  " + row) }
        out.line()
        out.line("At most \(FormulaParser.maximumLength) characters and \(FormulaParser.maximumDepth) levels of nesting (parentheses, calls,")
        out.line("signs and powers). The gradient and Hessian come from the formula itself (reverse-mode")
        out.line("differentiation), never from differences. Example: descent --expr \"sin(x)*cos(y) + 0.1*(x^2+y^2)\"")
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

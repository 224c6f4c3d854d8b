import ArgumentParser
import DescentCore

/// `descent backprop`: a formula's expression graph at a point, forwards and backwards.
struct BackpropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "Show a formula's expression graph at a point: forward values, local derivatives and adjoints.",
        discussion: """
            One line per node in evaluation order: the node, its forward value, its local derivative by each
            operand (∂node/∂operand) and its adjoint ∂f/∂node from the backward pass, which gives each operand
            adjoint × local derivative, summed over every use ("local gradient × upstream gradient").
            The last lines are ∂f/∂x and ∂f/∂y. Example: descent backprop --expr "(x + y) * -4" --at -2,5
            """
    )

    @Option(help: ArgumentHelp("The formula of x and y, e.g. \"(x + y) * -4\".", valueName: "formula"))
    var expr: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The point, e.g. -2,5.", valueName: "x,y"))
    var at: String?

    @Option(help: ArgumentHelp("table or json.", valueName: "format"), completion: .list(["table", "json"]))
    var format: String = "table"

    func run() throws {
        let formats = ["table", "json"]
        let chosen = format.trimmingSpaces.lowercased()
        guard formats.contains(chosen) else {
            throw DescentError.unknownName(kind: "format", name: format, suggestion: nearestName(to: format, in: formats), choices: formats)
        }
        guard let expr else { throw DescentError.invalid("backprop needs --expr FORMULA (e.g. --expr \"(x + y) * -4\")") }
        guard let at else { throw DescentError.invalid("backprop needs --at X,Y (e.g. --at -2,5)") }
        let surface = try RaceDefaults.formulaSurface(expr)
        let point = try parsePoint(at, what: "--at")
        let steps = surface.program.trace(at: point)
        let gradient = surface.gradient(at: point)
        var out = Output()
        if chosen == "json" {
            out.line("{")
            out.line("  \"formula\": \(RaceReport.jsonString(surface.text)),")
            out.line("  \"at\": [\(RaceReport.jsonNumber(point.x)), \(RaceReport.jsonNumber(point.y))],")
            out.line("  \"nodes\": [")
            for (i, step) in steps.enumerated() {
                let locals = step.localDerivatives.map(RaceReport.jsonNumber).joined(separator: ", ")
                let operands = step.operands.map(String.init).joined(separator: ", ")
                out.line("    {\"node\": \(step.slot), \"expression\": \(RaceReport.jsonString(step.expression)), \"operands\": [\(operands)], "
                         + "\"value\": \(RaceReport.jsonNumber(step.value)), \"local\": [\(locals)], \"adjoint\": \(RaceReport.jsonNumber(step.adjoint))}"
                         + (i == steps.count - 1 ? "" : ","))
            }
            out.line("  ],")
            out.line("  \"value\": \(RaceReport.jsonNumber(surface.value(at: point))),")
            out.line("  \"gradient\": [\(RaceReport.jsonNumber(gradient.x)), \(RaceReport.jsonNumber(gradient.y))]")
            out.line("}")
        } else {
            out.line("f(x, y) = \(surface.text) at x = \(RaceReport.short(point.x)), y = \(RaceReport.short(point.y))")
            out.line("forward: each node from its operands; backward: adjoint ∂f/∂node, from ∂f/∂f = 1 at the last node")
            out.line("")
            var table = TextTable(columns: [
                .init("node"), .init("expression"), .init("value", .right), .init("local derivatives"), .init("adjoint ∂f/∂node", .right),
            ])
            for step in steps {
                let locals = zip(step.operands, step.localDerivatives)
                    .map { "∂/∂v\($0.0) = \(RaceReport.short($0.1))" }.joined(separator: ", ")
                table.add(["v\(step.slot)", step.expression, RaceReport.short(step.value), locals.isEmpty ? "—" : locals,
                           RaceReport.short(step.adjoint)])
            }
            table.write(to: &out)
            out.line("")
            out.line("f = \(RaceReport.short(surface.value(at: point)))")
            out.line("∂f/∂x = \(RaceReport.short(gradient.x))")
            out.line("∂f/∂y = \(RaceReport.short(gradient.y))")
        }
        out.flush()
    }
}

import DescentCore
import Foundation
import Testing

/// `descent list surfaces` and `descent list optimizers`.
@Suite struct ListTests {
    @Test func listSurfacesShowsEveryNameWithItsFormulaAndLesson() throws {
        let result = try DescentBinary.run("list", "surfaces")
        #expect(result.status == 0)
        let lines = result.stdoutLines
        for surface in SurfaceCatalog.all {
            let line = lines.first { $0.hasPrefix(surface.name + " ") }
            #expect(line?.hasSuffix("f(x, y) = \(surface.formula)") == true, "\(surface.name)")
            #expect(lines.contains { $0.droppingLeadingSpaces == surface.lesson }, "\(surface.name)")
        }
    }

    @Test func listOptimizersShowsEveryKeyWithItsDefault() throws {
        let result = try DescentBinary.run("list", "optimizers")
        #expect(result.status == 0)
        let lines = result.stdoutLines
        for descriptor in OptimizerCatalog.all {
            let start = try #require(lines.firstIndex { $0.hasPrefix(descriptor.name + " (") }, "\(descriptor.name)")
            #expect(lines[start].contains(descriptor.rule))
            let block = lines[(start + 1)...].prefix { !$0.isEmpty }
            #expect(block.first?.droppingLeadingSpaces == Substring(descriptor.lesson))
            for parameter in descriptor.allParameters {
                #expect(block.contains { $0.droppingLeadingSpaces.hasPrefix("\(parameter.name)=\(parameter.defaultText) ") },
                        "\(descriptor.name) \(parameter.name)")
            }
            if descriptor.acceptsSchedule {
                #expect(block.contains { $0.contains("schedule=constant") })
            }
        }
    }

    /// Every function `list formulas` names is one a formula may call, with the arity it shows, and its
    /// value there is the one its line states (checked with `run` at a known point).
    @Test func listFormulasNamesEveryFunctionAFormulaAccepts() throws {
        let result = try DescentBinary.run("list", "formulas")
        #expect(result.status == 0)
        let calls = result.stdoutLines.compactMap { line -> String? in
            let text = line.droppingLeadingSpaces
            guard let open = text.firstIndex(of: "("), text[..<open].allSatisfy(\.isLetter), !text[..<open].isEmpty,
                  text[open...].hasPrefix("(a)") || text[open...].hasPrefix("(a, b)") else { return nil }
            return String(text[..<text.index(after: text[open...].firstIndex(of: ")")!)])
        }
        #expect(Set(calls.map { String($0.prefix { $0 != "(" }) }) == Set(FormulaParser.functionNames))
        // f at the start (0.5, 0.25) is the function of (x, y); `run --steps 0` prints f there.
        let expected: [String: Double] = [
            "sin": Math.sin(0.5), "cos": Math.cos(0.5), "tan": Math.tan(0.5), "exp": Math.exp(0.5), "log": Math.log(0.5),
            "sqrt": 0.5.squareRoot(), "abs": 0.5, "tanh": Math.tanh(0.5), "sigmoid": 1 / (1 + Math.exp(-0.5)),
            "softplus": Math.log(1 + Math.exp(0.5)), "min": 0.25, "max": 0.5,
        ]
        for call in calls {
            let formula = call.replacingOccurrences(of: "a, b", with: "x, y").replacingOccurrences(of: "(a)", with: "(x)")
            let run = try DescentBinary.run(["run", "--expr", formula, "--start", "0.5,0.25", "--steps", "0", "--format", "csv"])
            #expect(run.status == 0, "\(formula): \(run.stderr)")
            let name = String(call.prefix { $0 != "(" })
            let loss = run.stdoutLines.dropFirst().first.map { $0.split(separator: ",")[4] }.flatMap { Double($0) }
            #expect(loss.map { abs($0 - expected[name, default: .nan]) < 1e-12 } == true, "\(formula) = \(String(describing: loss))")
        }
    }
}

extension Substring {
    var droppingLeadingSpaces: Substring { drop { $0 == " " } }
}

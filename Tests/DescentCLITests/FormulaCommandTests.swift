import DescentCore
import Testing

/// --expr, `check --expr` and `backprop`, through the real executable.
@Suite struct FormulaCommandTests {
    @Test func aBadFormulaShowsACaretUnderTheBadCharacterAndExits64() throws {
        let result = try DescentBinary.run("run", "--expr", "(1-x)^2 + 100*(y-x^2")
        #expect(result.status == 64 && result.stdout.isEmpty)
        #expect(result.stderrLines == [
            "descent: error: --expr: expected ')' to close '(' at 15",
            "  (1-x)^2 + 100*(y-x^2",
            "                      ^",
        ])
    }

    @Test func controlCharactersInAFormulaAreMadeVisible() throws {
        let result = try DescentBinary.run("render", "--expr", "x + \u{1B}[31m")
        #expect(result.status == 64)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains("\\e"))
    }

    @Test func aTypedRosenbrockRacesLikeTheBuiltInOne() throws {
        // Newton on (1 − x)² + 100(y − x²)² from (−1.2, 1) reaches (1, 1), as on the built-in surface.
        let typed = try DescentBinary.run("run", "--expr", "(1-x)^2 + 100*(y-x^2)^2", "--optimizer", "newton", "--start", "-1.2,1", "--format", "csv")
        let builtIn = try DescentBinary.run("run", "--surface", "rosenbrock", "--optimizer", "newton", "--start", "-1.2,1", "--format", "csv")
        #expect(typed.status == 0 && builtIn.status == 0)
        let typedRows = typed.stdoutLines.map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
        let builtInRows = builtIn.stdoutLines.map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
        #expect(typedRows.count == builtInRows.count && typedRows.count > 3)
        #expect(typedRows.last == builtInRows.last)
    }

    @Test func backpropPrintsTheWorkedExample() throws {
        let result = try DescentBinary.run("backprop", "--expr", "(x + y) * -4", "--at", "-2,5")
        #expect(result.status == 0)
        #expect(result.stdoutLines.contains { $0.hasPrefix("v2 ") && $0.contains("v0 + v1") && $0.contains(" 3 ") && $0.hasSuffix(" -4") })
        #expect(result.stdoutLines.suffix(3) == ["f = -12", "∂f/∂x = -4", "∂f/∂y = -4"])
        let json = try DescentBinary.run("backprop", "--expr", "sigmoid(2*x - 3*y - 3)", "--at", "-1,-2", "--format", "json")
        #expect(json.stdout.contains("\"gradient\": [0.3932238664829637, -0.5898357997244456]"))
    }

    @Test func checkComparesAFormulasDerivatives() throws {
        let result = try DescentBinary.run("check", "--expr", "sin(x)*cos(y) + 0.1*(x^2+y^2)")
        #expect(result.status == 0)
        #expect(result.stdout.contains("h = ("))
        #expect(result.stdout.contains("central differences"))
        #expect(result.stdoutLines.last?.hasSuffix("PASS") == true)
    }

    @Test func aScenarioHoldsAFormulaAndItsView() throws {
        let scenario = try Scenario(json: Array(#"{"version": 1, "surface": {"expr": "x^2 + 3*y^2", "view": {"x": [-2, 2], "y": [-1, 1]}}, "optimizers": [{"name": "gd"}]}"#.utf8))
        #expect(scenario.surface.formula == "x^2 + 3*y^2")
        #expect(scenario.surface.defaultView == ViewRect(x: -2...2, y: -1...1))
        let again = try Scenario(json: Array(scenario.jsonText.utf8))
        #expect(again.jsonText == scenario.jsonText)
        #expect(throws: DescentError.self) { try Scenario(json: Array(#"{"version": 1, "surface": {"expr": "sin(x"}, "optimizers": [{"name": "gd"}]}"#.utf8)) }
    }
}

import Testing
@testable import DescentCore

@Suite struct FormulaTests {
    // MARK: - Reading

    @Test func precedenceFollowsTheGrammar() throws {
        // Each value worked by hand.
        let cases: [(String, Vector2, Double)] = [
            ("1 + 2 * 3", .zero, 7),
            ("(1 + 2) * 3", .zero, 9),
            ("-x^2", Vector2(3, 0), -9),
            ("2^-1", .zero, 0.5),
            ("2^3^2", .zero, 512),
            ("x - y - 1", Vector2(5, 2), 2),
            ("8 / 4 / 2", .zero, 1),
            ("x**2 + y**2", Vector2(3, 4), 25),
            ("1.5e2 + 2E-1", .zero, 150.2),
            ("max(x, y) - min(x, y)", Vector2(-1, 4), 5),
            ("pi", .zero, Double.pi),
            ("e", .zero, 2.718281828459045),
            ("−x × y", Vector2(2, 3), -6),
            ("(-2)^3", .zero, -8),
            ("abs(x) + sqrt(y)", Vector2(-3, 16), 7),
            ("sigmoid(0) + softplus(0) + tanh(0)", .zero, 0.5 + 0.6931471805599453),
        ]
        for (text, point, expected) in cases {
            let value = try FormulaProgram(parsing: text).value(at: point)
            #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(text) = \(value), expected \(expected)")
        }
    }

    @Test func errorsPointAtTheBadCharacter() {
        let cases: [(String, Int, String)] = [
            ("sin(x", 6, "expected ')' to close '(' at 4"),
            ("(1-x)^2 + 100*(y-x^2", 21, "expected ')' to close '(' at 15"),
            ("x + ", 5, "the formula ends too soon"),
            ("2x", 2, "expected an operator"),
            ("x + z", 5, "unknown name 'z' at 5"),
            ("sinn(x)", 1, "did you mean 'sin'?"),
            ("x )", 3, "unexpected ')' at 3"),
            ("min(x)", 4, "min takes 2 arguments, not 1"),
            ("sin(x, y)", 4, "sin takes 1 argument, not 2"),
            ("x $ y", 3, "unexpected '$' at 3"),
            ("x +\u{1B}[2J", 4, "unexpected '\\e' at 4"),
            ("", 1, "expected a formula"),
            ("1e999", 1, "is not a finite number"),
            ("exp", 4, "expected '(' after exp"),
        ]
        for (text, position, message) in cases {
            do {
                _ = try FormulaParser.parse(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.position == position, "\(text): position \(error.position), \(error.message)")
                #expect(error.message.contains(message), "\(text): \(error.message)")
                #expect(!error.message.contains("\u{1B}"))
            }
        }
    }

    @Test func pointedTextPutsTheCaretUnderTheBadCharacter() {
        do {
            _ = try FormulaParser.parse("sin(x")
        } catch {
            #expect(error.pointedText == "sin(x\n     ^\nexpected ')' to close '(' at 4")
        }
    }

    @Test func limitsOnLengthAndNesting() {
        let long = String(repeating: "x+", count: 1000) + "x"
        #expect(throws: FormulaError.self) { try FormulaParser.parse(long) }
        let atLimit = String(repeating: "x+", count: 999) + "x"
        #expect(atLimit.count == 1999)
        #expect((try? FormulaProgram(parsing: atLimit).value(at: Vector2(1, 0))) == 1000)

        let deep = String(repeating: "(", count: 65) + "x" + String(repeating: ")", count: 65)
        do {
            _ = try FormulaParser.parse(deep)
            Issue.record("65 levels parsed")
        } catch {
            #expect(error.message.contains("nests deeper than 64"))
        }
        let shallow = String(repeating: "(", count: 64) + "x" + String(repeating: ")", count: 64)
        #expect((try? FormulaProgram(parsing: shallow).value(at: Vector2(2, 0))) == 2)
        #expect(throws: FormulaError.self) { try FormulaParser.parse(String(repeating: "-", count: 100) + "x") }
    }

    @Test func constantsAreFoldedAndCoordinatesLoadedOnce() throws {
        let program = try FormulaProgram(parsing: "x*x + 2*3*x + sin(0)")
        #expect(program.instructions.filter { $0.operation == .x }.count == 1)
        #expect(!program.instructions.contains { $0.operation == .sin })
        #expect(program.value(at: Vector2(2, 0)) == 16)
    }

    // MARK: - Derivatives

    @Test func theRosenbrockFormulaMatchesTheBuiltInSurface() throws {
        let typed = try FormulaSurface("(1-x)^2 + 100*(y-x^2)^2")
        let builtIn = Rosenbrock()
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let p = Vector2(generator.nextUniform() * 4 - 2, generator.nextUniform() * 4 - 1)
            #expect(abs(typed.value(at: p) - builtIn.value(at: p)) <= 1e-12 * max(1, builtIn.value(at: p)))
            let g = typed.gradient(at: p), h = try #require(typed.hessian(at: p))
            let g0 = builtIn.gradient(at: p), h0 = try #require(builtIn.hessian(at: p))
            #expect((g - g0).length <= 1e-11 * max(1, g0.length))
            #expect(abs(h.xx - h0.xx) + abs(h.xy - h0.xy) + abs(h.yy - h0.yy) <= 1e-10 * max(1, abs(h0.xx)))
        }
        #expect(typed.prefersLogShading)
        #expect(try !FormulaSurface("x^2 + y^2").prefersLogShading)
    }

    @Test func valueAndGradientAgreeWithValue() throws {
        let program = try FormulaProgram(parsing: "sin(x)*cos(y) + 0.1*(x^2+y^2)")
        let p = Vector2(0.7, -1.3)
        let both = program.valueAndGradient(at: p)
        #expect(both.value == program.value(at: p))
        // ∂f/∂x = cos x cos y + 0.2x, ∂f/∂y = −sin x sin y + 0.2y, by hand.
        #expect(abs(both.gradient.x - (Math.cos(0.7) * Math.cos(-1.3) + 0.14)) < 1e-15)
        #expect(abs(both.gradient.y - (-Math.sin(0.7) * Math.sin(-1.3) - 0.26)) < 1e-15)
    }

    /// A random formula of x and y whose functions are defined everywhere in [−2, 2]², with moderate values.
    static func randomFormula(_ generator: inout SeededGenerator, depth: Int) -> String {
        func pick(_ n: Int) -> Int { Int(generator.nextUniform() * Double(n)) % n }
        if depth == 0 || pick(4) == 0 {
            switch pick(4) {
            case 0: return "x"
            case 1: return "y"
            case 2: return String(Double(pick(40) - 20) / 8)
            default: return pick(2) == 0 ? "(x*y)" : "(x - 0.5*y)"
            }
        }
        let a = randomFormula(&generator, depth: depth - 1)
        let b = randomFormula(&generator, depth: depth - 1)
        switch pick(17) {
        case 0: return "(\(a) + \(b))"
        case 1: return "(\(a) - \(b))"
        case 2: return "(\(a) * \(b))"
        case 3: return "(\(a) / (1.5 + (\(b))^2))"
        case 4: return "sin(\(a))"
        case 5: return "cos(\(a))"
        case 6: return "exp(0.3*sin(\(a)))"
        case 7: return "log(1 + (\(a))^2)"
        case 8: return "sqrt(1 + (\(a))^2)"
        case 9: return "tanh(\(a))"
        case 10: return "sigmoid(\(a))"
        case 11: return "softplus(\(a))"
        case 12: return "(0.5*\(a))^3"
        case 13: return "(-\(a))"
        case 14: return "(2 + sin(\(a)))^(1 + 0.5*cos(\(b)))"
        case 15: return "tan(0.4*sin(\(a)))"
        default: return "(\(a))^2"
        }
    }

    @Test func autodiffAgreesWithCentralDifferencesOnGeneratedFormulas() throws {
        var generator = SeededGenerator(seed: 2024)
        var checked = 0
        for _ in 0..<300 {
            let text = Self.randomFormula(&generator, depth: 3)
            let surface = try FormulaSurface(text, view: ViewRect(x: -2...2, y: -2...2))
            let result = DerivativeCheck.run(surface, points: 20, seed: generator.next())
            #expect(result.pointsChecked == 20, "\(text) \(surface.value(at: Vector2(0.5, 0.5)))")
            #expect(result.maxGradientError < DerivativeCheck.tolerance, "\(text): gradient error \(result.maxGradientError) at \(result.worstGradientPoint)")
            #expect(result.maxHessianError < DerivativeCheck.tolerance, "\(text): Hessian error \(result.maxHessianError) at \(result.worstHessianPoint)")
            checked += 1
        }
        #expect(checked == 300)
    }

    @Test func aValueOutsideTheDomainIsAHoleAndARunThereDiverges() throws {
        let surface = try FormulaSurface("log(x) + y^2", view: ViewRect(x: -2...2, y: -2...2))
        #expect(surface.value(at: Vector2(-1, 0)).isNaN)
        #expect(!surface.value(at: Vector2(0, 0)).isFinite)
        #expect(try !FormulaSurface("1/x").value(at: .zero).isFinite)
        // From x = 0.5 gradient descent with lr 1 steps to x = 0.5 − 1/0.5 = −1.5, where log is not defined.
        var race = Race(surface: surface, start: Vector2(0.5, 1), optimizers: [try OptimizerSpec(parsing: "gd:lr=1")],
                        rules: StopRules(maxSteps: 10))
        race.run(steps: 10)
        #expect(race.racers[0].status == .diverged(step: 1))
    }

    @Test func newtonLandsOnTheMinimumOfATypedQuadraticInOneStep() throws {
        // (x − 1)² + 2(y + 3)² + xy: ∇f = (2(x−1) + y, 4(y+3) + x) = 0 gives y = 2 − 2x, 20 − 7x = 0:
        // x = 20/7, y = −26/7, by hand.
        let surface = try FormulaSurface("(x-1)^2 + 2*(y+3)^2 + x*y")
        var race = Race(surface: surface, start: Vector2(4, 4), optimizers: [try OptimizerSpec(parsing: "newton")],
                        rules: StopRules(maxSteps: 5))
        race.run(steps: 1)
        let p = race.racers[0].point(atStep: 1)
        #expect(abs(p.x - 20.0 / 7) < 1e-12 && abs(p.y + 26.0 / 7) < 1e-12)
    }

    // MARK: - The graph, as backpropagation walks it

    @Test func backpropOfTheWorkedExample() throws {
        // f = (x + y)·z with x = −2, y = 5, z = −4: q = 3, f = −12, ∂f/∂q = z = −4, ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = q = 3.
        let trace = try FormulaProgram(parsing: "(x + y) * -4").trace(at: Vector2(-2, 5))
        let sum = try #require(trace.first { $0.instruction.operation == .add })
        #expect(sum.value == 3 && sum.adjoint == -4 && sum.localDerivatives == [1, 1])
        let product = try #require(trace.last)
        #expect(product.value == -12 && product.adjoint == 1 && product.localDerivatives == [-4, 3])
        #expect(trace.first { $0.instruction.operation == .x }?.adjoint == -4)
        #expect(trace.first { $0.instruction.operation == .y }?.adjoint == -4)

        // The sigmoid neuron: σ(w0·x + w1·y + w2) with w = (2, −3, −3) at x = −1, y = −2: the sum is 1,
        // σ(1) = 0.7310585786300049, σ′(1) = σ(1)(1 − σ(1)) = 0.19661193324148185, so ∂f/∂x = 2σ′ and ∂f/∂y = −3σ′.
        let neuron = try FormulaProgram(parsing: "sigmoid(2*x - 3*y - 3)")
        let steps = neuron.trace(at: Vector2(-1, -2))
        let last = try #require(steps.last)
        #expect(abs(last.value - 0.7310585786300049) < 1e-15)
        #expect(abs(last.localDerivatives[0] - 0.19661193324148185) < 1e-15)
        let gradient = neuron.valueAndGradient(at: Vector2(-1, -2)).gradient
        #expect(abs(gradient.x - 0.3932238664829637) < 1e-15 && abs(gradient.y + 0.5898357997244456) < 1e-15)
        #expect(steps.first { $0.instruction.operation == .x }.map { abs($0.adjoint - gradient.x) < 1e-15 } == true)
    }

    // MARK: - Hostile text

    @Test func thousandsOfRandomAndMutatedStringsNeverCrashTheParser() {
        var generator = SeededGenerator(seed: 99)
        let alphabet = Array("xy()+-*/^.,0123456789e pisncoqrtabhgmfldxX\u{0}\u{1B}\t\n→−é")
        let seeds = ["sin(x)*cos(y) + 0.1*(x^2+y^2)", "(1-x)^2 + 100*(y-x^2)^2", "max(x, y)^2 - log(1+x^2)", "sigmoid(2*x - 3*y - 3)"]
        var parsed = 0, refused = 0
        for round in 0..<6000 {
            var characters: [Character]
            if round % 2 == 0 {
                let length = Int(generator.nextUniform() * 40)
                characters = (0..<length).map { _ in alphabet[Int(generator.nextUniform() * Double(alphabet.count)) % alphabet.count] }
            } else {
                characters = Array(seeds[round / 2 % seeds.count])
                for _ in 0..<(1 + Int(generator.nextUniform() * 4)) {
                    let i = Int(generator.nextUniform() * Double(characters.count + 1)) % (characters.count + 1)
                    let c = alphabet[Int(generator.nextUniform() * Double(alphabet.count)) % alphabet.count]
                    switch Int(generator.nextUniform() * 3) {
                    case 0: characters.insert(c, at: i)
                    case 1: if i < characters.count { characters.remove(at: i) }
                    default: if i < characters.count { characters[i] = c }
                    }
                }
            }
            let text = String(characters)
            do {
                let program = try FormulaProgram(parsing: text)
                _ = program.valueAndGradient(at: Vector2(0.3, -0.7))
                _ = program.hessian(at: Vector2(0.3, -0.7))
                parsed += 1
            } catch {
                #expect(error.position >= 1 && error.position <= text.count + 1, "\(text.debugDescription): \(error.position)")
                #expect(!error.message.isEmpty && !error.message.contains("\u{1B}") && !error.message.contains("\n"))
                refused += 1
            }
        }
        #expect(parsed > 100 && refused > 1000)
    }
}

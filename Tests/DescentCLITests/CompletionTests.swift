import Foundation
import Testing

/// Shell completion completes values, and the man page in the repository describes the commands there are.
@Suite struct CompletionTests {
    @Test func theScriptsListSurfacesFormatsAndColourModes() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try DescentBinary.run("--generate-completion-script", shell)
            #expect(script.status == 0, "\(shell): \(script.stderr)")
            for word in ["rosenbrock", "himmelblau", "truecolor", "svg", "---completion"] {
                #expect(script.stdout.contains(word), "\(shell) script lacks \(word)")
            }
        }
    }

    /// The call the scripts make for a SPEC: `descent ---completion CMD -- --optimizer CWORD CURSOR WORDS…`.
    func complete(_ word: String) throws -> [String] {
        let result = try DescentBinary.run("---completion", "run", "--", "--optimizer", "3", "\(word.count)", "descent", "run", "--optimizer", word)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdoutLines.map(String.init).filter { !$0.isEmpty }
    }

    @Test func anOptimizerSpecCompletesNamesThenKeysThenChoices() throws {
        #expect(try complete("ada") == ["adagrad", "adadelta", "adam", "adamw"])
        #expect(try complete("adam:be") == ["adam:beta1=", "adam:beta2="])
        #expect(try complete("adam:lr=0.1,beta1=0.8,b") == ["adam:lr=0.1,beta1=0.8,beta2=", "adam:lr=0.1,beta1=0.8,batch="])
        #expect(try complete("gd:schedule=") == ["gd:schedule=constant", "gd:schedule=step", "gd:schedule=exponential", "gd:schedule=inverse-time", "gd:schedule=cosine"])
        #expect(try complete("adam:amsgrad=t") == ["adam:amsgrad=true"])
        #expect(try complete("nope:") == [])
    }

    @Test func scenarioNamesComplete() throws {
        let result = try DescentBinary.run("---completion", "replay", "--", "positional@0", "2", "0", "descent", "replay", "")
        #expect(result.stdoutLines.contains("ravine-momentum") && result.stdoutLines.contains("saddle-escape"), "\(result.stdout)")
    }

    @Test func theManPageNamesEveryCommandAndRunsOptions() throws {
        let page = try String(contentsOf: DescentBinary.packageRoot.appendingPathComponent("man/descent.1"), encoding: .utf8)
        for command in ["visualize", "run", "replay", "render", "list", "check", "backprop", "sweep", "record", "basins", "stability", "search", "bench"] {
            #expect(page.contains(".It Em \(command)"), "man page lacks \(command): run make man")
        }
        for option in ["surface", "optimizer", "steps", "grad-tol", "format", "every"] {
            #expect(page.contains("Fl -\(option)"), "man page lacks --\(option)")
        }
    }
}

import DescentCore
import Testing

/// Every user mistake: exit status 64, nothing on stdout, exactly one stderr line that names the bad part.
@Suite struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// Texts the one error line must contain.
        var mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["run", "--start", "1,abc"], mentions: ["--start", "'abc'"]),
        Case(arguments: ["run", "--start", "1"], mentions: ["--start", "'1'"]),
        Case(arguments: ["run", "--optimizer", "gd:lr=0.0x"], mentions: ["lr", "'0.0x'"]),
        Case(arguments: ["run", "--optimizer", "gd:lr=0"], mentions: ["lr", "must be > 0"]),
        Case(arguments: ["run", "--optimizer", "gd:lr=-0.5"], mentions: ["lr", "-0.5"]),
        Case(arguments: ["run", "--optimizer", "gd:lr=nan"], mentions: ["lr", "'nan'"]),
        Case(arguments: ["run", "--optimizer", "gd:lr=inf"], mentions: ["lr", "'inf'"]),
        Case(arguments: ["run", "--optimizer", "gd:lr"], mentions: ["'lr'", "key=value"]),
        Case(arguments: ["run", "--optimizer", "gd:lrr=0.1"], mentions: ["'lrr'", "did you mean 'lr'"]),
        Case(arguments: ["run", "--steps", "ten"], mentions: ["--steps", "'ten'"]),
        Case(arguments: ["--steps", "ten"], mentions: ["--steps", "'ten'"]),
        Case(arguments: ["run", "--steps", "-5"], mentions: ["--steps", "-5"]),
        Case(arguments: ["run", "--steps", "2.5"], mentions: ["--steps", "'2.5'"]),
        Case(arguments: ["run", "--grad-tol", "-1"], mentions: ["--grad-tol", "-1"]),
        Case(arguments: ["run", "--grad-tol", "0x1p3"], mentions: ["--grad-tol", "'0x1p3'"]),
        Case(arguments: ["run", "--seed", "abc"], mentions: ["--seed", "'abc'"]),
        Case(arguments: ["run", "--patience", "0"], mentions: ["--patience", "0"]),
        Case(arguments: ["run", "--min-delta", "x"], mentions: ["--min-delta", "'x'"]),
        Case(arguments: ["run", "--format", "xml"], mentions: ["format", "'xml'", "table, csv, json"]),
        Case(arguments: ["run", "--format", "jsn"], mentions: ["'jsn'", "did you mean 'json'"]),
        Case(arguments: ["run", "--stpes", "5"], mentions: ["--stpes"]),
        Case(arguments: ["run", "--steps"], mentions: ["--steps"]),
        Case(arguments: ["list", "surfacs"], mentions: ["'surfacs'", "did you mean 'surfaces'"]),
        Case(arguments: ["list"], mentions: ["surfaces, optimizers, scenarios, formulas, schema"]),
        Case(arguments: ["frobnicate"], mentions: ["'frobnicate'"]),
        // Every command has only its own options: one it does not use is refused, never ignored.
        Case(arguments: ["check", "--surface", "nope", "--optimizer", "zzz"], mentions: ["descent check", "'--surface'"]),
        Case(arguments: ["list", "optimizers", "--steps", "abc"], mentions: ["descent list", "'--steps'"]),
        Case(arguments: ["run", "--contours"], mentions: ["descent run", "'--contours'"]),
        Case(arguments: ["backprop", "--expr", "x", "--at", "1,1", "--steps", "3"], mentions: ["descent backprop", "'--steps'"]),
        Case(arguments: ["render", "--widht", "80"], mentions: ["'--widht'", "did you mean '--width'"]),
        Case(arguments: ["runn"], mentions: ["'runn'", "did you mean 'run'"]),
        Case(arguments: ["render", "--width", "5"], mentions: ["--width", "≥ 40"]),
        Case(arguments: ["render", "--height", "3"], mentions: ["--height", "≥ 12"]),
        Case(arguments: ["run", "--optimizer", "adam lr=0.1"], mentions: ["name:key=value", "did you mean 'adam:lr=0.1'"]),
        Case(arguments: ["bench", "--only", "stps"], mentions: ["'stps'", "did you mean 'steps'"]),
    ]

    @Test(arguments: cases)
    func mistakeGivesOneLineAndStatus64(_ mistake: Case) throws {
        let result = try DescentBinary.run(mistake.arguments)
        try expectUsageError(result, mentioning: mistake.mentions)
    }

    @Test func unknownSurfaceSuggestsTheNearest() throws {
        let name = try #require(SurfaceCatalog.names.first)
        let typo = String(name.dropLast())
        let result = try DescentBinary.run("run", "--surface", typo)
        let suggestion = try #require(nearestName(to: typo, in: SurfaceCatalog.names))
        try expectUsageError(result, mentioning: ["surface", "'\(typo)'", "did you mean '\(suggestion)'"])
    }

    @Test func unknownOptimizerNamesItAndSuggestsWhatExists() throws {
        let result = try DescentBinary.run("run", "--optimizer", "adma")
        var mentions = ["optimizer", "'adma'"]
        if let suggestion = nearestName(to: "adma", in: OptimizerCatalog.names) {
            mentions.append("did you mean '\(suggestion)'")
        } else {
            mentions += OptimizerCatalog.names
        }
        try expectUsageError(result, mentioning: mentions)
    }

    @Test func unknownKeyOfEveryOptimizerSuggestsItsKeys() throws {
        for descriptor in OptimizerCatalog.all {
            let key = try #require(descriptor.allParameters.first).name
            let typo = key + "x"
            let result = try DescentBinary.run("run", "--optimizer", "\(descriptor.name):\(typo)=1")
            try expectUsageError(result, mentioning: ["'\(typo)'", "did you mean '\(key)'"])
        }
    }

    func expectUsageError(_ result: CommandResult, mentioning mentions: [String],
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!result.killedBySignal, sourceLocation: sourceLocation)
        #expect(result.status == 64, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        try #require(result.stderrLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let line = String(result.stderrLines[0])
        #expect(line.hasPrefix("descent: error: "), sourceLocation: sourceLocation)
        for text in mentions {
            #expect(line.contains(text), "\(line) should mention \(text)", sourceLocation: sourceLocation)
        }
    }
}

/// Help says what applies: each command's own default step limit, and no default printed twice.
@Suite struct HelpTruthTests {
    @Test(arguments: [("visualize", 100_000), ("replay", 100_000), ("render", 100), ("run", 1000), ("sweep", 1000),
                      ("search", 1000), ("basins", 500), ("stability", 200)])
    func stepsShowsTheDefaultThatApplies(_ command: String, _ steps: Int) throws {
        let help = try DescentBinary.run("help", command)
        #expect(help.status == 0)
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("--steps <n> The step limit for each optimizer (default: \(steps))."), "\(command): \(flat)")
    }

    @Test(arguments: ["visualize", "run", "replay", "render", "list", "check", "backprop", "sweep", "basins", "stability", "search", "bench"])
    func noDefaultIsPrintedTwice(_ command: String) throws {
        let help = try DescentBinary.run("help", command)
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.range(of: #"\(default: [^)]*\)\.? \(default:"#, options: .regularExpression) == nil, "\(command): \(flat)")
    }

    @Test func theRenderedFrameStepsAsItsHelpSays() throws {
        // render's default is 100 steps: gd's step counter stops there.
        let frame = try DescentBinary.run("render", "--surface", "bowl", "--optimizer", "gd:lr=0.001", "--color", "none")
        #expect(frame.stdout.contains("step 100"), "\(frame.stdout)")
    }
}

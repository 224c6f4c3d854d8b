import ArgumentParser
@testable import DescentCLI
import Foundation
import Testing

/// The quick reading of `render`, `run` and the visualizer's command lines (which skips the argument
/// parser's set-up) against swift-argument-parser itself: wherever the quick reading answers, the
/// argument parser must accept the same command line and give the same settings; and it must answer
/// for the plain command lines people type, or it would save nothing.
@Suite struct QuickCommandLineTests {
    /// The settings swift-argument-parser gives for `arguments`, as the quick reading's type, or nil when it refuses them.
    static func parsed(_ arguments: [String]) -> (any QuickRunnable)? {
        guard let command = try? DescentCommand.parseAsRoot(arguments) else { return nil }
        switch command {
        case let command as RenderCommand: return command.settings
        case let command as RunCommand: return command.settings
        case let command as VisualizeCommand: return command.settings
        default: return nil
        }
    }

    static func same(_ a: any QuickRunnable, _ b: any QuickRunnable) -> Bool {
        switch (a, b) {
        case let (a as RenderSettings, b as RenderSettings): a == b
        case let (a as RunSettings, b as RunSettings): a == b
        case let (a as VisualizeSettings, b as VisualizeSettings): a == b
        default: false
        }
    }

    /// Checks one command line: either the quick reading declines, or both readings agree.
    static func check(_ arguments: [String], mustAnswer: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let quick = QuickCommandLine.command(for: arguments)
        if mustAnswer { #expect(quick != nil, "the quick reading declined \(arguments)", sourceLocation: sourceLocation) }
        guard let quick else { return }
        guard let parsed = parsed(arguments) else {
            Issue.record("the quick reading accepted \(arguments), which the argument parser refuses", sourceLocation: sourceLocation)
            return
        }
        #expect(same(quick, parsed), "\(arguments): quick \(quick) ≠ parsed \(parsed)", sourceLocation: sourceLocation)
    }

    @Test func thePlainCommandLinesAreReadQuicklyAndAlike() {
        let lines: [[String]] = [
            [],
            ["render", "--surface", "rosenbrock", "--width", "200", "--height", "60", "--color", "256",
             "--optimizer", "gd:lr=0.001", "--optimizer", "momentum:lr=0.001", "--optimizer", "adam:lr=0.05", "--steps", "1000"],
            ["run", "--surface", "rosenbrock", "--optimizer", "adam:lr=0.001", "--steps", "2000000", "--grad-tol", "0"],
            ["run", "--format", "csv", "--every", "10", "--seed", "7", "--patience", "5", "--min-delta", "0.01"],
            ["render", "--start", "-1.2,1", "--width=80", "--height=24", "-o", "frame.svg", "--format", "svg"],
            ["render", "--output", "f.txt", "--no-color", "--contours", "--gradient-arrows", "--step-arrows", "--shading", "log"],
            ["render", "--expr", "x^2+y^2", "--expr-view", "-2,2,-2,2", "--scenario", "ravine-momentum"],
            ["run", "--data", "points.csv", "--surface", "linreg"],
            ["visualize", "--surface", "bowl", "--optimizer", "adam"],
            ["--surface", "bowl", "--contours", "--color", "none"],
            ["--scenario", "ravine-momentum"],
            ["run", "--steps", "-5"],
            ["run", "--start=-3,4"],
        ]
        for line in lines { Self.check(line, mustAnswer: true) }
    }

    @Test func everyQuickOptionAloneIsReadAlike() {
        let commands: [(String?, [QuickCommandLine.Option])] = [
            ("render", RenderSettings.quickOptions), ("run", RunSettings.quickOptions),
            ("visualize", VisualizeSettings.quickOptions), (nil, VisualizeSettings.quickOptions),
        ]
        for (command, options) in commands {
            for option in options {
                let given = option.arity == .flag ? ["--" + option.name] : ["--" + option.name, "value"]
                Self.check((command.map { [$0] } ?? []) + given, mustAnswer: true)
                if let short = option.short { Self.check((command.map { [$0] } ?? []) + ["-\(short)", "value"], mustAnswer: true) }
            }
        }
    }

    /// Random command lines from words that are options, values, mistakes and requests for help.
    @Test func randomCommandLinesAreReadAlikeOrLeftToTheArgumentParser() {
        let words = ["--surface", "--expr", "--expr-view", "--data", "--start", "--steps", "--grad-tol", "--seed", "--optimizer",
                     "--patience", "--min-delta", "--scenario", "--contours", "--shading", "--gradient-arrows", "--step-arrows",
                     "--color", "--no-color", "--width", "--height", "--format", "--output", "-o", "--every",
                     "--lr", "--jobs", "--help", "-h", "--version", "--", "-", "--surface=bowl", "--width=50", "--contours=1",
                     "--steps=", "--optimizer=adam:lr=0.1", "--start=-1,1", "--no-color=x", "-x", "--Surface",
                     "bowl", "rosenbrock", "adam:lr=0.1", "gd", "-1.2,1", "-5", "", "=", "5", "x=y", "out.txt", "log", "256",
                     "csv", "--help=1", "---", "--experimental-dump-help", "help", "render", "run"]
        var generator = SplitMix(seed: 0xDE5CE27)
        var answered = 0
        for _ in 0..<400 {
            var line: [String] = []
            switch generator.next() % 4 {
            case 0: line.append("render")
            case 1: line.append("run")
            case 2: line.append("visualize")
            default: break
            }
            for _ in 0..<Int(generator.next() % 7) { line.append(words[Int(generator.next() % UInt64(words.count))]) }
            if QuickCommandLine.command(for: line) != nil { answered += 1 }
            Self.check(line)
        }
        // The vocabulary is mostly mistakes; still a good share must have been read quickly, or the test saw nothing.
        #expect(answered > 40, "only \(answered) of 400 random command lines were read quickly")
    }

    /// The quick reading knows every option the argument parser declares for each of its commands, with
    /// the same way of taking a value (flags take none), so no option falls back by omission.
    @Test(arguments: [("render", RenderSettings.quickOptions), ("run", RunSettings.quickOptions), ("visualize", VisualizeSettings.quickOptions)])
    func knowsEveryDeclaredOption(command: String, quickOptions: [QuickCommandLine.Option]) throws {
        let result = try DescentBinary.run([command, "--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let info = try #require(root["command"] as? [String: Any])
        let arguments = try #require(info["arguments"] as? [[String: Any]])
        var declared: [String: String] = [:]
        for argument in arguments {
            guard let names = argument["names"] as? [[String: Any]], let kind = argument["kind"] as? String else { continue }
            for name in names where name["kind"] as? String == "long" {
                guard let text = name["name"] as? String, text != "help", text != "version" else { continue }
                declared[text] = kind
            }
        }
        let quick = Dictionary(uniqueKeysWithValues: quickOptions.map { ($0.name, $0.arity == .flag ? "flag" : "option") })
        #expect(quick == declared)
    }
}

/// SplitMix64, for reproducible random command lines.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

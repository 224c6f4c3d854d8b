import ArgumentParser
import DescentCore

extension DescentCommand {
    /// The exit status of every usage error: a bad option, name or number (EX_USAGE).
    public static let usageErrorStatus: Int32 = 64
    /// The exit status of a malformed file, e.g. a scenario (EX_DATAERR).
    public static let dataErrorStatus: Int32 = 65

    /// Parses the command line, runs the command and exits.
    ///
    /// `--help` and `--version` print normally (status 0). Every other error — one found by the
    /// argument parser or a `DescentError` from a command — is reduced to ONE line on standard
    /// error, `descent: error: …`, with status 64; an `ExitCode` thrown by a command (e.g. a
    /// failed `check`) exits with its own status and no message.
    ///
    /// It runs on the main thread, and so does every synchronous command: the visualizer waits
    /// for keys in a blocking read that a SIGWINCH must interrupt, and the kernel gives a
    /// process-directed signal to the main thread first. (A nonisolated async function would
    /// run the command on a pool thread, and a resize would never wake it.)
    @MainActor
    public static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        Platform.ignoreBrokenPipe()
        Platform.tuneAllocator()
        // The version alone needs no parsing: answered before the argument parser's set-up.
        if arguments == ["--version"], let version = configuration.version.isEmpty ? nil : configuration.version {
            var out = Output()
            out.line(version)
            out.flush()
            Platform.exit(0)
        }
        // The most-started commands, in their plain forms, skip the argument parser's set-up (QuickCommandLine).
        do {
            if let command = QuickCommandLine.command(for: arguments) {
                try command.run()
                Platform.exit(0)
            }
        } catch {
            reportAndExit(error, arguments: arguments)
        }
        // `descent help NAME` for a NAME that is no command would print the general help and succeed.
        if arguments.count >= 2, arguments[0] == "help" {
            let names = configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
            if !names.contains(arguments[1]) {
                let suggestion = nearestName(to: arguments[1], in: names).map { " (did you mean '\($0)'?)" } ?? ""
                fail("unknown command '\(arguments[1])'\(suggestion); choose one of: \(names.dropLast().joined(separator: ", "))")
            }
        }
        // A first word that is no command would be taken as an argument of the visualizer.
        let commandNames = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        if let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first), first != "help" {
            let suggestion = nearestName(to: first, in: commandNames).map { " (did you mean '\($0)'?)" } ?? ""
            fail("unknown command '\(first.withVisibleControlCharacters)'\(suggestion); choose one of: \(commandNames.joined(separator: ", "))")
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Platform.exit(0)
        } catch {
            reportAndExit(error, arguments: arguments)
        }
    }

    /// Reports `error` — a `DescentError`, an `ExitCode` or one of the argument parser's — and exits:
    /// help and the version on standard output with status 0, every other error as one line.
    static func reportAndExit(_ error: any Error, arguments: [String]) -> Never {
        switch error {
        case let error as DescentError:
            if case .data = error { fail(error.description, status: dataErrorStatus) }
            if case let .formula(_, formulaError) = error { fail(error.description, pointingInto: formulaError) }
            fail(error.description)
        case let error as ExitCode:
            Platform.exit(error.rawValue)
        default:
            if exitCode(for: error) == .success {
                var out = Output()
                out.line(fullMessage(for: error))
                out.flush()
                Platform.exit(0)
            }
            var text = message(for: error)
            // Which command an option is unknown to: every command has only its own options.
            if text.hasPrefix("Unknown option") || text.hasPrefix("unknown option") {
                let commandNames = configuration.subcommands.map { $0.configuration.commandName ?? "" }
                let command = arguments.first.flatMap { commandNames.contains($0) ? $0 : nil }
                let name = command.map { "descent \($0)" } ?? "descent (the visualizer)"
                let help = command.map { "descent \($0) --help" } ?? "descent help visualize"
                if let quote = text.firstIndex(of: "'"), let end = text[text.index(after: quote)...].firstIndex(of: "'") {
                    let option = text[quote...end]
                    var rest = text[text.index(after: end)...].trimmingSpaces
                    while rest.first == "." || rest.first == " " { rest.removeFirst() }
                    if rest.last == "?" || rest.last == "." { rest = String(rest.dropLast()) + (rest.last == "?" ? "?" : "") }
                    text = "\(name) has no option \(option)" + (rest.isEmpty ? "" : "; " + lowercasingFirstWord(rest)) + " (see `\(help)`)"
                }
            }
            fail(text)
        }
    }

    /// Writes `message` as one line, `descent: error: …`, and exits with `status` (64 unless given).
    /// Control characters from the input are made visible, so an argument cannot reach the
    /// terminal as an escape sequence or cut the line short.
    static func fail(_ message: String, status: Int32 = usageErrorStatus, pointingInto formula: FormulaError? = nil) -> Never {
        let line = message.trimmingSpaces.isEmpty ? "invalid command line" : message.trimmingSpaces
        Platform.writeErrorLine("descent: error: " + lowercasingFirstWord(line))
        if let formula {
            // The formula and a caret under the bad character, indented under the message.
            let lines = formula.pointedText.split(separator: "\n", omittingEmptySubsequences: false)
            Platform.writeErrorLine("  " + lines[0])
            Platform.writeErrorLine("  " + lines[1])
        }
        Platform.exit(status)
    }

    /// "Unknown option '--x'" → "unknown option '--x'"; words in capitals stay as they are.
    static func lowercasingFirstWord(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 1, characters[0].isUppercase, characters[1].isLowercase else { return text }
        return characters[0].lowercased() + String(characters.dropFirst())
    }
}

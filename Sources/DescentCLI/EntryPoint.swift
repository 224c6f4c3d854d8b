import ArgumentParser
import DescentCore

extension DescentCommand {
    /// The exit status of every usage error: a bad option, name or number (EX_USAGE).
    public static let usageErrorStatus: Int32 = 64

    /// Parses the command line, runs the command and exits.
    ///
    /// `--help` and `--version` print normally (status 0). Every other error — one found by the
    /// argument parser or a `DescentError` from a command — is reduced to ONE line on standard
    /// error, `descent: error: …`, with status 64; an `ExitCode` thrown by a command (e.g. a
    /// failed `check`) exits with its own status and no message.
    public static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        Platform.ignoreBrokenPipe()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Platform.exit(0)
        } catch let error as DescentError {
            fail(error.description)
        } catch let error as ExitCode {
            Platform.exit(error.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                var out = Output()
                out.line(fullMessage(for: error))
                out.flush()
                Platform.exit(0)
            }
            fail(message(for: error))
        }
    }

    /// Writes the first non-empty line of `message` as `descent: error: …` and exits with status 64.
    static func fail(_ message: String) -> Never {
        let line = message.split(separator: "\n").first.map(String.init) ?? "invalid command line"
        Platform.writeErrorLine("descent: error: " + lowercasingFirstWord(line.trimmingSpaces))
        Platform.exit(usageErrorStatus)
    }

    /// "Unknown option '--x'" → "unknown option '--x'"; words in capitals stay as they are.
    static func lowercasingFirstWord(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 1, characters[0].isUppercase, characters[1].isLowercase else { return text }
        return characters[0].lowercased() + String(characters.dropFirst())
    }
}

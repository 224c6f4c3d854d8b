/// Why the terminal shell could not start; each message is one line for the user.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, CI).
    case notATerminal
    /// TERM is unset or empty.
    case terminalTypeNotSet
    /// No terminfo entry for TERM.
    case unknownTerminalType(String)
    /// The terminal cannot move the cursor (no `cup`, e.g. TERM=dumb).
    case noCursorAddressing(String)
    /// A terminal (or an output measurement) is already using curses in this process.
    case alreadyOpen
    /// curses or the operating system refused; the reason says what.
    case cannotStart(String)

    private static let alternatives = "use `descent run` or `descent render`, which print plain text"

    public var description: String {
        switch self {
        case .notATerminal:
            return "the visualizer needs an interactive terminal (stdin and stdout must be a tty); \(Self.alternatives)"
        case .terminalTypeNotSet:
            return "TERM is not set, so the terminal type is unknown (try TERM=xterm-256color); \(Self.alternatives)"
        case .unknownTerminalType(let name):
            return "unknown terminal type '\(name)' (no terminfo entry for TERM); \(Self.alternatives)"
        case .noCursorAddressing(let name):
            return "terminal type '\(name)' cannot move the cursor, so the visualizer cannot draw; \(Self.alternatives)"
        case .alreadyOpen:
            return "the terminal is already in use by this program"
        case .cannotStart(let reason):
            return "could not start the terminal display: \(reason)"
        }
    }
}

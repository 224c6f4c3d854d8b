import CNcursesw
import DescentApp
import DescentRender
import Glibc
import Synchronization

/// One input event from the terminal.
public enum TerminalEvent: Equatable, Sendable {
    case key(KeyEvent)
    /// SIGINT, SIGTERM or SIGHUP arrived (or the terminal's input is gone): save and quit.
    case interrupted
}

/// Whether curses is in use in this process (by a `Terminal` or an output measurement): it is process-global.
let cursesInUse = Atomic<Bool>(false)

/// The ncurses shell: copies cell grids to the screen and decodes input into events.
/// The only code that touches ncurses. Owned by the run loop; `close` (or deinit) gives the terminal back.
public final class Terminal {
    /// How the frames should be coloured: decided from the terminal, NO_COLOR, or the override.
    public let colorMode: ColorMode
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputDescriptor: Int32
    private let painter: ScreenPainter
    /// Whether this is the user's terminal (signal handlers, stderr capture) rather than an offscreen one.
    private let ownsRealTerminal: Bool
    private let signalHandlers: SignalHandlers
    /// The locale to put back on close (offscreen terminals only).
    private let savedLocale: String?
    private var isOpen = true
    private var lastSize: (width: Int, height: Int)

    /// Takes over the terminal on stdin/stdout: alternate screen, no echo, keypad and mouse, colours.
    /// Refuses when stdin or stdout is not a tty, TERM is unset or unknown, or the terminal cannot address the
    /// cursor. `colorOverride` replaces the detected colour mode (`.none` for --no-color). Where COLORTERM
    /// announces 24-bit colour and TERM's entry has none, the entry's direct-colour sibling is used if installed.
    public static func open(colorOverride: ColorMode? = nil) throws(TerminalError) -> Terminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let declaredName = environment("TERM") else { throw .terminalTypeNotSet }
        var termName = declaredName
        var colors = try probeColors(termName, fileDescriptor: STDOUT_FILENO)
        let wantsDirect = colorOverride == .trueColor || (colorOverride == nil && announcesTrueColor(environment("COLORTERM")))
        if wantsDirect, colors < directColorCount,
           let direct = directColorSibling(of: termName, fileDescriptor: STDOUT_FILENO) {
            termName = direct.name
            colors = direct.colors
        }
        // A locale that is not UTF-8 gets ASCII only: the ASCII ramp needs no colour mode but `.none`.
        let detected: ColorMode = environment("NO_COLOR") != nil || !configureLocale() ? .none : colorMode(forColors: colors)
        return try start(termName: termName, output: descent_stdout(), input: descent_stdin(), colors: colors,
                         colorMode: colorOverride ?? detected, ownsRealTerminal: true)
    }

    /// The colour mode the visualizer would pick for this process's terminal, without starting curses:
    /// none under NO_COLOR or an unknown TERM; 24-bit colour where COLORTERM
    /// announces it or TERM's entry has direct colour; else by TERM's colour count. For `render --color auto`.
    public static func detectedColorMode() -> ColorMode {
        guard environment("NO_COLOR") == nil, let termName = environment("TERM"),
              let colors = try? probeColors(termName, fileDescriptor: STDOUT_FILENO) else { return .none }
        if colors >= 8, announcesTrueColor(environment("COLORTERM")) { return .trueColor }
        return colorMode(forColors: colors)
    }

    /// The colour count of a terminfo entry with direct colour (ncurses' `colors#0x1000000`): colour
    /// numbers are then 24-bit RGB values.
    static let directColorCount = 1 << 24

    /// Whether COLORTERM says the terminal shows 24-bit colour ("truecolor" or "24bit").
    static func announcesTrueColor(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return value == "truecolor" || value == "24bit"
    }

    /// The direct-colour terminfo entry of the same family as `termName` (xterm-256color → xterm-direct,
    /// tmux-256color → tmux-direct), when one is installed: for terminals that announce 24-bit colour
    /// through COLORTERM while TERM names a 256-colour entry. ncurses then sends 24-bit colours itself,
    /// so its picture of the screen stays true through resizes and repaints.
    static func directColorSibling(of termName: String, fileDescriptor: Int32) -> (name: String, colors: Int)? {
        let family = termName.split(separator: "-", maxSplits: 1).first.map(String.init) ?? termName
        for candidate in [termName + "-direct", family + "-direct"] where candidate != termName {
            if let colors = try? probeColors(candidate, fileDescriptor: fileDescriptor), colors >= directColorCount {
                return (candidate, colors)
            }
        }
        return nil
    }

    /// A terminal of type `termName` writing to `output` and reading `input` (a file and a pipe), leaving the
    /// real terminal, the signal handlers and stderr alone: for measuring output and testing input decoding.
    static func offscreen(termName: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                          colorMode: ColorMode) throws(TerminalError) -> Terminal {
        let colors = try probeColors(termName, fileDescriptor: fileno(output))
        return try start(termName: termName, output: output, input: input, colors: colors, colorMode: colorMode,
                         ownsRealTerminal: false)
    }

    private static func start(termName: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                              colors: Int, colorMode: ColorMode, ownsRealTerminal: Bool) throws(TerminalError) -> Terminal {
        guard cursesInUse.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { throw .alreadyOpen }
        let savedLocale = ownsRealTerminal ? nil : String(cString: setlocale(LC_ALL, nil))
        // An exported LINES or COLUMNS (a shell's, left from another window) would override the real
        // window size; the visualizer always wants the size the terminal reports.
        if ownsRealTerminal {
            unsetenv("LINES")
            unsetenv("COLUMNS")
        }
        configureLocale()
        // Before newterm, so ncurses does not install its own SIGINT/SIGTERM handlers; offscreen, ncurses may
        // install them, and the saved dispositions are put back on close.
        let signalHandlers = ownsRealTerminal ? SignalHandlers.install()
            : SignalHandlers.saving([SIGINT, SIGTERM, SIGTSTP, SIGWINCH])
        guard let screen = newterm(termName, output, input), let window = descent_stdscr() else {
            signalHandlers.restore()
            if let savedLocale { setlocale(LC_ALL, savedLocale) }
            cursesInUse.store(false, ordering: .releasing)
            throw .cannotStart("newterm failed for terminal type '\(termName)'")
        }
        if ownsRealTerminal {
            cursesOwnsTerminal.store(true, ordering: .releasing)
            StandardErrorCapture.begin()
        }
        // Keys unbuffered (Ctrl-C still signals) without echo; function keys and button-1 presses decoded;
        // Esc delivered after 25 ms; no cursor.
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(25)
        mousemask(descent_button1_pressed() | descent_button1_clicked() | descent_wheel_up() | descent_wheel_down(), nil)
        mouseinterval(0)
        curs_set(0)
        defineCursorKeys()
        return Terminal(screen: screen, window: window, inputDescriptor: fileno(input),
                        painter: startPainter(window, colorMode: colorMode, terminalColors: colors),
                        colorMode: colorMode, ownsRealTerminal: ownsRealTerminal, signalHandlers: signalHandlers,
                        savedLocale: savedLocale)
    }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, inputDescriptor: Int32,
                 painter: ScreenPainter, colorMode: ColorMode, ownsRealTerminal: Bool, signalHandlers: SignalHandlers,
                 savedLocale: String?) {
        self.screen = screen
        self.window = window
        self.inputDescriptor = inputDescriptor
        self.painter = painter
        self.colorMode = colorMode
        self.ownsRealTerminal = ownsRealTerminal
        self.signalHandlers = signalHandlers
        self.savedLocale = savedLocale
        lastSize = (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    deinit { close() }

    /// The screen's columns and rows (the last known size once closed).
    public var size: (width: Int, height: Int) {
        isOpen ? (Int(getmaxx(window)), Int(getmaxy(window))) : lastSize
    }

    /// The signal that interrupted the program (SIGINT, SIGTERM or SIGHUP), if one has.
    public var interruptingSignal: Int32? {
        let signal = interruptSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Copies `grid` to the screen, sending only the cells that changed since the previous frame.
    /// A grid of another size than the screen is not drawn: the terminal was resized and the
    /// KEY_RESIZE that brings the new size is still to come (drawing it would wrap lines).
    public func draw(_ grid: CellGrid) {
        guard isOpen else { return }
        let size = self.size
        guard grid.width == size.width, grid.height == size.height else { return }
        painter.paint(grid)
    }

    /// The next input event; nil when `timeoutMilliseconds` passes first (nil waits without limit, using no
    /// CPU). Keys the visualizer has no use for are skipped. Returns `.interrupted` promptly after SIGINT,
    /// SIGTERM or SIGHUP, and when waiting without limit finds the input gone.
    public func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent? {
        guard isOpen else { return .interrupted }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds.map { clock.now.advanced(by: .milliseconds(max(0, $0))) }
        while true {
            if interruptSignal.load(ordering: .relaxed) != 0 { return .interrupted }
            var wait: Int32 = -1
            if let deadline {
                let milliseconds = (clock.now.duration(to: deadline) / .milliseconds(1)).rounded(.up)
                wait = Int32(min(max(0, milliseconds), Double(Int32.max)))
            }
            wtimeout(window, wait)
            var input: wint_t = 0
            errno = 0
            let status = wget_wch(window, &input)
            let interruptedBySignal = errno == EINTR
            if status == OK, let key = Self.decodeCharacter(input) {
                // Esc followed at once by more input is Alt+key or a sequence curses does not know
                // (Home or End under some TERMs): skip it all rather than read it as Esc (quit).
                if key == .escape && discardPendingInput() { continue }
                return .key(key)
            }
            if status == KEY_CODE_YES, let key = decodeKeyCode(Int32(bitPattern: input)) {
                return .key(key)
            }
            if status == ERR {
                if interruptSignal.load(ordering: .relaxed) != 0 || inputIsGone() { return .interrupted }
                if !interruptedBySignal && deadline != nil { return nil }
            }
            if let deadline, clock.now >= deadline { return nil }
        }
    }

    /// Gives the terminal back: mouse reporting off, cursor visible, shell mode, previous signal handlers,
    /// and what was written to stderr meanwhile. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        lastSize = size
        isOpen = false
        mousemask(0, nil)
        curs_set(1)
        if !ownsRealTerminal || cursesOwnsTerminal.exchange(false, ordering: .acquiringAndReleasing) {
            endwin()
        }
        delscreen(screen)
        if ownsRealTerminal { StandardErrorCapture.finish() }
        signalHandlers.restore()
        if let savedLocale { setlocale(LC_ALL, savedLocale) }
        cursesInUse.store(false, ordering: .releasing)
    }

    /// Resizes an offscreen terminal as a SIGWINCH would: curses queues KEY_RESIZE for `nextEvent`.
    func resizeOffscreen(width: Int, height: Int) {
        guard isOpen, !ownsRealTerminal else { return }
        resizeterm(Int32(height), Int32(width))
    }

    /// After an Esc: reads and drops the rest of an Alt+key or escape sequence that is already
    /// waiting (Esc c; Esc O c; Esc [ parameters final-byte), and says whether there was one.
    private func discardPendingInput() -> Bool {
        wtimeout(window, 0)
        var input: wint_t = 0
        guard wget_wch(window, &input) != ERR else { return false }
        switch input {
        case 0x4F:  // SS3: one more character
            _ = wget_wch(window, &input)
        case 0x5B:  // CSI: up to the final byte, @ to ~
            for _ in 0..<32 {
                guard wget_wch(window, &input) != ERR else { break }
                if (0x40...0x7E).contains(input) { break }
            }
        default:  // Alt+key
            break
        }
        return true
    }

    /// Whether the input hung up or closed, so no key can come any more.
    private func inputIsGone() -> Bool {
        var input = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) >= 0 else { return false }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    // MARK: - Decoding

    /// A key from a character code (`wget_wch` returned OK); nil for control characters without a use.
    static func decodeCharacter(_ code: wint_t) -> KeyEvent? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32, 128..<160: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A key from a curses key code (`wget_wch` returned KEY_CODE_YES); nil for keys without a use.
    private func decodeKeyCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_RESIZE:
            // Repaint from scratch: whatever was on the terminal before the resize (lines wrapped
            // by the old width) is not what curses believes is there.
            painter.invalidate()
            clearok(window, true)
            let size = self.size
            return .resize(width: size.width, height: size.height)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & descent_wheel_up() != 0 { return .mouseWheel(up: true, column: Int(event.x), row: Int(event.y)) }
            if event.bstate & descent_wheel_down() != 0 { return .mouseWheel(up: false, column: Int(event.x), row: Int(event.y)) }
            guard event.bstate & (descent_button1_pressed() | descent_button1_clicked()) != 0 else { return nil }
            return .mouseClick(column: Int(event.x), row: Int(event.y))
        default:
            return nil
        }
    }

    // MARK: - Setup

    /// An environment variable's value, nil when unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    /// The number of colours of terminal type `name` (0 for none), or why it cannot be used.
    static func probeColors(_ name: String, fileDescriptor: Int32) throws(TerminalError) -> Int {
        let probe = descent_probe_terminal(name, fileDescriptor)
        if probe < 0 { throw .unknownTerminalType(name) }
        if probe == 0 { throw .noCursorAddressing(name) }
        return Int(probe) - 1
    }

    /// `.trueColor` from a direct-colour entry (2²⁴ colours), `.palette256` from 256 colours, `.basic` from 8,
    /// else `.none`.
    static func colorMode(forColors colors: Int) -> ColorMode {
        colors >= directColorCount ? .trueColor : colors >= 256 ? .palette256 : colors >= 8 ? .basic : .none
    }

    /// The user's locale, so ncursesw writes what the terminal expects; numbers keep the C locale.
    /// Returns whether its characters are UTF-8 (when not, the visualizer draws ASCII only).
    @discardableResult
    static func configureLocale() -> Bool {
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        return isUTF8Locale
    }

    /// Whether the user's locale (LC_CTYPE from the environment) is not UTF-8, so output keeps to ASCII as the
    /// visualizer does; the process's own locale is left as it was (C).
    public static var userLocaleIsASCIIOnly: Bool {
        setlocale(LC_CTYPE, "")
        defer { setlocale(LC_CTYPE, "C") }
        return !isUTF8Locale
    }

    /// Whether the current LC_CTYPE encodes characters as UTF-8.
    public static var isUTF8Locale: Bool {
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).lowercased()
        return codeset == "utf-8" || codeset == "utf8"
    }

    /// Cursor keys in both of the terminal's modes (ESC O A and ESC [ A): ncurses does not switch the keypad back
    /// to application mode after Ctrl-Z and `fg`, and the arrows would then arrive as Esc, "[", "A".
    private static func defineCursorKeys() {
        let keys: [(String, Int32)] = [("A", KEY_UP), ("B", KEY_DOWN), ("C", KEY_RIGHT), ("D", KEY_LEFT)]
        for (final, key) in keys {
            define_key("\u{1B}[\(final)", key)
            define_key("\u{1B}O\(final)", key)
        }
    }

    /// Starts colours unless `colorMode` is `.none` or the terminal has none, and makes the painter.
    static func startPainter(_ window: UnsafeMutablePointer<WINDOW>, colorMode: ColorMode,
                             terminalColors: Int) -> ScreenPainter {
        guard colorMode != .none, terminalColors > 0, has_colors(), start_color() == OK else {
            return ScreenPainter(window: window, colorCount: 0, hasDefaultColors: false)
        }
        let hasDefaultColors = use_default_colors() == OK
        let colorCount = Int(descent_colors())
        return ScreenPainter(window: window, colorCount: colorCount, hasDefaultColors: hasDefaultColors,
                             directColor: colorCount >= directColorCount)
    }
}

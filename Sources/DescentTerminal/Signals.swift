import CNcursesw
import Glibc
import Synchronization

/// The signal (SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 or SIGALRM) that asked the program to stop; 0 while none has.
/// Set only by the signal handler; the event loop reads it and reports `.interrupted`.
let interruptSignal = Atomic<Int32>(0)

/// Whether curses owns the real terminal; the crash handler restores the terminal only then.
let cursesOwnsTerminal = Atomic<Bool>(false)

/// Signals that ask the program to stop: their handler only records the signal, and the run loop
/// ends with 128 + its number after giving the terminal back. USR1, USR2 and ALRM would otherwise
/// end the process on the spot with the terminal still in curses mode.
private let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM]

/// Signals of a crash (and SIGQUIT, Ctrl-\, which dumps core): their handler restores the terminal, then lets
/// the signal take its default action, so the process ends as the signal says (status 128 + its number in
/// a shell). The runtime's backtracer is skipped on purpose: it would stop to ask for a key on the
/// terminal and then carry on with the terminal half restored.
private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGQUIT]

/// The first stop signal is recorded for the event loop; a second one, while the first is still
/// waiting to be seen (the program is busy), restores the terminal and ends the process at once.
private func recordStopSignal(_ signal: Int32) {
    let earlier = interruptSignal.exchange(signal, ordering: .relaxed)
    guard earlier != 0 else { return }
    if cursesOwnsTerminal.exchange(false, ordering: .acquiringAndReleasing) {
        endwin()
    }
    StandardErrorCapture.finish()
    _exit(128 + signal)
}

/// Puts the terminal back in shell mode (mouse reporting off, cursor shown, endwin), replays what was
/// written to stderr meanwhile, then re-raises with the default disposition: the signal is delivered
/// when the handler returns (a fault re-executes and faults again) and ends the process.
private func restoreTerminalAndReraise(_ signal: Int32) {
    if cursesOwnsTerminal.exchange(false, ordering: .acquiringAndReleasing) {
        mousemask(0, nil)
        curs_set(1)
        endwin()
    }
    StandardErrorCapture.finish()
    var defaultAction = sigaction()
    defaultAction.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&defaultAction.sa_mask)
    sigaction(signal, &defaultAction, nil)
    raise(signal)
}

/// The process's signal dispositions while curses owns the terminal, and the ones to put back afterwards.
struct SignalHandlers {
    private var saved: [(signal: Int32, action: sigaction)] = []

    /// Installs the stop and crash handlers and ignores SIGPIPE; clears a stop signal recorded earlier.
    /// Call before `newterm`, so ncurses does not install its own SIGINT/SIGTERM handlers.
    static func install() -> SignalHandlers {
        interruptSignal.store(0, ordering: .relaxed)
        var handlers = SignalHandlers()
        for signal in stopSignals {
            handlers.replace(signal, with: recordStopSignal)
        }
        for signal in crashSignals {
            handlers.replace(signal, with: restoreTerminalAndReraise)
        }
        handlers.replace(SIGPIPE, with: nil)
        unblockTerminalSignals()
        return handlers
    }

    /// A process may start with signals blocked or ignored by its parent (a test runner, a tmux
    /// server started by one): the stop signals and SIGWINCH must get through, or neither Ctrl-C
    /// nor a resize would reach the visualizer. SIGWINCH goes back to its default disposition (it
    /// may have been ignored) so ncurses installs its own handler.
    private static func unblockTerminalSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in stopSignals + crashSignals + [SIGWINCH] { sigaddset(&set, signal) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(SIGWINCH, &defaultAction, nil)
    }

    /// Saves the current dispositions of `signals`, to be put back by `restore`, without changing them.
    static func saving(_ signals: [Int32]) -> SignalHandlers {
        var handlers = SignalHandlers()
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            handlers.saved.append((signal, current))
        }
        return handlers
    }

    /// Puts back every saved disposition, the last replaced first.
    func restore() {
        for entry in saved.reversed() {
            var action = entry.action
            sigaction(entry.signal, &action, nil)
        }
    }

    /// Installs `handler` (nil: ignore) for `signal` without SA_RESTART, so a blocking read returns EINTR;
    /// returns and saves the previous disposition.
    @discardableResult
    private mutating func replace(_ signal: Int32, with handler: (@convention(c) (Int32) -> Void)?) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler ?? SIG_IGN
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        saved.append((signal, previous))
        return previous
    }
}

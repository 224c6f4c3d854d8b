import ArgumentParser
import DescentCore
import Glibc
import Synchronization

/// The stop signal (SIGINT or SIGTERM) received during long work, 0 while none has. Set only by the handler.
private let longWorkStopSignal = Atomic<Int32>(0)

/// What every long command (sweep, search, the maps) shares: a progress bar on standard error when it is
/// a terminal (nothing in a pipe), and Ctrl-C or SIGTERM stopping the work between two pieces of it —
/// the bar is cleared, one line says so, and the process exits with 128 + the signal's number.
struct LongWork {
    let total: Int
    private let showsBar: Bool
    private var shownPercent = -1

    /// Starts long work of `total` pieces: installs the stop handlers and draws an empty bar.
    init(total: Int) {
        self.total = max(1, total)
        showsBar = isatty(STDERR_FILENO) == 1
        longWorkStopSignal.store(0, ordering: .relaxed)
        for signalNumber in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // A second signal while the first waits ends the process at once.
                if longWorkStopSignal.exchange(number, ordering: .relaxed) != 0 { _exit(128 + number) }
            }
            sigemptyset(&action.sa_mask)
            sigaction(signalNumber, &action, nil)
        }
        update(done: 0)
    }

    /// Runs `body` as long work of `total` pieces: `body` reports pieces done to the closure it is given. The bar is
    /// cleared when it ends, also by an error (before the error's line); after a stop signal the process exits there.
    static func perform<T>(total: Int, _ body: ((Int) -> Void) throws -> T) rethrows -> T {
        var work = LongWork(total: total)
        defer { work.finish() }
        return try body { work.update(done: $0) }
    }

    /// `perform` for work that awaits (the maps, the search).
    static func perform<T>(total: Int, _ body: ((Int) -> Void) async throws -> T) async rethrows -> T {
        var work = LongWork(total: total)
        defer { work.finish() }
        return try await body { work.update(done: $0) }
    }

    /// Whether a stop signal has arrived: the work should end as soon as it can.
    static let shouldStop: @Sendable () -> Bool = { longWorkStopSignal.load(ordering: .relaxed) != 0 }

    /// Redraws the bar when the whole percentage changed: `\r[████░░░░] 45%`.
    mutating func update(done: Int) {
        guard showsBar else { return }
        let percent = min(100, done * 100 / total)
        guard percent != shownPercent else { return }
        shownPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Self.writeError("\r[\(bar)] \(percent)%")
    }

    /// Clears the bar; when the work was stopped by a signal, says so and exits with 128 + its number.
    func finish() {
        if showsBar { Self.writeError("\r\u{1B}[K") }
        let signal = longWorkStopSignal.load(ordering: .relaxed)
        if signal != 0 {
            Platform.writeErrorLine("descent: interrupted (\(signal == SIGINT ? "SIGINT" : "SIGTERM")); nothing was written")
            Platform.exit(128 + signal)
        }
    }

    private static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = Platform.writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
    }
}

/// `--jobs N`: how many rows of a map run at once (default: every online core).
struct JobsOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Rows computed at once (default: every core, \(JobsOption.onlineCores) here).", valueName: "n"))
    var jobs: String?

    static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    func parallelism() throws(DescentError) -> Int {
        guard let jobs else { return Self.onlineCores }
        let value = try parseWholeNumber(jobs, what: "--jobs", minimum: 1)
        guard value <= 1024 else { throw .invalidValue(what: "--jobs", value: jobs, requirement: "must be ≤ 1024") }
        return value
    }
}

import Glibc
import DescentCore
import DescentRender

/// Whole processes, timed from outside: this same binary started with a command line, its output sent
/// to /dev/null, from the spawn to the exit (its start-up, the Swift runtime's, the parsing and the work).
enum StartupBenchmark {
    static let section = BenchSection(name: "startup", title: "whole processes (this binary, started afresh each run)") { out in
        run(&out)
    }

    struct Case {
        var label: String
        var arguments: [String]
        /// The goal in milliseconds, if there is one.
        var goal: Double?
        var runs: Int
    }

    static let adamSteps = 2_000_000
    /// The same 2,000,000 adam steps in XLA (optax's adam in a compiled `lax.scan`): 27 ns a step, as
    /// measured on the machine descent's goals were set on; the goal is 1.2× as fast, 22.5 ns a step.
    static let xlaNanosecondsPerStep = 27.0

    static var cases: [Case] {
        let render = ["render", "--surface", "rosenbrock", "--width", "200", "--height", "60", "--color", "256",
                      "--optimizer", "gd:lr=0.001", "--optimizer", "momentum:lr=0.001", "--optimizer", "adam:lr=0.05", "--steps", "1000"]
        let run = ["run", "--surface", "rosenbrock", "--optimizer", "adam:lr=0.001", "--steps", String(adamSteps), "--grad-tol", "0"]
        return [
            Case(label: "descent --version", arguments: ["--version"], goal: 3, runs: 31),
            Case(label: "descent render 200×60, 256 colours, three 1,000-step trails", arguments: render, goal: 5, runs: 21),
            Case(label: "descent run, \(adamSteps / 1_000_000),000,000 adam steps on rosenbrock", arguments: run,
                 goal: xlaNanosecondsPerStep / 1.2 * Double(adamSteps) / 1e6, runs: 9),
        ]
    }

    static func run(_ out: inout Output) {
        guard let executable = executablePath() else {
            out.line("cannot find this program's own file (/proc/self/exe)")
            return
        }
        out.line("median wall time of each command as a whole process; every run a fresh process")
        for item in cases {
            var times: [Double] = []
            for _ in 0..<(item.runs + 1) {
                guard let seconds = timeProcess(executable, item.arguments) else { break }
                times.append(seconds)
            }
            guard times.count > 1 else {
                out.line("\(item.label): could not be started")
                continue
            }
            times.removeFirst()  // the first run warms the page cache
            times.sort()
            let median = times[times.count / 2] * 1000
            var line = "\(item.label): median \(NumberFormat.compact(median)) ms over \(times.count) runs"
            if let goal = item.goal { line += " (goal ≤ \(formatNumber(goal)) ms): " + (median <= goal ? "meets" : "MISSES") }
            if item.arguments.first == "run" {
                line += "; \(NumberFormat.compact(median * 1e6 / Double(adamSteps))) ns a step (XLA: \(formatNumber(xlaNanosecondsPerStep)) ns)"
            }
            out.line(line)
            out.flush()
        }
    }

    /// This process's own file.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Seconds from the spawn of `path arguments` (standard input and output /dev/null) to its exit; nil if it failed.
    static func timeProcess(_ path: String, _ arguments: [String]) -> Double? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let elapsed = clock.now - start
        guard status == 0 else { return nil }
        return seconds(elapsed)
    }
}

import DescentCore
import DescentRender
import Foundation
import Testing

/// A private tmux server (its own socket), driven like a person at a terminal.
final class TmuxSession {
    let socket = "descent-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let name = "e2e"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux") }

    init(width: Int, height: Int) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                  "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 SWIFT_BACKTRACE=enable=no PS1='$ ' bash --norc --noprofile"])
        serverPID = Int32(try display("#{pid}"))
    }

    /// The server's pid, to make sure it has ended.
    private var serverPID: Int32?

    /// Ends the server and everything in it, on every path out of a test (pass or fail).
    deinit {
        _ = try? tmux(["kill-server"])
        guard let serverPID else { return }
        for _ in 0..<40 where kill(serverPID, 0) == 0 { Thread.sleep(forTimeInterval: 0.025) }
        if kill(serverPID, 0) == 0 { kill(serverPID, SIGKILL) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        // The tmux server that `new-session` starts lives on after the command: it must not inherit
        // any descriptor of this process (Foundation's own, or another test's pipe) or waiting for
        // the command would last as long as the server. So bash closes every descriptor above 2,
        // and the output goes to a file.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The test runner blocks signals (SIGTERM among them) and a child inherits the mask: tmux's
        // kill-server is a SIGTERM to itself, so a server started with it blocked would never end, nor
        // would the shell in it. perl empties the mask before tmux starts.
        let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done 2>/dev/null; if command -v perl >/dev/null; then exec perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new); exec @ARGV or die' tmux "$@"; fi; exec tmux "$@""#
        process.arguments = ["-c", closeInherited, "tmux", "-L", socket] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try output.close()
        return String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    }

    /// Starts descent with these arguments from the session's shell, which echoes
    /// "descent-exited-N" when it ends (read with `exitStatus`).
    func launchDescent(_ arguments: String = "") throws {
        try type("'\(DescentBinary.url.path)' \(arguments); echo \"descent-exited-$?\"")
        try press("Enter")
    }

    /// Types text literally, then optionally named keys (e.g. "Enter").
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds (at most `seconds`); returns the last screen.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = screen
        while !condition(last) {
            if Date() > deadline {
                Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
                return last
            }
            Thread.sleep(forTimeInterval: 0.05)
            last = screen
        }
        return last
    }
}

/// The pid of the child of `parent` whose command name is `name` (from /proc), if there is one.
func childProcess(of parent: Int32, named name: String) -> Int32? {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
    for entry in entries {
        guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
        let command = stat[stat.index(after: open)..<close]
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        if command == name, fields.count > 1, Int32(fields[1]) == parent { return pid }
    }
    return nil
}

/// The exit status the shell echoed after descent ended ("descent-exited-N"), or nil while it runs.
/// (The typed command line itself shows "descent-exited-$?", which is not a status.)
func exitStatus(_ screen: String) -> Int? {
    guard let range = screen.range(of: #"descent-exited-[0-9]+"#, options: .regularExpression) else { return nil }
    return Int(screen[range].dropFirst("descent-exited-".count))
}

/// The largest "step N" on the status bar.
func statusStep(_ screen: String) -> Int? {
    guard let line = screen.split(separator: "\n").last(where: { $0.contains("steps/s") }),
          let range = line.range(of: "step ") else { return nil }
    return Int(line[range.upperBound...].prefix { $0.isNumber })
}

@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct EndToEndTests {
    @Test func aPersonDrivesTheVisualizerInTmux() throws {
        let session = try TmuxSession(width: 120, height: 40)
        try session.launchDescent("--surface ravine --optimizer gd:lr=0.01 --optimizer adam:lr=0.1")

        // The heatmap (half blocks) and the panel appear, and it plays.
        var screen = session.waitFor("the heatmap and the panel") { $0.contains("ravine") && $0.contains("▀") && $0.contains("? help") }
        #expect(screen.contains("gd:lr=0.01"))
        #expect(screen.contains("adam:lr=0.1"))
        session.waitFor("playing steps") { ($0.contains("playing")) && (statusStep($0) ?? 0) > 0 }

        // space pauses; n takes exactly one step.
        try session.press("Space")
        screen = session.waitFor("paused") { $0.contains("paused") }
        Thread.sleep(forTimeInterval: 0.2)
        let before = try #require(statusStep(session.screen))
        try session.press("n")
        session.waitFor("one more step") { statusStep($0) == before + 1 }

        // + changes the shown lr of the selected optimizer (gd, the first).
        #expect(session.screen.contains("gd:lr=0.01"))
        try session.press("+")
        session.waitFor("gd:lr=0.02 in the panel") { $0.contains("gd:lr=0.02") }

        // s opens the surface picker; Down and Enter switch to the next surface (wells).
        try session.press("s")
        session.waitFor("the surface picker") { $0.contains("Enter switches") }
        try session.press("Down", "Enter")
        session.waitFor("the wells surface") { $0.contains("wells") && !$0.contains("Enter switches") }

        // A resize to 60×20 and back keeps working.
        try session.tmux(["resize-window", "-t", session.name, "-x", "60", "-y", "20"])
        screen = session.waitFor("the small layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count <= 21 && screen.contains("wells") && screen.contains("▀")
        }
        try session.tmux(["resize-window", "-t", session.name, "-x", "120", "-y", "40"])
        session.waitFor("the full layout again") { $0.contains("wells") && $0.contains("? help  q quit") && $0.split(separator: "\n").count > 30 }

        // q ends the program and gives the shell back, with the terminal restored.
        try session.press("q")
        session.waitFor("the shell") { exitStatus($0) != nil }
        #expect(exitStatus(session.screen) == 0)
        #expect(try session.display("#{alternate_on}") == "0")
    }

    @Test func theParameterSheetChangesMomentumsBetaLive() throws {
        let session = try TmuxSession(width: 120, height: 40)
        try session.launchDescent("--surface ravine --optimizer momentum:lr=0.02")
        session.waitFor("the visualizer") { $0.contains("momentum:lr=0.02") && $0.contains("? help") }
        try session.press("Space")
        session.waitFor("paused") { $0.contains("paused") }

        // Enter opens the sheet; Down goes to momentum (after lr); - steps β from 0.9 to 0.8.
        try session.press("Enter")
        session.waitFor("the parameter sheet") { $0.contains("type a number, Enter sets") && $0.contains("dampening") }
        try session.press("Down")
        try session.type("-")
        session.waitFor("β stepped down") { $0.contains("momentum momentum 0.9 → 0.8") }
        // Typing a value sets it exactly.
        try session.type("0.95")
        try session.press("Enter")
        session.waitFor("β typed") { $0.contains("momentum momentum 0.8 → 0.95") }
        // Esc closes the sheet and the panel shows the spec now in force.
        try session.press("Escape")
        session.waitFor("the panel with the new β") { $0.contains("momentum:lr=0.02,momentum=0.95") && !$0.contains("type a number") }

        try session.press("q")
        session.waitFor("the shell") { exitStatus($0) != nil }
        #expect(exitStatus(session.screen) == 0)
    }

    @Test func basinsArriveUnderThePathsWhileKeysAreAnswered() throws {
        let session = try TmuxSession(width: 120, height: 40)
        try session.launchDescent("--surface himmelblau --optimizer gd")
        session.waitFor("the visualizer") { $0.contains("gd:lr=") && $0.contains("? help") }
        try session.press("Space")
        session.waitFor("paused") { $0.contains("paused") }
        // B computes the map off the main thread; the summary arrives on the status bar: four basins.
        try session.press("B")
        let screen = session.waitFor("the basin map", seconds: 30) { $0.contains("(≤ 500 steps): A ") }
        #expect(screen.range(of: #"A [0-9]+% B [0-9]+% C [0-9]+% D [0-9]+%"#, options: .regularExpression) != nil, "\(screen)")
        // A zoom asks for a new map; B again turns it off.
        try session.press("z")
        session.waitFor("the new map") { $0.contains("(≤ 500 steps): A ") }
        try session.press("B")
        session.waitFor("basins off") { $0.contains("basins off") }
        try session.press("q")
        session.waitFor("the shell") { exitStatus($0) != nil }
        #expect(exitStatus(session.screen) == 0)
    }

    @Test func interruptRestoresTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        try session.launchDescent()
        session.waitFor("the visualizer") { $0.contains("? help") }
        try session.press("C-c")
        let screen = session.waitFor("the shell after Ctrl-C") { exitStatus($0) != nil }
        #expect(exitStatus(screen) == 130)
        #expect(try session.display("#{alternate_on}") == "0")
    }

    /// Every signal that can end the visualizer, sent while it plays, and Ctrl-\\ typed: each time the
    /// process ends with 128 + the signal and the terminal is back as the shell had it.
    @Test func everySignalRestoresTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        let signals: [(String, Int32)] = [("INT", SIGINT), ("TERM", SIGTERM), ("HUP", SIGHUP), ("QUIT", SIGQUIT),
                                          ("SEGV", SIGSEGV), ("ABRT", SIGABRT), ("BUS", SIGBUS), ("FPE", SIGFPE),
                                          ("ILL", SIGILL), ("TRAP", SIGTRAP), ("USR1", SIGUSR1), ("USR2", SIGUSR2),
                                          ("ALRM", SIGALRM), ("typed Ctrl-\\", SIGQUIT)]
        // Each signal twice, at seeded random moments of the run (up to half a second in).
        var moments = SeededGenerator(seed: 3)
        for (round, (name, number)) in (signals + signals).enumerated() {
            try session.press("C-l")
            try session.type("clear; ulimit -c 0")
            try session.press("Enter")
            try session.launchDescent("--surface bowl --optimizer gd:lr=0.001 --steps 1000000")
            session.waitFor("the visualizer (\(name))") { $0.contains("? help") && $0.contains("playing") }
            Thread.sleep(forTimeInterval: round < signals.count ? Double(round % 4) * 0.1 : moments.nextUniform() * 0.5)
            if name.hasPrefix("typed") {
                try session.press("C-\\")
            } else {
                let shell = try #require(Int32(try session.display("#{pane_pid}")))
                let child = try #require(childProcess(of: shell, named: "descent"), "\(name): descent's pid")
                #expect(kill(child, number) == 0, "\(name)")
            }
            let screen = session.waitFor("the shell after \(name)") { exitStatus($0) != nil }
            #expect(exitStatus(screen) == Int(128 + number), "\(name)")
            #expect(try session.display("#{alternate_on}") == "0", "\(name): main screen")
            #expect(try session.display("#{cursor_flag}") == "1", "\(name): cursor visible")
            #expect(try session.display("#{keypad_cursor_flag}") == "0", "\(name): keypad off")
            #expect(try session.display("#{mouse_any_flag}") == "0", "\(name): mouse off")
            #expect(!screen.contains("Crash") && !screen.contains("Press space"), "\(name): no crash prompt")
            try session.type("clear; stty -a | tr ' ' '\\n' | grep -xE -- '-?(echo|icanon|isig)' | tr '\\n' ' '; echo")
            try session.press("Enter")
            // The line stty's modes print: "isig icanon echo" when restored, with a "-" before any that is off.
            func modesLine(_ screen: String) -> Set<Substring>? {
                screen.split(separator: "\n").map { Set($0.split(separator: " ")) }
                    .first { $0.count == 3 && $0.allSatisfy { ["echo", "icanon", "isig", "-echo", "-icanon", "-isig"].contains($0) } }
            }
            let screenWithModes = session.waitFor("stty after \(name)") { modesLine($0) != nil }
            #expect(modesLine(screenWithModes) == ["echo", "icanon", "isig"], "\(name): \(screenWithModes)")
        }
    }

    /// Hundreds of keys in a seeded random order — overlays, pickers, zooms, speed, resizes to tiny
    /// sizes — and the visualizer is still there, then q ends it cleanly.
    @Test func aStormOfKeysDoesNotBreakIt() throws {
        let session = try TmuxSession(width: 100, height: 30)
        try session.launchDescent("--surface rosenbrock --optimizer gd:lr=0.001 --optimizer cg --optimizer newton --optimizer sgd")
        session.waitFor("the visualizer") { $0.contains("? help") }
        let keys = ["Space", "n", ".", "r", "Tab", "BTab", "+", "-", "]", "[", "s", "o", "Up", "Down", "Left", "Right",
                    "z", "x", "H", "J", "K", "L", "0", ">", "<", "c", "l", "g", "v", "?", "Enter", "j", "k"]
        let sizes = [(100, 30), (60, 20), (20, 5), (140, 45), (41, 12), (100, 30)]
        var generator = SeededGenerator(seed: 7)  // the same storm on every run
        for round in 0..<300 {
            if round % 50 == 25 {
                let size = sizes[(round / 50) % sizes.count]
                try session.tmux(["resize-window", "-t", session.name, "-x", "\(size.0)", "-y", "\(size.1)"])
                continue
            }
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            try session.press(key)
        }
        #expect(exitStatus(session.screen) == nil, "the storm ended the program")
        try session.tmux(["resize-window", "-t", session.name, "-x", "100", "-y", "30"])
        session.waitFor("the visualizer at its full size again") { $0.contains("? help") }
        try session.press("q")
        let end = session.waitFor("the shell") { exitStatus($0) != nil }
        #expect(exitStatus(end) == 0)
        #expect(try session.display("#{alternate_on}") == "0")
    }

    /// A person tunes by hand, saves with w, and `run --scenario` gives the numbers the panel showed,
    /// which are those of gradient descent with those rates computed here independently.
    @Test func aSavedSessionReplaysBitForBit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-e2e-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(width: 120, height: 40)
        try session.type("cd '\(folder.path)'")
        try session.press("Enter")
        try session.launchDescent("--surface ravine --optimizer gd:lr=0.03 --optimizer momentum:lr=0.02")
        session.waitFor("the visualizer") { $0.contains("? help") }
        try session.press("Space")
        session.waitFor("paused") { $0.contains("paused") }
        Thread.sleep(forTimeInterval: 0.2)
        let first = try #require(statusStep(session.screen))
        func steps(_ count: Int, from start: Int) throws {
            for _ in 0..<count { try session.press("n") }
            session.waitFor("step \(start + count)") { statusStep($0) == start + count }
        }
        try steps(5, from: first)
        try session.press("+")  // 0.03 → 0.05 at step first + 5
        session.waitFor("gd:lr=0.05") { $0.contains("gd:lr=0.05") }
        try steps(7, from: first + 5)
        try session.press("-")  // back to exactly 0.03 at step first + 12
        session.waitFor("gd:lr=0.03") { $0.contains("gd:lr=0.03") }
        try steps(4, from: first + 12)
        let shown = session.screen
        let last = first + 16
        try session.press("w")
        session.waitFor("the save prompt") { $0.contains("name: ravine") }
        try session.press("Enter")
        session.waitFor("saved") { $0.contains("saved scenarios/ravine.json") }
        // w again: the file is not overwritten without a yes.
        try session.press("w")
        session.waitFor("the save prompt") { $0.contains("name: ravine") }
        try session.press("Enter")
        session.waitFor("the overwrite question") { $0.contains("Overwrite it?") }
        try session.press("n")
        session.waitFor("kept") { $0.contains("left as it was") }
        try session.press("q")
        session.waitFor("the shell") { exitStatus($0) != nil }
        #expect(exitStatus(session.screen) == 0)

        let file = folder.appendingPathComponent("scenarios/ravine.json")
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains(#"{"step": \#(first + 5), "optimizer": 0, "set": {"lr": 0.05}}"#))
        #expect(saved.contains(#"{"step": \#(first + 12), "optimizer": 0, "set": {"lr": 0.03}}"#))
        let result = try DescentBinary.run(["run", "--scenario", file.path, "--steps", "\(last)", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdoutLines.filter { $0.hasPrefix("gd:lr=0.03,") }
        #expect(rows.count == last + 1)
        // Gradient descent on x²/2 + 10y² (∇f = (x, 20y)) with the rates as pressed, step by step.
        var point = (x: -4.5, y: 3.0)
        for step in 1...last {
            let rate = step > first + 5 && step <= first + 12 ? 0.05 : 0.03
            point = (point.x - rate * point.x, point.y - rate * (20 * point.y))
            let fields = rows[step].split(separator: ",")
            #expect(Double(fields[2]) == point.x && Double(fields[3]) == point.y, "step \(step)")
            #expect(Double(fields[6]) == rate, "lr of step \(step)")
        }
        // The panel showed those numbers: gd's step and loss.
        let loss = point.x * point.x / 2 + 10 * point.y * point.y
        #expect(shown.contains("step \(last)  loss \(NumberFormat.compact(loss))"), "\(shown)")
    }

    @Test func aPipeGetsAClearMessage() throws {
        let result = try DescentBinary.run(["--surface", "bowl"])
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("descent run"))
        #expect(result.stderr.contains("descent render"))
    }
}

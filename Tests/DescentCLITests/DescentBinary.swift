import Foundation

/// What one run of the real `descent` executable produced.
struct CommandResult {
    /// The exit status, or the signal number when `killedBySignal`.
    var status: Int32
    var killedBySignal: Bool
    var stdout: String
    var stderr: String

    /// The lines of standard error, without the final newline's empty line.
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0).map { $0 } }
    var stdoutLines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stdout.hasSuffix("\n") ? 1 : 0).map { $0 } }
}

/// The built `descent` executable, found next to the test bundle, run with `Process`.
enum DescentBinary {
    /// The build directory holding both the test bundle and `descent`.
    static let url: URL = {
        let testExecutable = FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            : Bundle.main.bundleURL
        return testExecutable.deletingLastPathComponent().appendingPathComponent("descent")
    }()

    /// The package's folder (the man page, the scenarios), from this file's place in Tests/DescentCLITests.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `descent` with these arguments (no shell), standard error to a temporary file so no pipe can fill.
    static func run(_ arguments: [String]) throws -> CommandResult {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        return try capture(process)
    }

    static func run(_ arguments: String...) throws -> CommandResult { try run(arguments) }

    /// Runs a bash command line in which `$DESCENT` is the executable (for pipes).
    static func shell(_ command: String) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        return try capture(process)
    }

    private static func capture(_ process: Process) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["DESCENT"] = url.path
        process.environment = environment
        let stdout = Pipe()
        let stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("descent-test-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: stderrURL) }
        let stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        let errors = try Data(contentsOf: stderrURL)
        return CommandResult(status: process.terminationStatus,
                             killedBySignal: process.terminationReason == .uncaughtSignal,
                             stdout: String(decoding: output, as: UTF8.self),
                             stderr: String(decoding: errors, as: UTF8.self))
    }
}

import CNcursesw
import DescentRender
import Glibc

extension Terminal {
    /// The bytes a terminal of type `termName` receives for each frame, drawn in order with the same code as
    /// `draw`: the first frame is the full paint, later ones cost only their differences. For benchmarks.
    public static func measureOutputBytes(frames: [CellGrid], colorMode: ColorMode,
                                          termName: String = "xterm-256color") throws(TerminalError) -> [Int] {
        try recordOutput(frames: frames, colorMode: colorMode, termName: termName).map(\.count)
    }

    /// What a terminal of type `termName` receives for each frame (see `measureOutputBytes`), each frame at its
    /// own size. Runs curses on a temporary file and a pipe, never on the real terminal.
    public static func recordOutput(frames: [CellGrid], colorMode: ColorMode,
                                    termName: String = "xterm-256color") throws(TerminalError) -> [[UInt8]] {
        guard !frames.isEmpty else { return [] }
        let files = try OffscreenFiles()
        defer { files.close() }
        let terminal = try offscreen(termName: termName, output: files.output, input: files.input, colorMode: colorMode)
        defer { terminal.close() }
        var recorded: [[UInt8]] = []
        for frame in frames {
            if terminal.size != (frame.width, frame.height) {
                terminal.resizeOffscreen(width: frame.width, height: frame.height)
                while let event = terminal.nextEvent(timeoutMilliseconds: 0), event != .interrupted {}
            }
            let start = files.outputSize()
            terminal.draw(frame)
            recorded.append(files.output(from: start))
        }
        return recorded
    }
}

/// A temporary file to receive a curses terminal's output and a pipe to feed its input.
final class OffscreenFiles {
    let output: UnsafeMutablePointer<FILE>
    let input: UnsafeMutablePointer<FILE>
    /// The pipe's write end: bytes written here arrive as typed keys; −1 once closed.
    private var keyboard: Int32

    init() throws(TerminalError) {
        guard let output = tmpfile() else { throw .cannotStart("cannot create a temporary file") }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            fclose(output)
            throw .cannotStart("cannot create a pipe")
        }
        guard let input = fdopen(ends[0], "r") else {
            fclose(output)
            Glibc.close(ends[0])
            Glibc.close(ends[1])
            throw .cannotStart("cannot open the pipe")
        }
        self.output = output
        self.input = input
        keyboard = ends[1]
    }

    func close() {
        fclose(output)
        fclose(input)
        closeKeyboard()
    }

    /// Closes the pipe's write end, as when the terminal hangs up.
    func closeKeyboard() {
        if keyboard >= 0 { Glibc.close(keyboard) }
        keyboard = -1
    }

    /// Bytes written to the output so far (after flushing it).
    func outputSize() -> Int {
        fflush(output)
        var status = stat()
        return fstat(fileno(output), &status) == 0 ? Int(status.st_size) : 0
    }

    /// The output bytes from offset `start` to the end (after flushing it).
    func output(from start: Int) -> [UInt8] {
        let end = outputSize()
        guard end > start else { return [] }
        var bytes = [UInt8](repeating: 0, count: end - start)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(fileno(output), buffer.baseAddress! + done, buffer.count - done, off_t(start + done))
            }
            if count <= 0 { break }
            done += count
        }
        return Array(bytes[..<done])
    }

    /// Sends `text` as if typed.
    func type(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(keyboard, $0.baseAddress, $0.count) }
    }
}

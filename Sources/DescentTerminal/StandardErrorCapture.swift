import Glibc
import Synchronization

/// While curses owns the screen, anything written to stderr (a warning, the Swift runtime's crash message)
/// would land on the alternate screen and be lost. The capture sends fd 2 to an unlinked temporary file and,
/// when curses is done (or the program crashes), points fd 2 back and replays what was written.
/// `finish` uses only async-signal-safe calls, so the crash handler can call it.
enum StandardErrorCapture {
    /// The original stderr, duplicated; −1 while not capturing.
    private static let original = Atomic<Int32>(-1)
    /// The temporary file receiving stderr; −1 while not capturing.
    private static let capture = Atomic<Int32>(-1)

    /// Starts capturing (does nothing if already capturing or if no temporary file can be made).
    static func begin() {
        guard original.load(ordering: .acquiring) < 0 else { return }
        var template = Array("/tmp/descent-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            if saved >= 0 { close(saved) }
            close(file)
            return
        }
        capture.store(file, ordering: .releasing)
        original.store(saved, ordering: .releasing)
    }

    /// Restores stderr and writes to it what was captured. Safe to call repeatedly and from a signal handler.
    static func finish() {
        let saved = original.exchange(-1, ordering: .acquiringAndReleasing)
        guard saved >= 0 else { return }
        let file = capture.exchange(-1, ordering: .acquiringAndReleasing)
        dup2(saved, STDERR_FILENO)
        close(saved)
        guard file >= 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer in
            var offset: off_t = 0
            while true {
                let count = pread(file, buffer.baseAddress, buffer.count, offset)
                if count <= 0 { break }
                var written = 0
                while written < count {
                    let result = write(STDERR_FILENO, buffer.baseAddress! + written, count - written)
                    if result <= 0 { break }
                    written += result
                }
                offset += off_t(count)
            }
        }
        close(file)
    }
}

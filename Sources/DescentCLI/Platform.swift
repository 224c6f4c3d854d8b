#if canImport(Glibc)
import CShims
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DescentCore

/// The few C library calls the commands make, in one place.
enum Platform {
    /// A write to a closed pipe then fails with EPIPE instead of killing the process.
    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Tunes glibc's allocator for a short command that builds a few large arrays (a frame's cells, a
    /// heatmap's samples, a trajectory): blocks up to 32 MB come from the heap instead of a fresh
    /// mapping each, which is unmapped again when freed (two system calls, page faults on every page
    /// and a TLB flush per block); the heap grows 4 MB at a time and keeps what is freed up to 64 MB.
    /// A whole `render` takes about a third less processor time so. (`mallopt` comes from CShims.)
    static func tuneAllocator() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TOP_PAD, 4 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }

    enum WriteResult { case written, brokenPipe, failed }

    /// Writes every byte to the file descriptor, retrying partial and interrupted writes.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> WriteResult {
        guard var address = bytes.baseAddress else { return .written }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, address, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return errno == EPIPE ? .brokenPipe : .failed
            }
            remaining -= written
            address += written
        }
        return .written
    }

    /// Writes one line to standard error, control characters made visible (the one rule every
    /// message goes through).
    static func writeErrorLine(_ line: String) {
        var text = line.withVisibleControlCharacters + "\n"
        text.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: 2) }
    }


    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }

    /// A "Vm…" value of /proc/self/status in bytes (e.g. "VmHWM", the peak resident set), or nil where unavailable.
    static func processMemory(_ key: String) -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix(key + ":") else { continue }
            let digits = text.dropFirst(key.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    /// Resets the peak resident set (VmHWM) to the current one (Linux: "5" to /proc/self/clear_refs).
    static func resetPeakMemory() -> Bool {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        let ok = fputs("5", file) >= 0
        return fclose(file) == 0 && ok
    }
}

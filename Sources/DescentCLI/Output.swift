/// Buffered standard output: text is collected in a byte buffer and written in large chunks.
///
/// A closed pipe (`descent run --format csv | head -1`) ends the process quietly with status 0:
/// the reader has what it wanted.
struct Output: TextOutputStream {
    private var buffer: [UInt8] = []
    private let chunkSize = 1 << 16

    init() { buffer.reserveCapacity(chunkSize + 1024) }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkSize { flush() }
    }

    /// Bytes as they are; a large block is written out at once, not copied into the buffer.
    mutating func write(_ bytes: [UInt8]) {
        guard bytes.count >= chunkSize else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= chunkSize { flush() }
            return
        }
        flush()
        Self.writeOut(bytes)
    }

    /// The shortest text that reads back as the same Double ("0.1", "1e-05", "-2.5"), as `description` spells it.
    mutating func write(_ value: Double) { value.write(to: &self) }

    mutating func write(_ value: Int) { write(String(value)) }

    /// A CSV field: the number in shortest round-trip form, or nothing when it is not finite
    /// (never "nan", "-nan" or "inf").
    mutating func writeField(_ value: Double) { if value.isFinite { write(value) } }

    mutating func line(_ text: String = "") {
        write(text)
        write("\n")
    }

    /// Writes out everything buffered so far.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Self.writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to standard output: a closed pipe ends the program quietly (status 0), another failure with status 74.
    private static func writeOut(_ bytes: [UInt8]) {
        let result = bytes.withUnsafeBytes { Platform.writeAll($0, to: 1) }
        switch result {
        case .written: break
        case .brokenPipe: Platform.exit(0)
        case .failed:
            Platform.writeErrorLine("descent: error: cannot write to standard output")
            Platform.exit(74)
        }
    }
}

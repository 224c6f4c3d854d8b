/// A grid as text for a terminal or a file: plain, or with ANSI colour escapes (SGR 38;5 / 48;5 for palette colours, 38;2 / 48;2 for 24-bit ones).
public enum ANSIText {
    /// The grid with colours and attributes as escape sequences, one line per row, reset at each line end.
    /// Written as UTF-8 bytes into one buffer (an escape only where the style changes).
    public static func encode(_ grid: CellGrid) -> String {
        String(decoding: encodedBytes(grid), as: UTF8.self)
    }

    /// The bytes of `encode(_:)`.
    public static func encodedBytes(_ grid: CellGrid) -> [UInt8] {
        // At most ESC[0;1;2;4;7;38;2;255;255;255;48;2;255;255;255m (45 bytes) and two 4-byte scalars a cell,
        // and ESC[0m with a newline a row: the buffer is sized once and written through a pointer.
        let capacity = grid.width * grid.height * 53 + grid.height * 5
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var writer = ByteWriter(base: buffer.baseAddress!)
            for row in 0..<grid.height {
                var current: Cell? = nil
                for column in 0..<grid.width {
                    let cell = grid[column, row]
                    if current == nil || current!.foreground != cell.foreground || current!.background != cell.background
                        || current!.attributes != cell.attributes {
                        writer.sgr(for: cell)
                        current = cell
                    }
                    writer.utf8(cell.character)
                    if let mark = cell.mark { writer.utf8(mark) }
                }
                writer.bytes(0x1B, 0x5B, 0x30, 0x6D, 0x0A)  // ESC [ 0 m, newline
            }
            count = writer.base.distance(to: writer.next)
            precondition(count <= capacity)
        }
    }

    /// Appends bytes at a pointer into a buffer already sized for them.
    private struct ByteWriter {
        let base: UnsafeMutablePointer<UInt8>
        var next: UnsafeMutablePointer<UInt8>

        init(base: UnsafeMutablePointer<UInt8>) {
            self.base = base
            next = base
        }

        @inline(__always) mutating func byte(_ value: UInt8) {
            next.initialize(to: value)
            next += 1
        }

        @inline(__always) mutating func bytes(_ values: UInt8...) {
            for value in values { byte(value) }
        }

        /// ESC [ 0 ; attributes ; colours m — the same codes as `sgr(for:)`.
        mutating func sgr(for cell: Cell) {
            byte(0x1B); byte(0x5B); byte(0x30)  // ESC [ 0
            if cell.attributes.contains(.bold) { byte(0x3B); byte(0x31) }
            if cell.attributes.contains(.dim) { byte(0x3B); byte(0x32) }
            if cell.attributes.contains(.underline) { byte(0x3B); byte(0x34) }
            if cell.attributes.contains(.reverse) { byte(0x3B); byte(0x37) }
            color(cell.foreground, layer: 0x33)  // 38
            color(cell.background, layer: 0x34)  // 48
            byte(0x6D)  // m
        }

        /// ;38;5;n or ;38;2;r;g;b (`tens` the first digit, 3 or 4), nothing for the terminal's default.
        @inline(__always) mutating func color(_ color: CellColor, layer tens: UInt8) {
            switch color {
            case .terminalDefault: return
            case let .palette(index):
                byte(0x3B); byte(tens); byte(0x38); byte(0x3B); byte(0x35); byte(0x3B)
                decimal(index)
            case let .rgb(r, g, b):
                byte(0x3B); byte(tens); byte(0x38); byte(0x3B); byte(0x32); byte(0x3B)
                decimal(r)
                byte(0x3B)
                decimal(g)
                byte(0x3B)
                decimal(b)
            }
        }

        @inline(__always) mutating func decimal(_ value: UInt8) {
            if value >= 100 { byte(0x30 + value / 100) }
            if value >= 10 { byte(0x30 + (value / 10) % 10) }
            byte(0x30 + value % 10)
        }

        @inline(__always) mutating func utf8(_ scalar: Unicode.Scalar) {
            let v = scalar.value
            switch v {
            case ..<0x80:
                byte(UInt8(v))
            case ..<0x800:
                byte(UInt8(0xC0 | (v >> 6))); byte(UInt8(0x80 | (v & 0x3F)))
            case ..<0x10000:
                byte(UInt8(0xE0 | (v >> 12))); byte(UInt8(0x80 | ((v >> 6) & 0x3F))); byte(UInt8(0x80 | (v & 0x3F)))
            default:
                byte(UInt8(0xF0 | (v >> 18))); byte(UInt8(0x80 | ((v >> 12) & 0x3F)))
                byte(UInt8(0x80 | ((v >> 6) & 0x3F))); byte(UInt8(0x80 | (v & 0x3F)))
            }
        }
    }

    static func sgr(for cell: Cell) -> String {
        var codes = ["0"]
        if cell.attributes.contains(.bold) { codes.append("1") }
        if cell.attributes.contains(.dim) { codes.append("2") }
        if cell.attributes.contains(.underline) { codes.append("4") }
        if cell.attributes.contains(.reverse) { codes.append("7") }
        codes += color(cell.foreground, layer: 38)
        codes += color(cell.background, layer: 48)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR parameters of a colour on `layer` (38 foreground, 48 background): 38;5;n for a palette entry,
    /// 38;2;r;g;b for a 24-bit colour, nothing for the terminal's default.
    static func color(_ color: CellColor, layer: Int) -> [String] {
        switch color {
        case .terminalDefault: return []
        case let .palette(index): return ["\(layer);5;\(index)"]
        case let .rgb(r, g, b): return ["\(layer);2;\(r);\(g);\(b)"]
        }
    }
}

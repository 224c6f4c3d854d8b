import CShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number formats for the panel and status bar; never prints "nan" or "inf" for a finite input.
public enum NumberFormat {
    /// A compact number in at most `digits` significant digits: "0.0123", "1.23e-05", "24.2", "1.5e+06".
    public static func compact(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : (value > 0 ? "∞" : "-∞") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            return trimmed(cFormat("%.\(digits)g", value))
        }
        return cFormat("%.\(max(digits - 1, 0))e", value)
    }

    /// `value` with exactly `decimals` digits after the point: "2.50", "-4".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return compact(value) }
        return cFormat("%.\(max(0, min(decimals, 12)))f", value)
    }

    /// A coordinate pair "(x, y)".
    public static func point(_ x: Double, _ y: Double, digits: Int = 4) -> String {
        "(\(compact(x, digits: digits)), \(compact(y, digits: digits)))"
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var s = text
        while s.last == "0" { s.removeLast() }
        if s.last == "." { s.removeLast() }
        return s
    }

    /// C's formatting of one double (`format` has one conversion, e.g. "%.3g"): correctly rounded.
    public static func cFormat(_ format: String, _ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let count = Int(descent_format_double(buffer.baseAddress!, 64, format, value))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: max(0, min(count, 63))).bindMemory(to: UInt8.self), as: UTF8.self)
        }
    }
}

/// Fitting text into a number of columns without ever showing a cut word or number as if it were whole.
public enum TextFit {
    /// The columns `text` takes: one per scalar, none for a nonspacing (combining) mark.
    public static func columns(_ text: String) -> Int {
        var count = 0
        // Below U+0300 (the combining diacritical marks) no scalar is a mark: no lookup for ASCII and Latin-1.
        for scalar in text.unicodeScalars where scalar.value < 0x300 || scalar.properties.generalCategory != .nonspacingMark { count += 1 }
        return count
    }

    /// `text` itself when it fits in `width` columns, else its first `width − 1` columns and "…".
    public static func fit(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard columns(text) > width else { return text }
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let isMark = scalar.properties.generalCategory == .nonspacingMark
            if !isMark {
                if used == width - 1 { break }
                used += 1
            }
            kept.append(scalar)
        }
        while let last = kept.last, last == " " { kept.removeLast() }
        kept.append("…")
        return String(kept)
    }
}

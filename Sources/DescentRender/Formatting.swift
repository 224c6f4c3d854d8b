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

    static func cFormat(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

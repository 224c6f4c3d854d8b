/// A JSON document as a tree of values, read by `JSONSyntax`, which checks the text strictly, bounds its
/// size and nesting, and says where a mistake is.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number; `whole` is its exact value when it is a whole number that fits 64 bits
    /// (so a seed of 2⁶³ + 1 is not rounded through a Double).
    case number(Double, whole: WholeNumber?)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A whole number read exactly: signed when it fits Int64, else unsigned.
    public enum WholeNumber: Equatable, Sendable {
        case signed(Int64)
        case unsigned(UInt64)
    }

    /// The largest document read (1 MB): a scenario is a few kilobytes.
    public static let maximumBytes = 1 << 20
    /// The deepest nesting of arrays and objects read.
    public static let maximumDepth = 16

    /// Parses a whole document; the error says where it is malformed ("line 3, column 7: expected ',' or '}'").
    public static func parse(_ bytes: [UInt8]) throws(DescentError) -> JSONValue {
        guard bytes.count <= maximumBytes else {
            throw .data("larger than \(maximumBytes / (1 << 20)) MB (\(bytes.count) bytes); not read")
        }
        return try JSONSyntax.read(bytes, maximumDepth: maximumDepth)
    }

    /// The JSON type's name, for messages ("expected a number, found a string").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A strict reader of JSON text (RFC 8259: no trailing commas, no comments, no bare words) that
/// says where the first mistake is and bounds the nesting depth. Numbers are read as the nearest
/// double (a whole number that fits 64 bits also exactly); a number beyond the doubles (1e400) is a
/// mistake; in an object the last of two equal keys counts; an unpaired surrogate escape reads as U+FFFD.
enum JSONSyntax {
    static func read(_ bytes: [UInt8], maximumDepth: Int) throws(DescentError) -> JSONValue {
        var checker = Checker(bytes: bytes, maximumDepth: maximumDepth)
        return try checker.document()
    }

    static func check(_ bytes: [UInt8], maximumDepth: Int) throws(DescentError) {
        _ = try read(bytes, maximumDepth: maximumDepth)
    }

    private struct Checker {
        let bytes: [UInt8]
        let maximumDepth: Int
        var index = 0
        var depth = 0

        init(bytes: [UInt8], maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
            // A UTF-8 byte order mark is allowed before the document.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func document() throws(DescentError) -> JSONValue {
            skipSpace()
            let result = try value()
            skipSpace()
            guard index == bytes.count else { throw failure("unexpected text after the document") }
            return result
        }

        mutating func value() throws(DescentError) -> JSONValue {
            guard index < bytes.count else { throw failure("unexpected end of the document") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try container(close: UInt8(ascii: "}"), isObject: true)
            case UInt8(ascii: "["): return try container(close: UInt8(ascii: "]"), isObject: false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw failure("expected a value")
            }
        }

        mutating func container(close: UInt8, isObject: Bool) throws(DescentError) -> JSONValue {
            depth += 1
            guard depth <= maximumDepth else { throw failure("nested deeper than \(maximumDepth) levels") }
            index += 1
            skipSpace()
            var elements: [JSONValue] = []
            var members: [String: JSONValue] = [:]
            func result() -> JSONValue { isObject ? .object(members) : .array(elements) }
            if index < bytes.count, bytes[index] == close {
                index += 1
                depth -= 1
                return result()
            }
            while true {
                var key = ""
                if isObject {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
                    key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
                    index += 1
                    skipSpace()
                }
                let element = try value()
                if isObject { members[key] = element } else { elements.append(element) }
                skipSpace()
                guard index < bytes.count else { throw failure("unexpected end of the document") }
                if bytes[index] == close {
                    index += 1
                    depth -= 1
                    return result()
                }
                guard bytes[index] == UInt8(ascii: ",") else {
                    throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == close { throw failure("a comma before '\(Character(Unicode.Scalar(close)))'") }
            }
        }

        mutating func string() throws(DescentError) -> String {
            let start = index
            index += 1
            var text = String.UnicodeScalarView()
            // Bytes of unescaped text waiting to be decoded as UTF-8 (decoding a run at once).
            var run: [UInt8] = []
            func flush() {
                if !run.isEmpty { text.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll(keepingCapacity: true) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    flush()
                    return String(text)
                } else if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    flush()
                    switch bytes[index] {
                    case UInt8(ascii: "\""): text.append("\""); index += 1
                    case UInt8(ascii: "\\"): text.append("\\"); index += 1
                    case UInt8(ascii: "/"): text.append("/"); index += 1
                    case UInt8(ascii: "b"): text.append("\u{08}"); index += 1
                    case UInt8(ascii: "f"): text.append("\u{0C}"); index += 1
                    case UInt8(ascii: "n"): text.append("\n"); index += 1
                    case UInt8(ascii: "r"): text.append("\r"); index += 1
                    case UInt8(ascii: "t"): text.append("\t"); index += 1
                    case UInt8(ascii: "u"):
                        let unit = try hexUnit()
                        if (0xD800..<0xDC00).contains(unit), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                           bytes[index + 1] == UInt8(ascii: "u") {
                            index += 1
                            let low = try hexUnit()
                            if (0xDC00..<0xE000).contains(low) {
                                text.append(Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!)
                            } else {
                                text.append("\u{FFFD}")
                                text.append(Unicode.Scalar(low) ?? "\u{FFFD}")
                            }
                        } else {
                            text.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                        }
                    default:
                        throw failure("unknown escape in a string")
                    }
                } else if byte < 0x20 {
                    throw failure("a control character in a string (write it as \\u00XX)")
                } else {
                    run.append(byte)
                    index += 1
                }
            }
            index = start
            throw failure("a string is not closed")
        }

        /// The four hex digits after `\u` (the index at the `u`), as a number; the index moves past them.
        mutating func hexUnit() throws(DescentError) -> UInt32 {
            var unit: UInt32 = 0
            for offset in 1...4 {
                guard index + offset < bytes.count, isHexDigit(bytes[index + offset]) else {
                    throw failure("expected four hex digits after \\u")
                }
                let digit = bytes[index + offset]
                unit = unit * 16 + UInt32(digit <= 0x39 ? digit - 0x30 : (digit | 0x20) - 0x61 + 10)
            }
            index += 5
            return unit
        }

        mutating func number() throws(DescentError) -> JSONValue {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw failure("a number with a leading zero") }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit after '.'") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit in the exponent") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                let end = index
                index = start
                defer { index = end }
                throw failure("a number is out of range (a JSON number must be a finite double)")
            }
            var whole: JSONValue.WholeNumber?
            if let exact = Int64(text) {
                whole = .signed(exact)
            } else if let exact = UInt64(text) {
                whole = .unsigned(exact)
            } else if value == value.rounded(), abs(value) < 0x1p53 {
                whole = .signed(Int64(value))
            }
            return .number(value, whole: whole)
        }

        mutating func word(_ text: StaticString) throws(DescentError) {
            let count = text.utf8CodeUnitCount
            let matches = index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == text.utf8Start[$0] }
            guard matches else { throw failure("expected a value") }
            index += count
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }

        /// "line L, column C: what", counting columns in characters.
        func failure(_ what: String) -> DescentError {
            var line = 1, column = 1
            for byte in bytes[..<min(index, bytes.count)] {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return .data("not valid JSON: line \(line), column \(column): \(what)")
        }
    }
}

/// JSON text for the values descent writes (scenarios, `run --format json`).
public enum JSONText {
    /// A string literal with quotes, backslashes and every control character escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A number that reads back as exactly the same double: whole numbers without a fraction
    /// ("-5", "400"), others in shortest round-trip form ("0.03", "1e-06"); null for NaN and ±∞.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0" }
        return formatNumber(value)
    }
}

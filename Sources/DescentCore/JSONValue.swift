import FoundationEssentials

/// A JSON document as a tree of values, read by FoundationEssentials' JSONDecoder (no ICU) after
/// `JSONSyntax` has checked the text strictly and bounded its size and nesting.
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
        try JSONSyntax.check(bytes, maximumDepth: maximumDepth)
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            // The syntax check passed, so this is a number out of range (e.g. 1e400).
            throw .data("a number is out of range (a JSON number must be a finite double)")
        }
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

extension JSONValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            var whole: WholeNumber?
            if value == value.rounded() {
                if let exact = try? container.decode(Int64.self) {
                    whole = .signed(exact)
                } else if let exact = try? container.decode(UInt64.self) {
                    whole = .unsigned(exact)
                }
            }
            self = .number(value, whole: whole)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

/// A strict check of JSON text (RFC 8259: no trailing commas, no comments, no bare words) that
/// says where the first mistake is, and bounds the nesting depth. It builds nothing: the values
/// are read by JSONDecoder once the text is known to be well-formed.
enum JSONSyntax {
    static func check(_ bytes: [UInt8], maximumDepth: Int) throws(DescentError) {
        var checker = Checker(bytes: bytes, maximumDepth: maximumDepth)
        try checker.document()
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

        mutating func document() throws(DescentError) {
            skipSpace()
            try value()
            skipSpace()
            guard index == bytes.count else { throw failure("unexpected text after the document") }
        }

        mutating func value() throws(DescentError) {
            guard index < bytes.count else { throw failure("unexpected end of the document") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), isObject: true)
            case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), isObject: false)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try word("true")
            case UInt8(ascii: "f"): try word("false")
            case UInt8(ascii: "n"): try word("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw failure("expected a value")
            }
        }

        mutating func container(close: UInt8, isObject: Bool) throws(DescentError) {
            depth += 1
            guard depth <= maximumDepth else { throw failure("nested deeper than \(maximumDepth) levels") }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                depth -= 1
                return
            }
            while true {
                if isObject {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
                    try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
                    index += 1
                    skipSpace()
                }
                try value()
                skipSpace()
                guard index < bytes.count else { throw failure("unexpected end of the document") }
                if bytes[index] == close {
                    index += 1
                    depth -= 1
                    return
                }
                guard bytes[index] == UInt8(ascii: ",") else {
                    throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == close { throw failure("a comma before '\(Character(Unicode.Scalar(close)))'") }
            }
        }

        mutating func string() throws(DescentError) {
            let start = index
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return
                } else if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        for offset in 1...4 {
                            guard index + offset < bytes.count, isHexDigit(bytes[index + offset]) else {
                                throw failure("expected four hex digits after \\u")
                            }
                        }
                        index += 5
                    default:
                        throw failure("unknown escape in a string")
                    }
                } else if byte < 0x20 {
                    throw failure("a control character in a string (write it as \\u00XX)")
                } else {
                    index += 1
                }
            }
            index = start
            throw failure("a string is not closed")
        }

        mutating func number() throws(DescentError) {
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

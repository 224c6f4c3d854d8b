import Testing
@testable import DescentCore

/// The JSON reader: values as RFC 8259 defines them, worked by hand.
@Suite struct JSONReaderTests {
    func read(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test func valuesAndEscapes() throws {
        #expect(try read(#"{"a": [1, -2.5e1, true, false, null], "b": "x\"y\\z\/\n\t\u00e9\ud83d\ude00"}"#) == .object([
            "a": .array([.number(1, whole: .signed(1)), .number(-25, whole: .signed(-25)), .bool(true), .bool(false), .null]),
            "b": .string("x\"y\\z/\n\té😀"),
        ]))
        #expect(try read(#""\ud800x""#) == .string("\u{FFFD}x"), "an unpaired surrogate")
        #expect(try read(#"{"k": 1, "k": 2}"#) == .object(["k": .number(2, whole: .signed(2))]), "the last of equal keys")
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == .array([]), "a byte order mark before the document")
    }

    @Test func wholeNumbersAreExactAndOthersTheNearestDouble() throws {
        #expect(try read("9223372036854775807") == .number(9223372036854775807, whole: .signed(.max)))
        #expect(try read("18446744073709551615") == .number(18446744073709551615, whole: .unsigned(.max)))
        #expect(try read("0.1") == .number(0.1, whole: nil))
        #expect(try read("1e3") == .number(1000, whole: .signed(1000)))
        #expect(try read("-0") == .number(-0.0, whole: .signed(0)))
    }

    @Test(arguments: ["1e400", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "\"abc", "[1] 2", "tru"])
    func mistakesAreRefusedWithTheirPlace(_ text: String) throws {
        #expect(throws: DescentError.self) { _ = try read(text) }
    }
}

/// Everything a person can get wrong in a request, as one-line messages that name the bad part.
public enum DescentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An unknown surface, optimizer, key or choice; `suggestion` is the nearest valid name.
    case unknownName(kind: String, name: String, suggestion: String?, choices: [String])
    /// Text that should have been a number (or another typed value) and is not.
    case malformedValue(what: String, text: String, expected: String)
    /// A number that is well-formed but outside what the parameter accepts.
    case invalidValue(what: String, value: String, requirement: String)
    /// Any other malformed request.
    case invalid(String)
    /// A file whose contents are malformed (a scenario, a data file): the message names the JSON path or the place.
    case data(String)
    /// A formula that cannot be read, given as `what` (e.g. "--expr"); shown with a caret under the bad part.
    case formula(what: String, FormulaError)

    public var description: String {
        switch self {
        case let .unknownName(kind, name, suggestion, choices):
            var text = "unknown \(kind) '\(name)'"
            if let suggestion { text += " (did you mean '\(suggestion)'?)" }
            if !choices.isEmpty { text += "; choose one of: " + choices.joined(separator: ", ") }
            return text
        case let .malformedValue(what, text, expected):
            return "\(what): '\(text)' is not \(expected)"
        case let .invalidValue(what, value, requirement):
            return "\(what): \(value) is not allowed (\(requirement))"
        case let .invalid(message), let .data(message):
            return message
        case let .formula(what, error):
            return "\(what): \(error.message)"
        }
    }
}

/// The name in `candidates` closest to `name` by edit distance, if it is close enough to be a likely typo.
public func nearestName(to name: String, in candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let d = editDistance(target, Array(candidate.lowercased()))
        if best == nil || d < best!.distance { best = (candidate, d) }
    }
    guard let best else { return nil }
    let limit = max(2, target.count / 3)
    let isPrefix = !target.isEmpty && best.name.lowercased().hasPrefix(String(target))
    return best.distance <= limit || isPrefix ? best.name : nil
}

/// Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Parses a finite decimal number, as a person types it ("0.01", "1e-3", "-2").
/// Rejects hexadecimal, "nan", "inf" and anything with other characters.
public func parseFiniteNumber(_ text: String, what: String) throws(DescentError) -> Double {
    let trimmed = text.trimmingSpaces
    let allowed = Set("0123456789+-.eE")
    guard !trimmed.isEmpty, trimmed.allSatisfy({ allowed.contains($0) }), let value = Double(trimmed), value.isFinite else {
        throw .malformedValue(what: what, text: text, expected: "a finite number")
    }
    return value
}

/// Parses "X,Y" into a point with finite coordinates.
public func parsePoint(_ text: String, what: String) throws(DescentError) -> Vector2 {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
        throw .malformedValue(what: what, text: text, expected: "a point X,Y (e.g. -1.2,1)")
    }
    let x = try parseFiniteNumber(String(parts[0]), what: "\(what) x")
    let y = try parseFiniteNumber(String(parts[1]), what: "\(what) y")
    return Vector2(x, y)
}

/// Parses "X0,X1,Y0,Y1" into a view with finite bounds, X0 < X1 and Y0 < Y1.
public func parseView(_ text: String, what: String) throws(DescentError) -> ViewRect {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 4 else {
        throw .malformedValue(what: what, text: text, expected: "a rectangle X0,X1,Y0,Y1 (e.g. -2,2,-1,3)")
    }
    let names = ["x0", "x1", "y0", "y1"]
    var bounds: [Double] = []
    for (part, name) in zip(parts, names) { bounds.append(try parseFiniteNumber(String(part), what: "\(what) \(name)")) }
    guard bounds[0] < bounds[1], bounds[2] < bounds[3] else {
        throw .invalidValue(what: what, value: text.trimmingSpaces, requirement: "needs x0 < x1 and y0 < y1")
    }
    return ViewRect(minX: bounds[0], maxX: bounds[1], minY: bounds[2], maxY: bounds[3])
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

extension StringProtocol {
    /// The text with every control character made visible, so no input can send an escape sequence
    /// to a terminal: ESC as `\e`, other C0 characters, DEL and the C1 range as `\u{…}`, and a
    /// backslash as itself. Tab becomes `\t` and line breaks `\n` / `\r`, so a message stays one line.
    public var withVisibleControlCharacters: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x1B: result += "\\e"
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x00..<0x20, 0x7F..<0xA0:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text with every control character (C0, DEL, C1) removed: for text from a file that is
    /// drawn on the screen (a title, a note, a label).
    public var withoutControlCharacters: String {
        var result = ""
        for scalar in unicodeScalars where !(scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)) {
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

import DescentCore

/// A JSON Schema (draft 2020-12) validator for the keywords the scenario schema uses, written for
/// the tests from the specification (an independent check of the reader). A keyword it does not
/// know is itself a problem, so the schema cannot silently use more than is checked.
struct SchemaValidator {
    let root: JSONValue

    static let annotations: Set<String> = ["$schema", "title", "description", "default", "$defs"]

    func problems(of value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: root, path: "", into: &found)
        return found
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard case let .object(fields) = node, let next = fields[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, against schema: JSONValue, path: String, into found: inout [String]) {
        guard case let .object(keywords) = schema else {
            found.append("\(path): schema is not an object")
            return
        }
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case _ where Self.annotations.contains(keyword):
                continue
            case "$ref":
                guard case let .string(reference) = argument, let target = resolve(reference) else {
                    found.append("\(path): bad $ref")
                    continue
                }
                check(value, against: target, path: path, into: &found)
            case "type":
                guard case let .string(type) = argument else { found.append("bad type"); continue }
                if !Self.has(value, type: type) { found.append("\(path): not \(type)") }
            case "const":
                if !Self.equal(value, argument) { found.append("\(path): not the constant") }
            case "enum":
                guard case let .array(options) = argument else { continue }
                if !options.contains(where: { Self.equal(value, $0) }) { found.append("\(path): not in enum") }
            case "properties":
                guard case let .object(fields) = value, case let .object(properties) = argument else { continue }
                for (name, subschema) in properties {
                    if let field = fields[name] { check(field, against: subschema, path: path + "." + name, into: &found) }
                }
            case "required":
                guard case let .object(fields) = value, case let .array(names) = argument else { continue }
                for case let .string(name) in names where fields[name] == nil { found.append("\(path): missing \(name)") }
            case "additionalProperties":
                guard case let .object(fields) = value, case .bool(false) = argument else { continue }
                guard case let .object(properties)? = keywords["properties"] else { continue }
                for name in fields.keys where properties[name] == nil { found.append("\(path).\(name): not allowed") }
            case "minProperties":
                guard case let .object(fields) = value, let minimum = Self.number(argument) else { continue }
                if Double(fields.count) < minimum { found.append("\(path): too few properties") }
            case "items":
                guard case let .array(items) = value else { continue }
                let skip: Int
                if case let .array(prefix)? = keywords["prefixItems"] { skip = prefix.count } else { skip = 0 }
                for (index, item) in items.enumerated() where index >= skip {
                    check(item, against: argument, path: "\(path)[\(index)]", into: &found)
                }
            case "prefixItems":
                guard case let .array(items) = value, case let .array(schemas) = argument else { continue }
                for (index, pair) in zip(items, schemas).enumerated() {
                    check(pair.0, against: pair.1, path: "\(path)[\(index)]", into: &found)
                }
            case "minItems", "maxItems":
                guard case let .array(items) = value, let bound = Self.number(argument) else { continue }
                if keyword == "minItems" ? Double(items.count) < bound : Double(items.count) > bound {
                    found.append("\(path): \(keyword)")
                }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard let number = Self.number(value), let bound = Self.number(argument) else { continue }
                let ok: Bool
                switch keyword {
                case "minimum": ok = number >= bound
                case "maximum": ok = number <= bound
                case "exclusiveMinimum": ok = number > bound
                default: ok = number < bound
                }
                if !ok { found.append("\(path): \(keyword) \(bound)") }
            case "maxLength":
                guard case let .string(text) = value, let bound = Self.number(argument) else { continue }
                if Double(text.unicodeScalars.count) > bound { found.append("\(path): too long") }
            case "oneOf":
                guard case let .array(schemas) = argument else { continue }
                let matching = schemas.filter { subschema in
                    var inner: [String] = []
                    check(value, against: subschema, path: path, into: &inner)
                    return inner.isEmpty
                }.count
                if matching != 1 { found.append("\(path): matches \(matching) of oneOf") }
            default:
                found.append("\(path): the validator does not know the keyword \(keyword)")
            }
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        if case let .number(number, _) = value { return number }
        return nil
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number):
            return true
        case let ("integer", .number(number, _)):
            return number == number.rounded()
        default:
            return false
        }
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.number(x, _), .number(y, _)): return x == y
        default: return a == b
        }
    }
}

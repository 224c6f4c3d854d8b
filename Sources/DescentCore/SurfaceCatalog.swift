/// Every built-in surface, in the order they are listed. A new surface is one file plus its line in
/// `entries` (and, for a surface with its formula in Swift, in `open`).
public enum SurfaceCatalog {
    /// Hands `surface` to `consumer` as its own type when it is a built-in surface with its formula in
    /// Swift, so that the generic consumer is specialized for it (the step loop's plain steps compute f
    /// and ∇f in line); false, with nothing done, for any other surface. A test checks that every such
    /// surface in `entries` is here. The type is told by its metadata, not found by casting in turn: the
    /// step loop asks once for every stretch of plain steps, which can be every other step.
    static func open<C: ObjectiveConsumer>(_ surface: any Surface, _ consumer: inout C) -> Bool {
        switch ObjectIdentifier(type(of: surface)) {
        case ObjectIdentifier(Bowl.self): consumer.consume(value(of: surface, as: Bowl.self))
        case ObjectIdentifier(Ravine.self): consumer.consume(value(of: surface, as: Ravine.self))
        case ObjectIdentifier(Wells.self): consumer.consume(value(of: surface, as: Wells.self))
        case ObjectIdentifier(Plateau.self): consumer.consume(value(of: surface, as: Plateau.self))
        case ObjectIdentifier(SaddleSurface.self): consumer.consume(value(of: surface, as: SaddleSurface.self))
        case ObjectIdentifier(Rosenbrock.self): consumer.consume(value(of: surface, as: Rosenbrock.self))
        case ObjectIdentifier(Himmelblau.self): consumer.consume(value(of: surface, as: Himmelblau.self))
        case ObjectIdentifier(Beale.self): consumer.consume(value(of: surface, as: Beale.self))
        case ObjectIdentifier(Booth.self): consumer.consume(value(of: surface, as: Booth.self))
        case ObjectIdentifier(SixHumpCamel.self): consumer.consume(value(of: surface, as: SixHumpCamel.self))
        case ObjectIdentifier(Rastrigin.self): consumer.consume(value(of: surface, as: Rastrigin.self))
        default: return false
        }
        return true
    }

    /// The value of `surface`, whose type the caller found to be T.
    private static func value<S: Surface, T>(of surface: S, as _: T.Type) -> T { unsafeBitCast(surface, to: T.self) }

    /// Each surface's name (its `name`, which a test checks) and how to make it: a lookup by name makes
    /// only that surface, not every one (the data surfaces read their examples when made).
    static let entries: [(name: String, make: @Sendable () -> any Surface)] = [
        ("bowl", { Bowl() }),
        ("ravine", { Ravine() }),
        ("wells", { Wells() }),
        ("plateau", { Plateau() }),
        ("saddle", { SaddleSurface() }),
        ("rosenbrock", { Rosenbrock() }),
        ("himmelblau", { Himmelblau() }),
        ("beale", { Beale() }),
        ("booth", { Booth() }),
        ("camel", { SixHumpCamel() }),
        ("rastrigin", { Rastrigin() }),
        ("linreg", { try! DataSurface(model: .linearRegression) }),
        ("logreg", { try! DataSurface(model: .logisticRegression) }),
    ]

    public static let all: [any Surface] = entries.map { $0.make() }

    public static var names: [String] { entries.map(\.name) }

    /// The surface with this name, or nil.
    public static func named(_ name: String) -> (any Surface)? {
        let wanted = name.lowercased()
        return entries.first { $0.name == wanted }?.make()
    }

    /// The surface with this name, or an error that suggests the nearest name.
    public static func surface(named name: String) throws(DescentError) -> any Surface {
        if let surface = named(name) { return surface }
        throw .unknownName(kind: "surface", name: name, suggestion: nearestName(to: name, in: names), choices: names)
    }

    /// The surface a SPEC names: a name, or a data surface's name with settings, e.g.
    /// `linreg:normalize=true`, `logreg:loss=mse,validation=0.25` (keys: normalize, loss, validation);
    /// `data` replaces a data surface's built-in examples.
    public static func surface(spec text: String, data: DataSet? = nil) throws(DescentError) -> any Surface {
        let trimmed = text.trimmingSpaces
        let nameEnd = trimmed.firstIndex(of: ":") ?? trimmed.endIndex
        let name = String(trimmed[..<nameEnd]).trimmingSpaces.lowercased()
        guard let model = DataSurface.Model(rawValue: name) else {
            let surface = try surface(named: name)
            guard nameEnd == trimmed.endIndex else {
                throw .invalid("surface \(name) takes no settings (only \(DataSurface.Model.allCases.map(\.rawValue).joined(separator: " and ")) do)")
            }
            guard data == nil else {
                throw .invalid("--data needs a data surface (linreg or logreg), not \(name)")
            }
            return surface
        }
        var loss: DataSurface.Loss?, normalize = false, validation = 0.0
        var given: Set<String> = []
        if nameEnd < trimmed.endIndex {
            for item in trimmed[trimmed.index(after: nameEnd)...].split(separator: ",", omittingEmptySubsequences: false) {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(pair[0]).trimmingSpaces.lowercased()
                guard pair.count == 2, !key.isEmpty else {
                    throw .invalid("\(name): '\(item.trimmingSpaces)' is not key=value (in surface '\(text)')")
                }
                guard given.insert(key).inserted else { throw .invalid("\(name): key '\(key)' is given twice") }
                let value = String(pair[1]).trimmingSpaces
                switch key {
                case "normalize":
                    switch value.lowercased() {
                    case "true", "1", "yes", "on": normalize = true
                    case "false", "0", "no", "off": normalize = false
                    default: throw .malformedValue(what: "\(name) normalize", text: value, expected: "true or false")
                    }
                case "loss":
                    let choices = DataSurface.Loss.allCases.map(\.rawValue)
                    guard let chosen = DataSurface.Loss(rawValue: value.lowercased()) else {
                        throw .unknownName(kind: "loss for \(name)", name: value, suggestion: nearestName(to: value, in: choices), choices: choices)
                    }
                    loss = chosen
                case "validation":
                    validation = try parseFiniteNumber(value, what: "\(name) validation")
                default:
                    let keys = ["normalize", "loss", "validation"]
                    throw .unknownName(kind: "key for \(name)", name: key, suggestion: nearestName(to: key, in: keys), choices: keys)
                }
            }
        }
        return try DataSurface(model: model, loss: loss, normalize: normalize, validation: validation, data: data)
    }
}

extension Scenario {
    /// The keys of a scenario object, in the order the format lists them.
    static let topKeys = ["version", "title", "notes", "surface", "view", "start", "seed", "speed", "steps", "stop", "optimizers", "events"]
    static let stopKeys = ["grad_tol", "patience", "min_delta"]
    static let eventKeys = ["step", "optimizer", "set", "note", "pause"]
    /// The keys of an optimizer object besides its SPEC keys.
    static let optimizerOwnKeys = ["name", "label", "start"]
    /// The longest text field read (title, notes, labels, note events), in characters.
    public static let maximumTextLength = 4000
    /// The most optimizers and events a scenario may hold.
    public static let maximumOptimizers = 16
    public static let maximumEvents = 10_000

    /// The "surface" field: a built-in surface's name, or `{"expr": "FORMULA", "view": {"x": [..], "y": [..]}}`.
    static func readSurface(_ field: Reading) throws(DescentError) -> any Surface {
        if case let .object(fields) = field.value, fields["model"] != nil {
            return try readDataSurface(field)
        }
        if case .object = field.value {
            let object = try ObjectReader(field, keys: ["expr", "view"])
            guard object.has("expr") else { throw .data("surface: missing 'expr' (a formula of x and y)") }
            let expr = try object.required("expr").string()
            var view: ViewRect?
            if let reading = try object.optional("view") { view = try readView(reading) }
            do {
                return try FormulaSurface(expr, view: view)
            } catch {
                throw .data("surface.expr: \(error.message) in '\(expr.withVisibleControlCharacters)'")
            }
        }
        let surfaceName = try field.string()
        guard let surface = SurfaceCatalog.named(surfaceName) else {
            let names = SurfaceCatalog.names
            let suggestion = nearestName(to: surfaceName, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw .data("surface: unknown surface '\(surfaceName.withVisibleControlCharacters)'\(suggestion); choose one of: \(names.joined(separator: ", "))")
        }
        return surface
    }

    /// `{"model": "linreg"|"logreg", "loss": "mse"|"bce", "normalize": bool, "validation": fraction,
    /// "data": [[x, y], ...]}`, every key but the model optional (the data defaults to the model's own).
    static func readDataSurface(_ field: Reading) throws(DescentError) -> DataSurface {
        let object = try ObjectReader(field, keys: ["model", "loss", "normalize", "validation", "data"])
        let modelReading = try object.required("model")
        let modelName = try modelReading.string()
        guard let model = DataSurface.Model(rawValue: modelName) else {
            let names = DataSurface.Model.allCases.map(\.rawValue)
            throw .data("\(modelReading.path): unknown model '\(modelName.withVisibleControlCharacters)'; choose one of: \(names.joined(separator: ", "))")
        }
        var loss: DataSurface.Loss?
        if let reading = try object.optional("loss") {
            let name = try reading.string()
            guard let chosen = DataSurface.Loss(rawValue: name) else {
                throw .data("\(reading.path): unknown loss '\(name.withVisibleControlCharacters)'; choose one of: mse, bce")
            }
            loss = chosen
        }
        var normalize = false
        if let reading = try object.optional("normalize") {
            guard case let .bool(flag) = reading.value else { throw reading.mismatch("true or false") }
            normalize = flag
        }
        let validation = try object.optional("validation")?.real(.unitInterval) ?? 0
        var data: DataSet?
        if let reading = try object.optional("data") {
            let rows = try reading.array(minimum: DataSet.minimumCount, maximum: DataSet.maximumCount)
            var xs: [Double] = [], ys: [Double] = []
            for row in rows {
                let pair = try row.point()
                if model == .logisticRegression && pair.y != 0 && pair.y != 1 {
                    throw .data("\(row.path)[1]: a label must be 0 or 1")
                }
                xs.append(pair.x); ys.append(pair.y)
            }
            guard xs.contains(where: { $0 != xs[0] }) else { throw .data("\(reading.path): every x is the same; the feature must vary") }
            data = DataSet(source: "the scenario's data", xs: xs, ys: ys)
        }
        do {
            return try DataSurface(model: model, loss: loss, normalize: normalize, validation: validation, data: data)
        } catch {
            throw .data("\(field.path): \(error.description)")
        }
    }

    static func readView(_ reading: Reading) throws(DescentError) -> ViewRect {
        let object = try ObjectReader(reading, keys: ["x", "y"])
        let x = try object.required("x").interval()
        let y = try object.required("y").interval()
        return ViewRect(minX: x.lowerBound, maxX: x.upperBound, minY: y.lowerBound, maxY: y.upperBound)
    }

    /// Reads a scenario from the bytes of a JSON document. Every error is one line naming the JSON
    /// path of the bad part, e.g. `optimizers[1].lr: must be > 0`.
    public init(json bytes: [UInt8]) throws(DescentError) {
        try self.init(json: JSONValue.parse(bytes))
    }

    public init(json document: JSONValue) throws(DescentError) {
        let top = try ObjectReader(document, path: "", keys: Self.topKeys)
        let version = try top.required("version").integer(in: 0...Int.max)
        guard version == Self.version else {
            throw .data("version \(version) is not supported (this descent reads version \(Self.version))")
        }
        let surface = try Self.readSurface(top.required("surface"))
        let optimizerList = try top.required("optimizers").array(minimum: 1, maximum: Self.maximumOptimizers)
        let optimizers = try optimizerList.map { item throws(DescentError) in try Self.readOptimizer(item) }
        for (index, optimizer) in optimizers.enumerated() {
            do { try optimizer.spec.check(fits: surface) } catch { throw .data("optimizers[\(index)].batch: \(error.description)") }
        }
        self.init(surface: surface, optimizers: optimizers)
        title = try top.optional("title")?.text()
        notes = try top.optional("notes")?.text()
        if let view = try top.optional("view") { self.view = try Self.readView(view) }
        start = try top.optional("start")?.point()
        if let seed = try top.optional("seed") { self.seed = try seed.unsignedInteger() }
        speed = try top.optional("speed")?.integer(in: Self.speedRange)
        steps = try top.optional("steps")?.integer(in: 0...1_000_000_000_000)
        if let stop = try top.optional("stop") {
            let object = try ObjectReader(stop, keys: Self.stopKeys)
            gradientTolerance = try object.optional("grad_tol")?.real(.nonNegative)
            patience = try object.optional("patience")?.integer(in: 0...Int.max)
            minDelta = try object.optional("min_delta")?.real(.nonNegative)
        }
        if let list = try top.optional("events")?.array(minimum: 0, maximum: Self.maximumEvents) {
            var events: [TimedEvent] = []
            var running = optimizers.map(\.spec)
            for item in list {
                let read = try Self.readEvent(item, optimizers: optimizers, running: &running)
                if let last = events.last, let event = read.first, event.step < last.step {
                    throw .data("\(item.path).step: \(event.step) comes before the step of the event above it (\(last.step)); events are sorted by step")
                }
                events += read
            }
            self.events = events
        }
    }

    private static func readOptimizer(_ item: Reading) throws(DescentError) -> ScenarioOptimizer {
        guard case let .object(fields) = item.value else { throw item.mismatch("an object") }
        let nameValue = try item.field("name", in: fields)
        let name = try nameValue.string()
        let descriptor: OptimizerDescriptor
        do { descriptor = try OptimizerCatalog.descriptor(named: name) } catch {
            let suggestion = nearestName(to: name, in: OptimizerCatalog.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw .data("\(nameValue.path): unknown optimizer '\(name.withVisibleControlCharacters)'\(suggestion)")
        }
        let parameters = descriptor.allParameters
        let object = try ObjectReader(item, keys: optimizerOwnKeys + parameters.map(\.name))
        var pairs: [String] = []
        for parameter in parameters {
            guard let value = try object.optional(parameter.name) else { continue }
            pairs.append("\(parameter.name)=\(try value.parameterText(parameter))")
        }
        let spec: OptimizerSpec
        do {
            spec = try OptimizerSpec(parsing: pairs.isEmpty ? descriptor.name : descriptor.name + ":" + pairs.joined(separator: ","))
        } catch {
            // Each value was checked above, so what is left is a relation between them (e.g. c1 < c2).
            let message = error.description.hasPrefix(descriptor.name + ": ") ? String(error.description.dropFirst(descriptor.name.count + 2)) : error.description
            throw .data("\(item.path): \(message)")
        }
        return ScenarioOptimizer(spec: spec, label: try object.optional("label")?.text(), start: try object.optional("start")?.point())
    }

    /// The events of one item (a `set` of several keys is one event a key). `running` holds each
    /// optimizer's spec as the events so far leave it, to check relations between its keys.
    private static func readEvent(_ item: Reading, optimizers: [ScenarioOptimizer], running: inout [OptimizerSpec]) throws(DescentError) -> [TimedEvent] {
        let object = try ObjectReader(item, keys: eventKeys)
        let step = try object.required("step").integer(in: 0...1_000_000_000_000)
        let kinds = ["set", "note", "pause"].filter { object.has($0) }
        guard kinds.count == 1 else {
            throw .data("\(item.path): an event holds exactly one of 'set', 'note' or 'pause'" + (kinds.isEmpty ? "" : " (this one has \(kinds.joined(separator: " and ")))"))
        }
        let target = try object.optional("optimizer")
        switch kinds[0] {
        case "set":
            guard let target else { throw .data("\(item.path): a 'set' event needs 'optimizer' (the index of the optimizer it changes)") }
            let index = try target.integer(in: 0...Int.max, outOfRange: "is out of range (\(optimizers.count) optimizer\(optimizers.count == 1 ? "" : "s"))")
            guard index < optimizers.count else {
                throw .data("\(target.path): \(index) is out of range (\(optimizers.count) optimizer\(optimizers.count == 1 ? "" : "s"))")
            }
            let descriptor = optimizers[index].spec.descriptor
            let allowed = descriptor.keysSettableDuringRun
            let setValue = try object.required("set")
            if case let .object(fields) = setValue.value {
                for key in fields.keys.sorted() where !allowed.contains(key) {
                    let place = setValue.path + "." + key.withVisibleControlCharacters
                    if key == "lr" { throw .data("\(place): \(descriptor.name) has no learning rate") }
                    if descriptor.allParameters.contains(where: { $0.name == key }) {
                        throw .data("\(place): \(descriptor.name)'s \(key) cannot change during a run (it may set: \(allowed.joined(separator: ", ")))")
                    }
                }
            }
            let set = try ObjectReader(setValue, keys: allowed)
            var events: [TimedEvent] = []
            for key in allowed {
                guard let reading = try set.optional(key) else { continue }
                if key == "lr" {
                    events.append(TimedEvent(step: step, .setLearningRate(racer: index, try reading.real(.positive))))
                    continue
                }
                guard let parameter = descriptor.allParameters.first(where: { $0.name == key }) else { continue }
                let text = try reading.parameterText(parameter)
                do {
                    running[index] = try running[index].setting(key, to: text)
                } catch {
                    let message = error.description.hasPrefix(descriptor.name + ": ") ? String(error.description.dropFirst(descriptor.name.count + 2)) : error.description
                    throw .data("\(reading.path): \(message)")
                }
                events.append(TimedEvent(step: step, .setParameter(racer: index, key: key, text: text)))
            }
            guard !events.isEmpty else {
                throw .data("\(set.path): names no key to change (it may set: \(allowed.joined(separator: ", ")))")
            }
            return events
        case "note":
            if let target { throw .data("\(target.path): only a 'set' event names an optimizer") }
            return [TimedEvent(step: step, .note(try object.required("note").text()))]
        default:
            if let target { throw .data("\(target.path): only a 'set' event names an optimizer") }
            let pause = try object.required("pause")
            guard case .bool(true) = pause.value else { throw .data("\(pause.path): must be true") }
            return [TimedEvent(step: step, .pause)]
        }
    }
}

/// A JSON value with its path in the document ("optimizers[1].lr"), and typed readers whose
/// errors name that path.
struct Reading {
    let value: JSONValue
    let path: String

    func mismatch(_ expected: String) -> DescentError {
        .data("\(path.isEmpty ? "the document" : path): expected \(expected), found \(value.typeName)")
    }

    func field(_ key: String, in fields: [String: JSONValue]) throws(DescentError) -> Reading {
        guard let value = fields[key] else { throw .data("\(path.isEmpty ? "" : path + ": ")missing '\(key)'") }
        return Reading(value: value, path: path.isEmpty ? key : path + "." + key)
    }

    func string() throws(DescentError) -> String {
        guard case let .string(text) = value else { throw mismatch("a string") }
        return text
    }

    /// A string shown to a person: control characters removed, length bounded.
    func text() throws(DescentError) -> String {
        let text = try string()
        guard text.count <= Scenario.maximumTextLength else {
            throw .data("\(path): longer than \(Scenario.maximumTextLength) characters")
        }
        return text.withoutControlCharacters
    }

    func number() throws(DescentError) -> Double {
        guard case let .number(number, _) = value else { throw mismatch("a number") }
        return number
    }

    func real(_ requirement: ParameterSpec.Requirement) throws(DescentError) -> Double {
        let number = try number()
        guard requirement.admits(number) else { throw .data("\(path): \(requirement.text)") }
        return number
    }

    func integer(in range: ClosedRange<Int>, outOfRange: String? = nil) throws(DescentError) -> Int {
        guard case let .number(number, whole) = value else { throw mismatch("a whole number") }
        guard case let .signed(exact)? = whole else {
            if case .unsigned = whole { throw .data("\(path): \(formatNumber(number)) is too large") }
            throw .data("\(path): \(formatNumber(number)) is not a whole number")
        }
        guard exact >= Int64(range.lowerBound), exact <= Int64(range.upperBound) else {
            if let outOfRange { throw .data("\(path): \(exact) \(outOfRange)") }
            if range.upperBound == Int.max { throw .data("\(path): must be ≥ \(range.lowerBound)") }
            throw .data("\(path): \(exact) is not in \(range.lowerBound)...\(range.upperBound)")
        }
        return Int(exact)
    }

    func unsignedInteger() throws(DescentError) -> UInt64 {
        guard case let .number(number, whole) = value else { throw mismatch("a whole number") }
        switch whole {
        case let .signed(exact)?:
            guard exact >= 0 else { throw .data("\(path): must be ≥ 0") }
            return UInt64(exact)
        case let .unsigned(exact)?:
            return exact
        case nil:
            throw .data("\(path): \(formatNumber(number)) is not a whole number")
        }
    }

    func array(minimum: Int, maximum: Int) throws(DescentError) -> [Reading] {
        guard case let .array(items) = value else { throw mismatch("an array") }
        guard items.count >= minimum else { throw .data("\(path): needs at least \(minimum) item\(minimum == 1 ? "" : "s")") }
        guard items.count <= maximum else { throw .data("\(path): at most \(maximum) items (found \(items.count))") }
        return items.enumerated().map { Reading(value: $0.element, path: "\(path)[\($0.offset)]") }
    }

    /// [x, y], both finite.
    func point() throws(DescentError) -> Vector2 {
        let items = try array(minimum: 2, maximum: 2)
        return Vector2(try items[0].number(), try items[1].number())
    }

    /// [low, high] with low < high.
    func interval() throws(DescentError) -> ClosedRange<Double> {
        let items = try array(minimum: 2, maximum: 2)
        let low = try items[0].number(), high = try items[1].number()
        guard low < high else { throw .data("\(path): the first bound must be below the second") }
        return low...high
    }

    /// The value of an optimizer parameter as SPEC text, after checking it against the parameter.
    func parameterText(_ parameter: ParameterSpec) throws(DescentError) -> String {
        switch parameter.kind {
        case let .real(_, requirement):
            return try real(requirement).description
        case let .integer(_, minimum, maximum):
            return String(try integer(in: minimum...maximum))
        case .flag:
            guard case let .bool(flag) = value else { throw mismatch("true or false") }
            return String(flag)
        case let .choice(_, options):
            let text = try string()
            guard options.contains(text) else {
                let suggestion = nearestName(to: text, in: options).map { " (did you mean '\($0)'?)" } ?? ""
                throw .data("\(path): unknown value '\(text.withVisibleControlCharacters)'\(suggestion); choose one of: \(options.joined(separator: ", "))")
            }
            return text
        }
    }
}

/// An object whose keys are checked against the ones allowed, with the nearest key suggested for a typo.
struct ObjectReader {
    let fields: [String: JSONValue]
    let path: String

    init(_ reading: Reading, keys: [String]) throws(DescentError) {
        guard case let .object(fields) = reading.value else { throw reading.mismatch("an object") }
        for key in fields.keys.sorted() where !keys.contains(key) {
            let place = reading.path.isEmpty ? key.withVisibleControlCharacters : reading.path + "." + key.withVisibleControlCharacters
            let suggestion = nearestName(to: key, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
            throw .data("\(place): unknown key\(suggestion)")
        }
        self.fields = fields
        path = reading.path
    }

    init(_ value: JSONValue, path: String, keys: [String]) throws(DescentError) {
        try self.init(Reading(value: value, path: path), keys: keys)
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    func optional(_ key: String) throws(DescentError) -> Reading? {
        fields[key].map { Reading(value: $0, path: path.isEmpty ? key : path + "." + key) }
    }

    func required(_ key: String) throws(DescentError) -> Reading {
        guard let reading = try optional(key) else { throw .data("\(path.isEmpty ? "" : path + ": ")missing '\(key)'") }
        return reading
    }
}

extension Scenario {
    /// The JSON Schema (draft 2020-12) of format version 1, made from the catalogs, so it names every
    /// surface, optimizer and SPEC key there is. scenarios/scenario.schema.json is this text.
    ///
    /// It describes what the reader accepts, except for what JSON Schema cannot say: a view's first
    /// bound below its second, an event's optimizer index below the number of optimizers, events in
    /// step order, a `set` event only with keys the optimizer it names may change, and relations between
    /// one optimizer's keys (cg and bfgs: c1 < c2). The reader checks those too.
    public static var schemaText: String {
        let point = SchemaNode.object([
            ("type", .string("array")), ("prefixItems", .array([.object([("type", .string("number"))]), .object([("type", .string("number"))])])),
            ("minItems", .integer(2)), ("maxItems", .integer(2)),
        ])
        let text = SchemaNode.object([("type", .string("string")), ("maxLength", .integer(maximumTextLength))])
        var defs: [(String, SchemaNode)] = [
            ("point", point.adding(("description", .string("[x, y]")))),
            ("interval", point.adding(("description", .string("[low, high], low < high")))),
            ("text", text.adding(("description", .string("Shown with control characters removed.")))),
        ]
        let optimizerDefs = OptimizerCatalog.all.map { descriptor in
            var properties: [(String, SchemaNode)] = [
                ("name", .object([("const", .string(descriptor.name))])),
                ("label", .ref("text")),
                ("start", .ref("point")),
            ]
            for parameter in descriptor.allParameters {
                properties.append((parameter.name, parameterSchema(parameter)))
            }
            return ("optimizer-" + descriptor.name, SchemaNode.object([
                ("description", .string(descriptor.rule)), ("type", .string("object")), ("required", .array([.string("name")])),
                ("properties", .object(properties)), ("additionalProperties", .bool(false)),
            ]))
        }
        defs.append(("optimizer", .object([
            ("description", .string("An optimizer: name, optional label and start, and any of its SPEC keys (descent list optimizers).")),
            ("oneOf", .array(optimizerDefs.map { .ref($0.0) })),
        ])))
        defs += optimizerDefs
        let step = SchemaNode.object([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(1_000_000_000_000))])
        func event(_ description: String, _ key: String, _ value: SchemaNode, optimizer: Bool) -> SchemaNode {
            var properties: [(String, SchemaNode)] = [("step", step)]
            if optimizer { properties.append(("optimizer", .object([("type", .string("integer")), ("minimum", .integer(0))]))) }
            properties.append((key, value))
            return .object([
                ("description", .string(description)), ("type", .string("object")),
                ("required", .array((optimizer ? ["step", "optimizer", key] : ["step", key]).map { .string($0) })),
                ("properties", .object(properties)), ("additionalProperties", .bool(false)),
            ])
        }
        defs.append(("event", .object([
            ("description", .string("An event at step k takes effect after k steps, before step k + 1.")),
            ("oneOf", .array([
                event("Changes keys of optimizer number `optimizer` (from 0) from the next step on: lr, or a key of its that may change during a run.", "set", .object([
                    ("type", .string("object")), ("minProperties", .integer(1)),
                    ("properties", .object(settableKeySchemas)),
                    ("additionalProperties", .bool(false)),
                ]), optimizer: true),
                event("Shows a line of text in the panel from this step on.", "note", .ref("text"), optimizer: false),
                event("Pauses the replay here.", "pause", .object([("const", .bool(true))]), optimizer: false),
            ])),
        ])))
        let schema = SchemaNode.object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("descent scenario")),
            ("description", .string("A setup and timeline that `descent replay` plays. Unset fields take the defaults of `descent run`.")),
            ("type", .string("object")),
            ("required", .array(["version", "surface", "optimizers"].map { .string($0) })),
            ("properties", .object([
                ("version", .object([("const", .integer(version))])),
                ("title", .ref("text")),
                ("notes", .ref("text")),
                ("surface", .object([("oneOf", .array([
                    .object([("description", .string("A built-in surface.")), ("enum", .array(SurfaceCatalog.names.map { .string($0) }))]),
                    .object([
                        ("description", .string("A formula of x and y, drawn over its view.")),
                        ("type", .string("object")), ("required", .array([.string("expr")])),
                        ("properties", .object([
                            ("expr", .object([("type", .string("string")), ("maxLength", .integer(FormulaParser.maximumLength))])),
                            ("view", .object([
                                ("type", .string("object")), ("required", .array([.string("x"), .string("y")])),
                                ("properties", .object([("x", .ref("interval")), ("y", .ref("interval"))])),
                                ("additionalProperties", .bool(false)),
                            ])),
                        ])),
                        ("additionalProperties", .bool(false)),
                    ]),
                    .object([
                        ("description", .string("A model fitted to data: its loss as a surface over (x, y) = (w, b).")),
                        ("type", .string("object")), ("required", .array([.string("model")])),
                        ("properties", .object([
                            ("model", .object([("enum", .array(DataSurface.Model.allCases.map { .string($0.rawValue) }))])),
                            ("loss", .object([("description", .string("logreg: bce (default) or mse after the sigmoid; linreg: mse.")),
                                              ("enum", .array(DataSurface.Loss.allCases.map { .string($0.rawValue) }))])),
                            ("normalize", .object([("type", .string("boolean"))])),
                            ("validation", .object([("description", .string("The fraction of the examples held out for early stopping.")),
                                                    ("type", .string("number")), ("minimum", .integer(0)), ("maximum", .raw(formatNumber(DataSurface.maximumValidationFraction)))])),
                            ("data", .object([("description", .string("The examples as [x, y] (logreg: y is 0 or 1); default: the model's own.")),
                                              ("type", .string("array")), ("minItems", .integer(DataSet.minimumCount)),
                                              ("maxItems", .integer(DataSet.maximumCount)), ("items", .ref("point"))])),
                        ])),
                        ("additionalProperties", .bool(false)),
                    ]),
                ]))])),
                ("view", .object([
                    ("type", .string("object")), ("required", .array([.string("x"), .string("y")])),
                    ("properties", .object([("x", .ref("interval")), ("y", .ref("interval"))])),
                    ("additionalProperties", .bool(false)),
                ])),
                ("start", .ref("point")),
                ("seed", .object([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .raw("18446744073709551615"))])),
                ("speed", .object([("description", .string("Steps per second in the visualizer.")), ("type", .string("integer")),
                                   ("minimum", .integer(speedRange.lowerBound)), ("maximum", .integer(speedRange.upperBound))])),
                ("steps", step.adding(("description", .string("How long `run` and the replay go.")))),
                ("stop", .object([
                    ("type", .string("object")),
                    ("properties", .object([
                        ("grad_tol", .object([("type", .string("number")), ("minimum", .integer(0))])),
                        ("patience", .object([("description", .string("0 turns it off.")), ("type", .string("integer")), ("minimum", .integer(0))])),
                        ("min_delta", .object([("type", .string("number")), ("minimum", .integer(0))])),
                    ])),
                    ("additionalProperties", .bool(false)),
                ])),
                ("optimizers", .object([("type", .string("array")), ("minItems", .integer(1)), ("maxItems", .integer(maximumOptimizers)), ("items", .ref("optimizer"))])),
                ("events", .object([("type", .string("array")), ("maxItems", .integer(maximumEvents)), ("items", .ref("event"))])),
            ])),
            ("additionalProperties", .bool(false)),
            ("$defs", .object(defs)),
        ])
        return schema.text(indent: "") + "\n"
    }

    /// Every key some optimizer may change during a run, with its type: which optimizer takes which
    /// key, and its range, the reader checks against the optimizer the event names.
    static var settableKeySchemas: [(String, SchemaNode)] {
        var names: [String] = []
        var schemas: [(String, SchemaNode)] = []
        for descriptor in OptimizerCatalog.all {
            for key in descriptor.keysSettableDuringRun where !names.contains(key) {
                guard let parameter = descriptor.allParameters.first(where: { $0.name == key }) else { continue }
                names.append(key)
                let type: String
                switch parameter.kind {
                case .real: type = "number"
                case .integer: type = "integer"
                case .flag: type = "boolean"
                case .choice: type = "string"
                }
                var fields: [(String, SchemaNode)] = [("type", .string(type))]
                if key == "lr" { fields.append(("exclusiveMinimum", .integer(0))) }
                schemas.append((key, .object(fields)))
            }
        }
        return schemas
    }

    static func parameterSchema(_ parameter: ParameterSpec) -> SchemaNode {
        var fields: [(String, SchemaNode)] = [("description", .string(parameter.help))]
        switch parameter.kind {
        case let .real(value, requirement):
            fields.append(("type", .string("number")))
            switch requirement {
            case .positive: fields.append(("exclusiveMinimum", .integer(0)))
            case .nonNegative: fields.append(("minimum", .integer(0)))
            case .belowOne: fields += [("minimum", .integer(0)), ("exclusiveMaximum", .integer(1))]
            case .unitInterval: fields += [("minimum", .integer(0)), ("maximum", .integer(1))]
            case .any: break
            }
            fields.append(("default", .raw(JSONText.number(value))))
        case let .integer(value, minimum, maximum):
            fields += [("type", .string("integer")), ("minimum", .integer(minimum))]
            if maximum != Int.max { fields.append(("maximum", .integer(maximum))) }
            fields.append(("default", .integer(value)))
        case let .flag(value):
            fields += [("type", .string("boolean")), ("default", .bool(value))]
        case let .choice(value, options):
            fields += [("enum", .array(options.map { .string($0) })), ("default", .string(value))]
        }
        return .object(fields)
    }
}

/// A JSON value with its keys in a chosen order, for writing the schema.
indirect enum SchemaNode {
    case object([(String, SchemaNode)])
    case array([SchemaNode])
    case string(String)
    case integer(Int)
    case bool(Bool)
    /// A number written as given.
    case raw(String)

    static func ref(_ name: String) -> SchemaNode { .object([("$ref", .string("#/$defs/" + name))]) }

    func adding(_ field: (String, SchemaNode)) -> SchemaNode {
        guard case let .object(fields) = self else { return self }
        return .object([field] + fields)
    }

    /// One line when it fits in 100 characters, else one member a line.
    func text(indent: String) -> String {
        let inline = inlineText
        if inline.count + indent.count <= 100 { return inline }
        let inner = indent + "  "
        switch self {
        case let .object(fields):
            return "{\n" + fields.map { inner + JSONText.quoted($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        case let .array(items):
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return inline
        }
    }

    var inlineText: String {
        switch self {
        case let .object(fields): return "{" + fields.map { JSONText.quoted($0.0) + ": " + $0.1.inlineText }.joined(separator: ", ") + "}"
        case let .array(items): return "[" + items.map(\.inlineText).joined(separator: ", ") + "]"
        case let .string(text): return JSONText.quoted(text)
        case let .integer(value): return String(value)
        case let .bool(value): return String(value)
        case let .raw(text): return text
        }
    }
}

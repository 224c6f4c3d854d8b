/// The command line of the commands started most often — `render`, `run` and the visualizer —
/// read without swift-argument-parser's set-up, which costs about 4 ms a process (it reflects over
/// every command's properties and looks up protocol conformances by scanning the whole binary),
/// more than the rest of a `render`.
///
/// It reads only the plain forms: `--name value`, `--name=value`, a flag `--name`, `-o value` where
/// the command has that short name, each single-valued option at most once. Anything else — a
/// help or version request, an unknown or misspelled option, a missing value, a value that starts
/// with `-` after an option that does not take one, `--name=` with nothing after `=`, a repeated
/// option, a positional word, `--` anywhere —
/// makes `command(for:)` return nil, and the argument parser reads the command line as ever, with
/// its errors and help. Where the quick reading applies it gives the same settings (`RenderSettings`,
/// `RunSettings`, `VisualizeSettings`) as the parsed command's `settings` — a test holds the two to
/// that over many command lines — so the command runs alike either way. None of these commands has
/// a `validate()` for the argument parser to call.
enum QuickCommandLine {
    /// How an option takes its value.
    enum Arity: Equatable {
        /// `--name value`, where a value starting with `-` is left to the argument parser (`.next`).
        case value
        /// `--name value`, whatever the value looks like (`.unconditional`), e.g. `--start -1.2,1`.
        case unconditionalValue
        /// `--name value`, repeatable, the values kept in order (`.singleValue` arrays).
        case repeated
        /// `--name`, no value.
        case flag
    }

    /// One option as the quick reading knows it: its long name (without `--`), an optional short
    /// letter, and how it takes its value. Each mirrors an `@Option` or `@Flag` declaration.
    struct Option {
        let name: String
        let short: Character?
        let arity: Arity

        init(_ name: String, _ arity: Arity, short: Character? = nil) {
            self.name = name
            self.arity = arity
            self.short = short
        }
    }

    /// The options given, in order, each with its value (a flag's is empty). A list, not a dictionary:
    /// a command line holds a handful, and a dictionary's first use alone costs more than reading them.
    struct Values {
        fileprivate var given: [(name: String, value: String)] = []

        /// The value of a single-valued option, nil when it is not given.
        func value(_ name: String) -> String? { given.last { $0.name == name }?.value }
        /// Every value of a repeatable option, in order.
        func values(_ name: String) -> [String] { given.filter { $0.name == name }.map(\.value) }
        /// True when the flag is given.
        func flag(_ name: String) -> Bool { given.contains { $0.name == name } }
    }

    /// What `arguments` (without the program's name) ask for, read without the argument parser, or
    /// nil when the argument parser must read them.
    static func command(for arguments: [String]) -> (any QuickRunnable)? {
        // `--` ends the options for the argument parser, even where a value is due.
        guard !arguments.contains(where: { isBuiltInRequest($0) || $0 == "--" }) else { return nil }
        switch arguments.first {
        case "render": return read(arguments.dropFirst(), options: RenderSettings.quickOptions).map(RenderSettings.init(quick:))
        case "run": return read(arguments.dropFirst(), options: RunSettings.quickOptions).map(RunSettings.init(quick:))
        case "visualize": return read(arguments.dropFirst(), options: VisualizeSettings.quickOptions).map(VisualizeSettings.init(quick:))
        case let first? where !first.hasPrefix("--"): return nil
        default: return read(arguments[...], options: VisualizeSettings.quickOptions).map(VisualizeSettings.init(quick:))
        }
    }

    /// The options in `tokens`, or nil when any token is not one of the plain forms above.
    static func read(_ tokens: ArraySlice<String>, options: [Option]) -> Values? {
        var values = Values()
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            let option: Option
            var inline: Substring?
            if token.hasPrefix("--") {
                var name = token.dropFirst(2)
                if let equals = name.firstIndex(of: "=") {
                    inline = name[name.index(after: equals)...]
                    name = name[..<equals]
                    // `--name=` is `--name` with its value in the next word, to the argument parser.
                    guard inline?.isEmpty == false else { return nil }
                }
                guard let found = options.first(where: { $0.name == name }) else { return nil }
                option = found
            } else if token.count == 2, token.first == "-", let found = options.first(where: { $0.short == token.last }) {
                option = found
            } else {
                return nil
            }
            var value = ""
            if option.arity == .flag {
                guard inline == nil else { return nil }
            } else {
                if let inline {
                    value = String(inline)
                } else {
                    guard index < tokens.endIndex else { return nil }
                    value = tokens[index]
                    index += 1
                }
                if option.arity != .unconditionalValue, value.isEmpty || value.hasPrefix("-") { return nil }
            }
            if option.arity != .repeated, values.flag(option.name) { return nil }
            values.given.append((option.name, value))
        }
        return values
    }

    /// True for a token the argument parser answers itself wherever it stands: help, the version,
    /// the completion scripts and its tool-info dump.
    static func isBuiltInRequest(_ token: String) -> Bool {
        let head = token.firstIndex(of: "=").map { token[..<$0] } ?? token[...]
        switch head {
        case "-h", "-help", "--help", "--version": return true
        default: return token.hasPrefix("--experimental") || token.hasPrefix("--generate-completion") || token.hasPrefix("---")
        }
    }
}

/// A command's settings, which run it.
protocol QuickRunnable {
    func run() throws
}

extension RaceSettings {
    static let quickOptions: [QuickCommandLine.Option] = [
        .init("surface", .value), .init("expr", .value), .init("expr-view", .unconditionalValue), .init("data", .value),
        .init("start", .unconditionalValue), .init("steps", .unconditionalValue), .init("grad-tol", .unconditionalValue),
        .init("seed", .unconditionalValue), .init("optimizer", .repeated), .init("patience", .unconditionalValue),
        .init("min-delta", .unconditionalValue), .init("scenario", .value),
    ]

    init(quick values: QuickCommandLine.Values, defaultSteps: Int) {
        self.init(surface: values.value("surface"), expr: values.value("expr"), exprView: values.value("expr-view"),
                  data: values.value("data"), start: values.value("start"), steps: values.value("steps"),
                  gradientTolerance: values.value("grad-tol"), seed: values.value("seed"), optimizers: values.values("optimizer"),
                  patience: values.value("patience"), minDelta: values.value("min-delta"), scenario: values.value("scenario"),
                  defaultSteps: defaultSteps)
    }
}

extension ViewSettings {
    static let quickOptions: [QuickCommandLine.Option] = [
        .init("contours", .flag), .init("shading", .value), .init("gradient-arrows", .flag), .init("step-arrows", .flag),
    ]

    init(quick values: QuickCommandLine.Values) {
        self.init(contours: values.flag("contours"), shading: values.value("shading"),
                  gradientArrows: values.flag("gradient-arrows"), stepArrows: values.flag("step-arrows"))
    }
}

extension ColorSettings {
    static let quickOptions: [QuickCommandLine.Option] = [.init("color", .value), .init("no-color", .flag)]

    init(quick values: QuickCommandLine.Values) {
        self.init(color: values.value("color") ?? Self.defaultColor, noColor: values.flag("no-color"))
    }
}

extension VisualizeSettings: QuickRunnable {
    static let quickOptions = RaceSettings.quickOptions + ViewSettings.quickOptions + ColorSettings.quickOptions

    init(quick values: QuickCommandLine.Values) {
        self.init(race: RaceSettings(quick: values, defaultSteps: VisualizerSteps.steps), view: ViewSettings(quick: values),
                  color: ColorSettings(quick: values))
    }
}

extension RenderSettings: QuickRunnable {
    static let quickOptions = RaceSettings.quickOptions + ViewSettings.quickOptions + ColorSettings.quickOptions
        + [.init("width", .unconditionalValue), .init("height", .unconditionalValue), .init("format", .value), .init("output", .value, short: "o")]

    init(quick values: QuickCommandLine.Values) {
        self.init(race: RaceSettings(quick: values, defaultSteps: RenderSteps.steps), view: ViewSettings(quick: values),
                  color: ColorSettings(quick: values), width: values.value("width") ?? Self.defaultWidth,
                  height: values.value("height") ?? Self.defaultHeight, format: values.value("format") ?? Format.ansi.rawValue,
                  output: values.value("output"))
    }
}

extension RunSettings: QuickRunnable {
    static let quickOptions = RaceSettings.quickOptions + [.init("format", .value), .init("every", .value)]

    init(quick values: QuickCommandLine.Values) {
        self.init(race: RaceSettings(quick: values, defaultSteps: RunSteps.steps), format: values.value("format") ?? Format.table.rawValue,
                  every: values.value("every") ?? Self.defaultEvery)
    }
}

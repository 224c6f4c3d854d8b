import ArgumentParser
import DescentCore

/// What the shell completes for option values (bash, zsh and fish scripts from
/// `descent --generate-completion-script SHELL`): names from the catalogs, and a SPEC's keys after `name:`.
enum Completions {
    static let surfaces = CompletionKind.list(SurfaceCatalog.names)
    static let colorModes = CompletionKind.list(["auto", "truecolor", "256", "basic", "none"])

    static func formats(_ names: [String]) -> CompletionKind { .list(names) }

    /// An optimizer SPEC: the names; after `name:` its keys (each as `key=`), after the last comma the keys
    /// not given yet; a key's choices after `key=` where it has them (e.g. schedule=step).
    static let optimizers = CompletionKind.custom { _, _, prefix in spec(completing: prefix) }

    /// The scenarios there are: the shipped library and scenarios/*.json here.
    static let scenarios = CompletionKind.custom { _, _, _ in ScenarioFiles.all().entries.map(\.name) }

    static func spec(completing prefix: String) -> [String] {
        guard let colon = prefix.firstIndex(of: ":") else {
            return OptimizerCatalog.names.filter { $0.hasPrefix(prefix.lowercased()) }
        }
        let name = String(prefix[..<colon]).lowercased()
        guard let descriptor = try? OptimizerCatalog.descriptor(named: name) else { return [] }
        let settings = prefix[prefix.index(after: colon)...]
        let given = settings.split(separator: ",", omittingEmptySubsequences: false)
        let done = given.dropLast().map(String.init)
        let last = String(given.last ?? "")
        let head = String(prefix[...colon]) + done.map { $0 + "," }.joined()
        if let equals = last.firstIndex(of: "=") {
            let key = String(last[..<equals])
            guard let parameter = descriptor.allParameters.first(where: { $0.name == key }) else { return [] }
            let typed = String(last[last.index(after: equals)...])
            let values: [String]
            switch parameter.kind {
            case let .choice(_, options): values = options
            case .flag: values = ["true", "false"]
            default: return []
            }
            return values.filter { $0.hasPrefix(typed) }.map { head + key + "=" + $0 }
        }
        let usedKeys = Set(done.compactMap { $0.split(separator: "=").first.map(String.init) })
        return descriptor.allParameters.map(\.name).filter { !usedKeys.contains($0) && $0.hasPrefix(last) }.map { head + $0 + "=" }
    }
}

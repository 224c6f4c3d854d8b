#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DescentApp
import DescentCore
import DescentLibrary

/// Where scenarios live: the shipped library (in the binary) and the files of `scenarios/` in the
/// current folder, read and written with the checks every file gets.
enum ScenarioFiles {
    /// The folder `w` writes to and NAME is looked up in first, relative to the current folder.
    static let folder = "scenarios"

    /// A scenario by NAME (scenarios/NAME.json here, else the shipped library) or by FILE (a path,
    /// recognised by a '/' or the .json ending). Errors name the file and the bad part.
    static func load(_ reference: String) throws(DescentError) -> ScenarioEntry {
        let isPath = reference.contains("/") || reference.hasSuffix(".json")
        if isPath { return try loadFile(reference, name: baseName(of: reference)) }
        guard !reference.isEmpty, reference.allSatisfy(AppState.isScenarioNameCharacter) else {
            throw .invalid("'\(reference.withVisibleControlCharacters)' is neither a scenario name (letters, digits, - and _) nor a .json file")
        }
        let local = "\(folder)/\(reference).json"
        if fileExists(local) { return try loadFile(local, name: reference) }
        if let bytes = ShippedScenarios.bytes(named: reference) {
            return ScenarioEntry(name: reference, origin: "library", scenario: try parse(bytes, source: reference))
        }
        let names = ShippedScenarios.names
        throw .unknownName(kind: "scenario", name: reference, suggestion: nearestName(to: reference, in: names), choices: names)
    }

    /// Every scenario there is: the library, then scenarios/*.json (a local file of a library
    /// name replaces it). Files that cannot be read are left out and counted in `problem`.
    static func all() -> (entries: [ScenarioEntry], problem: String?) {
        var entries: [ScenarioEntry] = []
        for name in ShippedScenarios.names {
            if let bytes = ShippedScenarios.bytes(named: name), let scenario = try? parse(bytes, source: name) {
                entries.append(ScenarioEntry(name: name, origin: "library", scenario: scenario))
            }
        }
        var failures: [String] = []
        for file in jsonFiles(in: folder) where file != "scenario.schema.json" {
            let name = String(file.dropLast(".json".count))
            do {
                let entry = try loadFile("\(folder)/\(file)", name: name)
                entries.removeAll { $0.name == name }
                entries.append(entry)
            } catch {
                failures.append(error.description)
            }
        }
        let problem = failures.isEmpty ? nil
            : failures.count == 1 ? failures[0] : "\(failures.count) files in \(folder)/ could not be read; the first: \(failures[0])"
        return (entries, problem)
    }

    static func parse(_ bytes: [UInt8], source: String) throws(DescentError) -> Scenario {
        do { return try Scenario(json: bytes) } catch { throw .data("\(source.withVisibleControlCharacters): \(error.description)") }
    }

    static func loadFile(_ path: String, name: String) throws(DescentError) -> ScenarioEntry {
        let bytes = try readFile(path, limit: JSONValue.maximumBytes)
        return ScenarioEntry(name: name, origin: path, scenario: try parse(bytes, source: path))
    }

    /// The whole file, refused unread when it is larger than `limit` or not a regular file.
    static func readFile(_ path: String, limit: Int) throws(DescentError) -> [UInt8] {
        let shown = path.withVisibleControlCharacters
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .data("\(shown): cannot open (\(errorText(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .data("\(shown): cannot read (\(errorText(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .data("\(shown): not a regular file") }
        guard Int(info.st_size) <= limit else {
            throw .data("\(shown): larger than \(limit / (1 << 20)) MB (\(info.st_size) bytes); not read")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .data("\(shown): cannot read (\(errorText(errno)))")
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw .data("\(shown): larger than \(limit / (1 << 20)) MB; not read") }
        return Array(bytes[..<count])
    }

    enum SaveResult: Equatable {
        case saved(path: String)
        /// The file exists and `overwrite` was false: nothing was written.
        case exists(path: String)
    }

    /// Writes `text` to scenarios/NAME.json atomically: a temporary file in the same folder, flushed
    /// to disk, then renamed over the target (or, without `overwrite`, linked to it, which fails if
    /// it exists — never a half-written or clobbered file).
    static func save(_ text: String, name: String, overwrite: Bool) throws(DescentError) -> SaveResult {
        let path = "\(folder)/\(name).json"
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .data("cannot create \(folder)/ (\(errorText(errno)))")
        }
        if !overwrite && fileExists(path) { return .exists(path: path) }
        let temporary = "\(folder)/.\(name).json.\(getpid()).tmp"
        let (created, written) = writeWhole(Array(text.utf8), toNew: temporary)
        guard created else { throw .data("cannot write \(path) (\(errorText(written)))") }
        var failure = written
        if failure == 0 {
            if overwrite {
                if rename(temporary, path) != 0 { failure = errno }
            } else if link(temporary, path) != 0 {
                failure = errno
                unlink(temporary)
                if failure == EEXIST { return .exists(path: path) }
                throw .data("cannot write \(path) (\(errorText(failure)))")
            } else {
                unlink(temporary)
            }
        }
        guard failure == 0 else {
            unlink(temporary)
            throw .data("cannot write \(path) (\(errorText(failure)))")
        }
        return .saved(path: path)
    }

    /// Writes `text` to `path` atomically (a temporary file beside it, flushed, then renamed over it):
    /// the file is whole or untouched, never half written.
    static func writeAtomically(_ text: String, to path: String) throws(DescentError) {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// `bytes` into the file at `path` as `writeAtomically(_:to:)` writes text.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DescentError) {
        let shown = path.withVisibleControlCharacters
        guard !path.isEmpty, !path.contains("\0") else { throw .invalid("-o: '\(shown)' is not a file name") }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw .invalid("-o: '\(shown)' names a folder, not a file") }
        let temporary = "\(folder.isEmpty ? "" : folder)/.\(name).\(getpid()).tmp"
        let (created, written) = writeWhole(bytes, toNew: temporary)
        guard created else { throw .invalid("cannot write \(shown) (\(errorText(written)))") }
        var failure = written
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw .invalid("cannot write \(shown) (\(errorText(failure)))")
        }
    }

    /// Creates `temporary` (which must not exist), writes all of `bytes` into it and flushes it to disk.
    /// `created` is false when the file could not be made (then nothing is there to unlink); `failure` is 0,
    /// or the errno of what failed.
    private static func writeWhole(_ bytes: [UInt8], toNew temporary: String) -> (created: Bool, failure: Int32) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return (false, errno == 0 ? EIO : errno) }
        var failure: Int32 = 0
        let written = bytes.withUnsafeBytes { Platform.writeAll($0, to: descriptor) }
        if written != .written { failure = errno == 0 ? EIO : errno }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        return (true, failure)
    }

    /// `text` to the file at `output` (atomically) or, without one, to standard output.
    static func emit(_ text: String, to output: String?) throws(DescentError) {
        try emit(Array(text.utf8), to: output)
    }

    /// `bytes` to the file at `output` (atomically) or, without one, to standard output.
    static func emit(_ bytes: [UInt8], to output: String?) throws(DescentError) {
        if let output {
            try writeAtomically(bytes, to: output)
        } else {
            var out = Output()
            out.write(bytes)
            out.flush()
        }
    }

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The names of the .json files of a folder, sorted (none when it cannot be read).
    static func jsonFiles(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".json"), !name.hasPrefix("."), name.count > 5 { names.append(name) }
        }
        return names.sorted()
    }

    static func baseName(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".json") ? String(file.dropLast(5)) : file
    }

    /// strerror's text, lower-cased first letter ("permission denied", "no space left on device").
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return DescentCommand.lowercasingFirstWord(String(cString: text))
    }
}

import ArgumentParser
import DescentCore

/// `descent bench`: how fast descent steps and how much a recorded race takes. A benchmark, not a test.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure optimizer speed and trajectory memory (run as `swift run -c release descent bench`).",
        discussion: """
            Sections: \(sections.map { "\($0.name) (\($0.title))" }.joined(separator: "; ")).
            A debug build runs fewer steps and its numbers say little; use `swift run -c release descent bench`.
            """
    )

    /// Every section, in the order they run. A new benchmark is one more entry.
    static let sections: [BenchSection] = [StepBenchmark.section, MemoryBenchmark.section, FrameBenchmark.section, TerminalBenchmark.section, MapBenchmark.section, StartupBenchmark.section]

    @Option(help: ArgumentHelp("Run only this section: \(sections.map(\.name).joined(separator: " or ")).", valueName: "section"), completion: .list(sections.map(\.name)))
    var only: String?

    func run() async throws {
        let chosen = try selectedSections()
        var out = Output()
        if BenchSection.isDebugBuild {
            out.line("note: debug build — fewer steps, slow numbers; run `swift run -c release descent bench`")
            out.line()
        }
        for section in chosen {
            out.line("== \(section.title)")
            await section.run(&out)
            out.line()
            out.flush()
        }
        out.flush()
    }

    private func selectedSections() throws(DescentError) -> [BenchSection] {
        guard let only else { return Self.sections }
        let names = Self.sections.map(\.name)
        guard let section = Self.sections.first(where: { $0.name == only.trimmingSpaces.lowercased() }) else {
            throw .unknownName(kind: "bench section", name: only, suggestion: nearestName(to: only, in: names), choices: names)
        }
        return [section]
    }
}

/// One named part of `descent bench`.
struct BenchSection: Sendable {
    /// The name `--only` takes.
    var name: String
    var title: String
    /// Runs the measurement and writes its lines (flushing as it goes, so progress shows).
    var run: @Sendable (inout Output) async -> Void

    static var isDebugBuild: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }
}

/// Seconds in a Duration, as a Double.
func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

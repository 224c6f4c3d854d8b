import Foundation
import Testing
import DescentCore
import DescentRender
@testable import DescentApp

/// Plain-text frames of fixed setups, compared with golden files a person has looked at.
///
/// To record new golden files after a deliberate change: `DESCENT_RECORD_GOLDEN=1 swift test --filter GoldenFrameTests`,
/// then read every changed file in `Tests/DescentAppTests/Golden/` before committing (recording fails the run once).
@Suite struct GoldenFrameTests {
    struct Setup: CustomTestStringConvertible, Sendable {
        var name: String
        var surface: String
        var optimizers: [String]
        var steps: Int
        var width = 100
        var height = 30
        var start: Vector2? = nil
        var actions: [Action] = []
        var testDescription: String { name }
    }

    static let setups: [Setup] = [
        Setup(name: "rosenbrock-race", surface: "rosenbrock", optimizers: ["gd:lr=0.001", "momentum:lr=0.0005", "adam:lr=0.05", "bfgs"], steps: 60),
        Setup(name: "ravine-contours", surface: "ravine", optimizers: ["gd:lr=0.08", "momentum:lr=0.01"], steps: 40, actions: [.toggleContours]),
        Setup(name: "bowl-divergence", surface: "bowl", optimizers: ["gd:lr=1.2", "gd:lr=0.1"], steps: 30, actions: [.selectNext]),
        Setup(name: "himmelblau-arrows", surface: "himmelblau", optimizers: ["nesterov", "newton"], steps: 3, width: 90, height: 26,
              start: Vector2(0, 0), actions: [.toggleGradientArrows, .toggleStepArrows]),
        Setup(name: "help-overlay", surface: "saddle", optimizers: ["gd"], steps: 10, actions: [.toggleHelp]),
        Setup(name: "surface-picker", surface: "wells", optimizers: ["gd", "adam"], steps: 10, actions: [.openSurfacePicker, .movePickerCursor(by: 1)]),
        Setup(name: "small-terminal", surface: "camel", optimizers: ["gd", "momentum", "adam"], steps: 20, width: 60, height: 20),
        Setup(name: "crowded-panel", surface: "booth", optimizers: ["gd", "momentum", "nesterov", "rmsprop", "adam", "newton", "cg"],
              steps: 15, width: 64, height: 16),
        Setup(name: "too-small", surface: "bowl", optimizers: ["gd"], steps: 0, width: 30, height: 8),
    ]

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: setups)
    func frameMatchesGoldenFile(_ setup: Setup) throws {
        let surface = try #require(SurfaceCatalog.named(setup.surface))
        let specs = try setup.optimizers.map { try OptimizerSpec(parsing: $0) }
        var race = Race(surface: surface, start: setup.start, optimizers: specs, rules: StopRules(maxSteps: setup.steps))
        race.runToEnd()
        var state = AppState(race: race, screenWidth: setup.width, screenHeight: setup.height, colorMode: .none, isPlaying: false)
        for action in setup.actions { state.apply(action) }
        let frame = FrameComposer().compose(state).plainText + "\n"

        let file = Self.goldenDirectory.appendingPathComponent(setup.name + ".txt")
        if ProcessInfo.processInfo.environment["DESCENT_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try frame.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.lastPathComponent): look at it, then run the tests again without DESCENT_RECORD_GOLDEN")
            return
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        if frame != golden {
            let frameLines = frame.split(separator: "\n", omittingEmptySubsequences: false)
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let differing = (0..<max(frameLines.count, goldenLines.count)).filter { i in
                (i < frameLines.count ? frameLines[i] : "") != (i < goldenLines.count ? goldenLines[i] : "")
            }
            let report = differing.prefix(5).map { i in
                "line \(i + 1):\n  expected: \(i < goldenLines.count ? goldenLines[i] : "")\n  actual:   \(i < frameLines.count ? frameLines[i] : "")"
            }.joined(separator: "\n")
            Issue.record("frame \(setup.name) differs from its golden file in \(differing.count) lines:\n\(report)")
        }
    }
}

/// A terminal whose locale is not UTF-8 gets ASCII only, in every golden setup and every colour mode.
@Suite struct ASCIIFrameTests {
    @Test(arguments: GoldenFrameTests.setups)
    func everyGoldenSetupDrawsOnlyASCII(_ setup: GoldenFrameTests.Setup) throws {
        let surface = try #require(SurfaceCatalog.named(setup.surface))
        let specs = try setup.optimizers.map { try OptimizerSpec(parsing: $0) }
        for mode in ColorMode.allCases {
            var race = Race(surface: surface, start: setup.start, optimizers: specs, rules: StopRules(maxSteps: setup.steps))
            race.runToEnd()
            var state = AppState(race: race, screenWidth: setup.width, screenHeight: setup.height, colorMode: mode, isPlaying: false)
            for action in setup.actions { state.apply(action) }
            let unicode = FrameComposer().compose(state)
            state.asciiOnly = true
            let grid = FrameComposer().compose(state)
            let bytes = Array(grid.plainText.utf8) + Array(ANSIText.encode(grid).utf8)
            #expect(!bytes.contains { $0 >= 0x80 }, "\(setup.name), \(mode)")
            // Nothing became "?": every character drawn has an ASCII look-alike.
            #expect(grid.plainText.filter { $0 == "?" }.count == unicode.plainText.filter { $0 == "?" }.count,
                    "\(setup.name), \(mode): \(grid.plainText)")
        }
    }
}

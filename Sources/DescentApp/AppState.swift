import DescentCore
import DescentRender

/// What covers the main screen, if anything.
public enum Overlay: Equatable, Sendable {
    case none
    case help
    /// The surface picker, with the highlighted row.
    case surfacePicker(cursor: Int)
    /// The optimizer picker, with the highlighted row.
    case optimizerPicker(cursor: Int)
}

/// Everything the visualizer shows, in one value (the model). Every change is an `Action` applied
/// by `reduce`, so a session can be recorded and replayed.
public struct AppState: Sendable {
    public var race: Race
    /// The requested view rectangle (the screen shows it widened to the heatmap's aspect).
    public var view: ViewRect
    public var isPlaying: Bool
    /// Steps per second while playing; one of `AppState.speeds`.
    public var speed: Int
    /// Steps owed by elapsed time but not yet taken (a fraction of a step).
    public var stepCredit: Double
    /// The index of the selected optimizer in `race.racers`.
    public var selected: Int
    public var showContours: Bool
    public var logShading: Bool
    public var showGradientArrows: Bool
    public var showStepArrows: Bool
    public var overlay: Overlay
    public var screenWidth: Int
    public var screenHeight: Int
    public var colorMode: ColorMode
    /// A one-line message for the status bar (the effect of the last key), cleared by the next key.
    public var notice: String?
    public var shouldQuit: Bool

    /// The speeds `>` and `<` step through (steps per second).
    public static let speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    public static let defaultSpeed = 20

    public init(race: Race, view: ViewRect? = nil, screenWidth: Int = 120, screenHeight: Int = 40,
                colorMode: ColorMode = .palette256, isPlaying: Bool = true) {
        self.race = race
        self.view = view ?? race.surface.defaultView
        self.isPlaying = isPlaying && race.isRunning
        speed = AppState.defaultSpeed
        stepCredit = 0
        selected = 0
        showContours = false
        logShading = race.surface.prefersLogShading
        showGradientArrows = false
        showStepArrows = false
        overlay = .none
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
        self.colorMode = colorMode
        notice = nil
        shouldQuit = false
    }

    public var layout: Layout { Layout(width: screenWidth, height: screenHeight) }

    /// The plane ↔ cell mapping of the heatmap area.
    public var viewport: Viewport { Viewport(view: view, area: layout.heatmap) }

    public var selectedRacer: Racer? { race.racers.indices.contains(selected) ? race.racers[selected] : nil }

    /// The largest step count among the racers.
    public var stepCount: Int { race.racers.map(\.stepCount).max() ?? 0 }
}

/// Where each part of the screen goes, for a terminal of `width × height` cells.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public let width: Int
    public let height: Int
    public let heatmap: CellRect
    /// The vertical line between heatmap and panel.
    public let separatorColumn: Int
    public let panel: CellRect
    public let statusBar: CellRect

    public var isTooSmall: Bool { width < Layout.minimumWidth || height < Layout.minimumHeight }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let panelWidth = width >= 110 ? 38 : max(22, min(38, width * 2 / 5))
        let mainHeight = max(0, height - 1)
        separatorColumn = width - panelWidth - 1
        heatmap = CellRect(x: 0, y: 0, width: separatorColumn, height: mainHeight)
        panel = CellRect(x: separatorColumn + 1, y: 0, width: panelWidth, height: mainHeight)
        statusBar = CellRect(x: 0, y: mainHeight, width: width, height: 1)
    }
}

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
    /// The scenario picker: the scenarios found, with the highlighted row.
    case scenarioPicker(entries: [ScenarioEntry], cursor: Int)
    /// The one-line prompt of `w`: the name to save the scenario under.
    case saveNamePrompt(text: String)
    /// A scenario of this name exists: overwrite it (y) or not.
    case confirmOverwrite(name: String)
    /// The parameter sheet of the optimizer at `racer`: the highlighted key, and the number being typed.
    case parameterSheet(racer: Int, cursor: Int, input: String)
    /// The prompt of `e`: a formula of x and y being typed, the place in the history ↑ ↓ walks
    /// (nil: the text typed), and what was wrong with the last formula tried (with its column).
    case formulaPrompt(text: String, historyIndex: Int?, error: String?)
    /// The learning-rate sweep of the optimizer at `racer` (`S`): a run per rate from the current start,
    /// and the best one's index (Enter applies it).
    case sweep(racer: Int, trials: [LearningRateSweep.Trial], best: Int?)
    /// The sweep of the optimizer at `racer` while the shell runs it (`sweepRequest`); Esc stops it.
    case sweepRunning(racer: Int)
}

/// A scenario the picker lists: where it comes from, and the scenario itself.
public struct ScenarioEntry: Equatable, Sendable {
    /// The name `descent replay` takes (the file name without .json).
    public var name: String
    /// "library" for a shipped scenario, else the file's path.
    public var origin: String
    public var scenario: Scenario

    public init(name: String, origin: String, scenario: Scenario) {
        self.name = name
        self.origin = origin
        self.scenario = scenario
    }
}

/// Work the reducer asks the shell to do (it touches files); the shell reports back with an action.
public enum Effect: Equatable, Sendable {
    /// Write the current scenario to scenarios/NAME.json; `overwrite` once the person said yes.
    case saveScenario(name: String, overwrite: Bool)
    /// Find the scenarios (the shipped library and scenarios/*.json) and open the picker.
    case listScenarios
}

/// Everything the visualizer shows, in one value (the model). Every change is an `Action` applied
/// by `reduce`, so a session can be recorded and replayed.
public struct AppState: Sendable {
    /// The race and its timeline of events.
    public var session: Session
    /// The race (the session's).
    public var race: Race { session.race }
    /// The scenario being replayed, while the session still follows it (nil once a change by hand branched from it):
    /// `r` replays it from the start.
    public var replaying: Scenario?
    /// The title and notes of the scenario on screen (kept when saved again).
    public var scenarioTitle: String?
    public var scenarioNotes: String?
    /// Work for the shell (saving, listing files), taken and cleared by it.
    public var effect: Effect?
    /// Per racer id, the learning rates the `+ - ] [` keys left, newest last, with the direction
    /// of each change: the opposite key goes back to exactly the rate before.
    public var rateKeyTrail: [Int: [RateKeyChange]]
    /// The ids of the racers whose learning rate a person set in this session (a key, the parameter
    /// sheet): a new surface keeps their rate, while the others take the rate that suits it.
    public var handSetRates: Set<Int> = []
    /// The formulas typed at the `e` prompt, oldest first (↑ walks back through them).
    public var formulaHistory: [String] = []
    public static let formulaHistoryLength = 20
    /// The rates `S` tries (1, 2 and 5 × 10ᵏ) and the most steps of each of its runs.
    public static let sweepRange: ClosedRange<Double> = 1e-4...10
    public static let sweepSteps = 2000
    /// The requested view rectangle (the screen shows it widened to the heatmap's aspect).
    public var view: ViewRect
    public var isPlaying: Bool
    /// Steps per second while playing; one of `AppState.speeds`.
    public var speed: Int
    /// Steps owed by elapsed time but not yet taken (a fraction of a step).
    public var stepCredit: Double
    /// The most steps one tick may take: the shell sets it from how long steps take, so that a tick
    /// stays within its time budget and keys are answered at once whatever the optimizers cost.
    public var stepBudget = Int.max
    /// Steps per second actually taken while playing (a moving average), when known.
    public var achievedSpeed: Double?
    /// The index of the selected optimizer in `race.racers`.
    public var selected: Int
    public var showContours: Bool
    public var logShading: Bool
    public var showGradientArrows: Bool
    public var showStepArrows: Bool
    /// `B`: the basin map of the selected optimizer drawn under the trajectories (see `basinRequest`).
    public var showBasins = false
    /// The last basin map the shell computed, with what it was computed for.
    public var basinOverlay: BasinOverlay?
    /// The first key the help shows when they do not all fit (↑ ↓ in the help).
    public var helpScroll = 0
    /// The learning-rate sweep `S` asked for, until its trials arrive or Esc drops it.
    public var sweepRequest: SweepRequest?
    /// How many of the requested sweep's rates have been run.
    public var sweepProgress = 0
    /// The serial number of the last sweep requested.
    var sweepSerial = 0
    public var overlay: Overlay
    public var screenWidth: Int
    public var screenHeight: Int
    public var colorMode: ColorMode
    /// Draw with ASCII only (the terminal's locale is not UTF-8): every other character becomes its
    /// closest ASCII look-alike.
    public var asciiOnly = false
    /// A one-line message for the status bar (the effect of the last key), cleared by the next key.
    public var notice: String?
    public var shouldQuit: Bool

    /// The speeds `>` and `<` step through (steps per second).
    public static let speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    public static let defaultSpeed = 20

    public init(race: Race, view: ViewRect? = nil, screenWidth: Int = 120, screenHeight: Int = 40,
                colorMode: ColorMode = .palette256, isPlaying: Bool = true) {
        self.init(session: Session(race: race), view: view, screenWidth: screenWidth, screenHeight: screenHeight,
                  colorMode: colorMode, isPlaying: isPlaying)
    }

    public init(session: Session, view: ViewRect? = nil, screenWidth: Int = 120, screenHeight: Int = 40,
                colorMode: ColorMode = .palette256, isPlaying: Bool = true) {
        self.session = session
        let race = session.race
        replaying = nil
        scenarioTitle = nil
        scenarioNotes = nil
        effect = nil
        rateKeyTrail = [:]
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

    /// The visualizer on a scenario: its session (events at step 0 applied), view and speed, playing
    /// unless it pauses at step 0.
    public init(scenario: Scenario, screenWidth: Int = 120, screenHeight: Int = 40, colorMode: ColorMode = .palette256,
                isPlaying: Bool = true) {
        let scenario = AppState.suitingRates(of: scenario)
        let session = scenario.makeSession()
        let pausedAtStart = session.passed.contains { $0.event == .pause }
        self.init(session: session, view: scenario.view, screenWidth: screenWidth, screenHeight: screenHeight,
                  colorMode: colorMode, isPlaying: isPlaying && !pausedAtStart)
        replaying = scenario
        scenarioTitle = scenario.title
        scenarioNotes = scenario.notes
        speed = scenario.speed ?? AppState.defaultSpeed
    }

    /// The scenario with every optimizer that names no learning rate given the rate that suits its
    /// surface (see `OptimizerDescriptor.suggestedLearningRate`); rates the scenario names stand.
    public static func suitingRates(of scenario: Scenario) -> Scenario {
        var suited = scenario
        for index in suited.optimizers.indices {
            let spec = suited.optimizers[index].spec
            guard !spec.explicitKeys.contains("lr"), let rate = spec.descriptor.suggestedLearningRate(on: scenario.surface) else { continue }
            suited.optimizers[index].spec = spec.withLearningRate(rate)
        }
        return suited
    }

    /// The scenario of what is on screen: the setup of this run and every change made since
    /// (by hand or by the timeline), the title and notes it was loaded with.
    public var currentScenario: Scenario {
        Scenario(session: session, view: view, speed: speed, title: scenarioTitle, notes: scenarioNotes)
    }

    public var layout: Layout { Layout(width: screenWidth, height: screenHeight) }

    /// The plane ↔ cell mapping of the heatmap area.
    public var viewport: Viewport { Viewport(view: view, area: layout.heatmap) }

    public var selectedRacer: Racer? { race.racers.indices.contains(selected) ? race.racers[selected] : nil }

    /// The largest step count among the racers.
    public var stepCount: Int { race.stepCount }
}

/// One learning-rate change made by `+ - ] [`.
public struct RateKeyChange: Equatable, Sendable {
    /// `] [` (× 10, ÷ 10) rather than `+ -` (the 1-2-5 series).
    public var decade: Bool
    public var up: Bool
    public var from: Double
    public var to: Double
}

/// Where each part of the screen goes, for a terminal of `width × height` cells.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public let width: Int
    public let height: Int
    public let heatmap: CellRect
    /// The y axis's tick labels, left of the heatmap (empty on small screens).
    public let yAxis: CellRect
    /// The x axis's tick labels, under the heatmap (empty on small screens).
    public let xAxis: CellRect
    /// The vertical line between heatmap and panel.
    public let separatorColumn: Int
    public let panel: CellRect
    public let statusBar: CellRect

    /// The columns of the y axis: tick labels of up to 5 characters and a tick mark.
    public static let yAxisWidth = 6

    public var isTooSmall: Bool { width < Layout.minimumWidth || height < Layout.minimumHeight }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let panelWidth = width >= 110 ? 38 : max(22, min(38, width * 2 / 5))
        let mainHeight = max(0, height - 1)
        separatorColumn = width - panelWidth - 1
        // Axes once the heatmap keeps at least 24 columns and 10 rows beside them.
        let axes = separatorColumn - Layout.yAxisWidth >= 24 && mainHeight - 1 >= 10
        let gutter = axes ? Layout.yAxisWidth : 0, axisRows = axes ? 1 : 0
        heatmap = CellRect(x: gutter, y: 0, width: separatorColumn - gutter, height: mainHeight - axisRows)
        yAxis = CellRect(x: 0, y: 0, width: gutter, height: heatmap.height)
        xAxis = CellRect(x: 0, y: heatmap.maxY, width: axes ? separatorColumn : 0, height: axisRows)
        panel = CellRect(x: separatorColumn + 1, y: 0, width: panelWidth, height: mainHeight)
        statusBar = CellRect(x: 0, y: mainHeight, width: width, height: 1)
    }
}

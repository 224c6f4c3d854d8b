import DescentCore

/// Every change of the visualizer's state. Keys become actions (`Keymap`); `reduce` applies them.
/// Actions carry what they need to be replayed exactly.
public enum Action: Equatable, Sendable {
    case togglePlay
    /// One step of every running optimizer (pauses first).
    case stepOnce
    /// Every optimizer back to the start point.
    case reset
    case selectNext
    case selectPrevious
    /// The selected learning rate one step up / down the 1-2-5 series.
    case learningRateUp
    case learningRateDown
    /// The selected learning rate × 10 / ÷ 10.
    case learningRateTimesTen
    case learningRateDividedByTen
    /// Sets the learning rate of one optimizer (what a recorded session replays).
    case setLearningRate(racer: Int, Double)
    case openSurfacePicker
    case openOptimizerPicker
    case toggleHelp
    case closeOverlay
    /// Moves the highlighted row of a picker.
    case movePickerCursor(by: Int)
    /// A new surface: the race restarts with its default view and start.
    case chooseSurface(String)
    /// Adds the optimizer (with its defaults) to the race, or removes it if it is racing.
    case toggleOptimizer(String)
    /// Moves the start point by whole arrow steps (right and up are positive) and resets.
    case moveStart(dx: Int, dy: Int)
    /// Puts the start point here and resets.
    case setStart(Vector2)
    case zoomIn
    case zoomOut
    /// Pans by whole pan steps (right and up are positive).
    case pan(dx: Int, dy: Int)
    case defaultView
    case faster
    case slower
    case toggleContours
    case toggleLogShading
    case toggleGradientArrows
    case toggleStepArrows
    case resize(width: Int, height: Int)
    /// Time passed while playing; the reducer takes the steps it is owed.
    case tick(seconds: Double)
    case quit
}

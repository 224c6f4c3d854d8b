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
    /// Sets the base learning rate of the optimizer at this index exactly as given, from its next
    /// step on: a change by hand, which branches from a replay.
    case setLearningRate(racer: Int, Double)
    case openSurfacePicker
    case openOptimizerPicker
    case toggleHelp
    case closeOverlay
    /// Moves the highlighted row of a picker.
    case movePickerCursor(by: Int)
    /// A new surface: the race restarts with its default view and start.
    case chooseSurface(String)
    /// Opens the formula prompt (`e`).
    case openFormulaPrompt
    /// Walks the formulas tried before: −1 an older one, +1 a newer one.
    case formulaHistory(by: Int)
    /// Makes this formula the surface (the race restarts on it, as with a picked surface).
    case useFormula(String)
    /// On a data surface, standardises the feature or goes back to the raw one (`N`): the race restarts
    /// from the same straight line in the new coordinates, in the new surface's view, with the same rates
    /// (only the feature's scale changed).
    case toggleNormalize
    /// On logreg, switches the loss between cross-entropy and squared error (`M`): the race restarts
    /// from the same start, in the same view, with the same rates.
    case toggleLoss
    /// Runs the learning-rate sweep of the selected optimizer from the current start and shows it (`S`).
    case openSweep
    /// Adds the optimizer (with its defaults) to the race, or removes it if it is racing.
    case toggleOptimizer(String)
    /// Moves the start point by whole arrow steps (right and up are positive) and resets.
    case moveStart(dx: Int, dy: Int)
    /// Puts the start point here and resets.
    case setStart(Vector2)
    case zoomIn
    case zoomOut
    /// Zooms by `factor` (< 1 in, > 1 out) keeping the plane point `around` where it is on screen (the wheel).
    case zoom(factor: Double, around: Vector2)
    /// Selects the optimizer at this index (a click on its row in the panel).
    case select(racer: Int)
    /// Pans by whole pan steps (right and up are positive).
    case pan(dx: Int, dy: Int)
    case defaultView
    case faster
    case slower
    case toggleContours
    case toggleLogShading
    case toggleGradientArrows
    case toggleStepArrows
    /// `B`: the basin map of the selected optimizer under the trajectories, on or off.
    case toggleBasins
    /// The shell computed a basin map; it is shown while it matches what is on screen.
    case basinsComputed(BasinOverlay)
    /// The shell ran `k` of the rates of the sweep with this serial number.
    case sweepProgressed(serial: Int, done: Int)
    /// The shell ran the sweep with this serial number: its trials, one per rate.
    case sweepComputed(serial: Int, trials: [LearningRateSweep.Trial])
    case resize(width: Int, height: Int)
    /// Time passed while playing; the reducer takes the steps it is owed.
    case tick(seconds: Double)
    case quit
    /// Enter: the parameter sheet of the selected optimizer.
    case openParameterSheet
    /// `+` / `-` in the parameter sheet: the highlighted parameter one step along its series.
    case stepParameter(up: Bool)
    /// Sets one parameter (not the learning rate) of the optimizer at this index from its next step on,
    /// keeping its state: a change by hand, recorded as a set event.
    case setParameter(racer: Int, key: String, text: String)
    /// `p`: asks the shell for the list of scenarios.
    case openScenarioPicker
    /// The shell found these scenarios (and perhaps a problem with some files, for the status bar).
    case showScenarios([ScenarioEntry], problem: String?)
    /// Replaces what is on screen with a scenario, playing it.
    case loadScenario(Scenario)
    /// `w`: the prompt for the name to save under (default: the surface's name).
    case openSavePrompt
    /// Typing in a prompt.
    case promptInput(Character)
    case promptBackspace
    /// Enter in a prompt or a picker that takes text.
    case confirmPrompt
    /// The answer to "overwrite?".
    case answerOverwrite(Bool)
    /// The shell found that the file to save exists: ask before overwriting it.
    case saveNeedsConfirmation(name: String)
    /// The shell finished saving (or could not): the message for the status bar.
    case saveFinished(message: String)
}

import ArgumentParser
import DescentApp
import DescentCore
import DescentRender

/// How the race is shown: shading, contours and arrows (the `c`, `l`, `g` and `v` keys at launch).
public struct ViewOptions: ParsableArguments {
    @Flag(help: "Draw contour lines (the c key).")
    public var contours = false

    @Option(help: ArgumentHelp("Shading of the heatmap: log or linear (default: the surface's own; the l key).", valueName: "shading"), completion: .list(["log", "linear"]))
    public var shading: String?

    @Flag(name: .customLong("gradient-arrows"), help: "Draw an arrow of −∇f at each current point (the g key).")
    public var gradientArrows = false

    @Flag(name: .customLong("step-arrows"), help: "Draw the step each optimizer is about to take (the v key).")
    public var stepArrows = false

    public init() {}

    /// The values given, as a plain value.
    public var settings: ViewSettings {
        ViewSettings(contours: contours, shading: shading, gradientArrows: gradientArrows, stepArrows: stepArrows)
    }
}

/// How the race is shown, as the command line gives it (`--contours`, `--shading`, `--gradient-arrows`, `--step-arrows`).
public struct ViewSettings: Equatable, Sendable {
    public var contours = false
    public var shading: String?
    public var gradientArrows = false
    public var stepArrows = false

    public init(contours: Bool = false, shading: String? = nil, gradientArrows: Bool = false, stepArrows: Bool = false) {
        self.contours = contours
        self.shading = shading
        self.gradientArrows = gradientArrows
        self.stepArrows = stepArrows
    }

    /// Applies these settings to a state.
    func apply(to state: inout AppState) throws(DescentError) {
        if let shading {
            switch shading.trimmingSpaces.lowercased() {
            case "log": state.logShading = true
            case "linear": state.logShading = false
            default:
                throw .unknownName(kind: "shading", name: shading, suggestion: nearestName(to: shading, in: ["log", "linear"]), choices: ["log", "linear"])
            }
        }
        state.showContours = contours
        state.showGradientArrows = gradientArrows
        state.showStepArrows = stepArrows
    }
}

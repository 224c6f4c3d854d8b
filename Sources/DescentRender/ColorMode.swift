/// How many colours the terminal can show, which decides how the heatmap is drawn.
public enum ColorMode: String, Equatable, Sendable, CaseIterable {
    /// No colour (or NO_COLOR, or --no-color): the ASCII ramp " .:-=+*#%@", one sample a cell.
    case none
    /// 8 or 16 colours: a coarse coloured ramp.
    case basic
    /// 256 colours: a perceptual colour map, two samples a cell with the upper half block.
    case palette256
}

import DescentRender

/// The colour and glyph of the i-th optimizer, distinct from each other and from the heatmap's colours.
public enum RacerStyle {
    static let glyphs: [Unicode.Scalar] = ["●", "◆", "■", "▲", "★", "◉", "▼", "✚"]
    /// Light, saturated colours: every one stands out on the dark purple of a valley floor (the
    /// darkest heatmap colour) by a contrast ratio above 4.5, where the racers spend most of their time.
    static let palette: [UInt8] = [231, 209, 213, 51, 226, 208, 117, 156]
    static let basicColors: [CellColor] = [.palette(15), .palette(9), .palette(13), .palette(0), .palette(11), .palette(14)]

    public static func glyph(_ index: Int, mode: ColorMode) -> Unicode.Scalar {
        if mode == .none { return Unicode.Scalar(UInt8(ascii: "1") + UInt8(index % 9)) }
        return glyphs[index % glyphs.count]
    }

    public static func color(_ index: Int, mode: ColorMode) -> CellColor {
        switch mode {
        case .palette256: return .palette(palette[index % palette.count])
        case .basic: return basicColors[index % basicColors.count]
        case .none: return .terminalDefault
        }
    }
}

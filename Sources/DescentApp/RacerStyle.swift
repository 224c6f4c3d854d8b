import DescentRender

/// The colour and glyph of the i-th optimizer, distinct from each other and from the heatmap's colours.
///
/// Each of the 8 colours is a hue in two forms: a light one that stands out on the dark purple of a
/// valley floor (contrast above 4.5 there) and a dark one for the light end of the map (the yellow of a
/// plateau). A trail cell takes whichever contrasts more with the heatmap under it. Racers beyond the
/// eighth reuse the colours with glyphs of their own.
public enum RacerStyle {
    static let glyphs: [Unicode.Scalar] = ["●", "◆", "■", "▲", "★", "◉", "▼", "✚", "♠", "♣", "♥", "♦", "✖", "◈", "▣", "◐"]
    /// (light, dark) forms of each hue as xterm cube colours (channel levels 0, 95, 135, 175, 215, 255),
    /// so the 256-colour and the 24-bit paths show exactly the same colours.
    static let hues: [(light: (UInt8, UInt8, UInt8), dark: (UInt8, UInt8, UInt8))] = [
        ((255, 255, 255), (0, 0, 0)),        // white / black
        ((255, 135, 95), (175, 0, 0)),       // coral / dark red
        ((255, 135, 255), (135, 0, 135)),    // pink / purple
        ((95, 255, 255), (0, 95, 135)),      // cyan / deep teal
        ((255, 255, 95), (95, 95, 0)),       // yellow / olive
        ((255, 175, 0), (175, 95, 0)),       // orange / brown
        ((135, 175, 255), (0, 0, 175)),      // sky / navy
        ((175, 255, 135), (0, 95, 0)),       // lime / dark green
    ]
    static let basicColors: [CellColor] = [.palette(15), .palette(9), .palette(13), .palette(0), .palette(11), .palette(14)]

    public static func glyph(_ index: Int, mode: ColorMode) -> Unicode.Scalar {
        if mode == .none { return Unicode.Scalar(UInt8(ascii: "1") + UInt8(index % 9)) }
        return glyphs[index % glyphs.count]
    }

    /// The racer's colour in its light form (for the panel and for marks on the dark map).
    public static func color(_ index: Int, mode: ColorMode) -> CellColor {
        switch mode {
        case .trueColor: return cellColor(hues[index % hues.count].light, mode: mode)
        case .palette256: return lightPalette[index % hues.count]
        case .basic: return basicColors[index % basicColors.count]
        case .none: return .terminalDefault
        }
    }

    /// The racer's colour in its dark form, for trail cells on the light part of the map (nil without one).
    public static func darkColor(_ index: Int, mode: ColorMode) -> CellColor? {
        switch mode {
        case .trueColor: return cellColor(hues[index % hues.count].dark, mode: mode)
        case .palette256: return darkPalette[index % hues.count]
        case .basic, .none: return nil
        }
    }

    /// The hues' forms as palette entries (exact: they are cube colours).
    static let lightPalette = hues.map { cellColor($0.light, mode: .palette256) }
    static let darkPalette = hues.map { cellColor($0.dark, mode: .palette256) }

    /// A style drawing in the racer's colour, light or dark by the heatmap under each cell.
    public static func style(_ index: Int, mode: ColorMode, attributes: CellAttributes = []) -> TextStyle {
        TextStyle(foreground: color(index, mode: mode), attributes: attributes, alternateForeground: darkColor(index, mode: mode))
    }

    static func cellColor(_ c: (UInt8, UInt8, UInt8), mode: ColorMode) -> CellColor {
        if mode == .trueColor { return .rgb(c.0, c.1, c.2) }
        return .palette(ColorMap.nearestCubeColor(r: Double(c.0), g: Double(c.1), b: Double(c.2)))
    }
}

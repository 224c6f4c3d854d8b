import DescentCore

/// Contrast between two cell colours by WCAG 2's rule: (L₁ + 0.05) / (L₂ + 0.05) with L the relative
/// luminance of the sRGB colour (L₁ the lighter). 1 for equal colours, 21 for black on white.
public enum Contrast {
    /// The contrast ratio of `a` and `b`; the terminal's default colour counts as the default of a dark
    /// terminal (light grey text on black).
    public static func ratio(_ a: CellColor, _ b: CellColor) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// The relative luminance of a colour: 0.2126 R + 0.7152 G + 0.0722 B of the linear channels.
    public static func luminance(_ color: CellColor) -> Double {
        let c: (r: UInt8, g: UInt8, b: UInt8)
        switch color {
        case .terminalDefault: c = (0, 0, 0)
        case let .palette(index): c = ColorMap.rgb(ofPaletteIndex: index)
        case let .rgb(r, g, b): c = (r, g, b)
        }
        return 0.2126 * linear[Int(c.r)] + 0.7152 * linear[Int(c.g)] + 0.0722 * linear[Int(c.b)]
    }

    /// sRGB channel value 0–255 → linear light: c/12.92 up to 0.04045, else ((c + 0.055)/1.055)^2.4.
    static let linear: [Double] = (0..<256).map { value in
        let c = Double(value) / 255
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)
    }
}

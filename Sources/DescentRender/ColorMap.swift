/// Maps a shade t ∈ [0, 1] (0 = lowest value shown) to a cell colour for each colour mode.
public enum ColorMap {
    /// Viridis (van der Walt & Smith, matplotlib's default map) at 10 evenly spaced shades (t = 0, 1/9, …, 1),
    /// as RGB 0–255; between stops the map is linear in RGB.
    static let viridisStops: [(r: Double, g: Double, b: Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37),
    ]

    /// Viridis at shade t (clamped to [0, 1]) as RGB 0–255, not rounded.
    public static func viridis(_ t: Double) -> (r: Double, g: Double, b: Double) {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 1
        let scaled = clamped * Double(viridisStops.count - 1)
        let i = min(Int(scaled), viridisStops.count - 2)
        let f = scaled - Double(i)
        let a = viridisStops[i], b = viridisStops[i + 1]
        return (a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f)
    }

    /// How many distinct shades the true-colour map has.
    public static let trueColorLevels = 256

    /// Viridis at `trueColorLevels` evenly spaced shades, rounded to 24-bit colours.
    static let viridisTrueColor: [CellColor] = (0..<trueColorLevels).map { level in
        let c = viridis(Double(level) / Double(trueColorLevels - 1))
        return .rgb(UInt8(c.r.rounded()), UInt8(c.g.rounded()), UInt8(c.b.rounded()))
    }

    /// How many shades the 256-colour map is sampled at (several map to the same cube colour).
    public static let paletteLevels = 64

    /// The colours of the xterm cube that follow viridis, dark to light: purple, violet, slate blue, blue,
    /// teal, green, yellow-green, yellow — each lighter than the one before, none grey. Chosen by eye
    /// against the 24-bit map; the plain nearest cube colour would put a grey-lavender band (60) across
    /// a quarter of the map.
    static let viridisCubeColors: [UInt8] = [53, 54, 55, 61, 25, 31, 30, 36, 35, 71, 77, 113, 149, 184, 220]

    /// For each of `paletteLevels` evenly spaced shades, the colour of `viridisCubeColors` nearest to
    /// viridis there, never one before the colour of the previous shade (the map only moves forward).
    static let viridisPalette: [UInt8] = {
        var result: [UInt8] = []
        var lowest = 0
        for level in 0..<paletteLevels {
            let c = viridis(Double(level) / Double(paletteLevels - 1))
            var best = lowest, bestDistance = Double.infinity
            for k in lowest..<viridisCubeColors.count {
                let e = rgb(ofPaletteIndex: viridisCubeColors[k])
                let d = perceivedDistance(Double(e.r), Double(e.g), Double(e.b), c.r, c.g, c.b)
                if d < bestDistance { bestDistance = d; best = k }
            }
            lowest = best
            result.append(viridisCubeColors[best])
        }
        return result
    }()

    /// The coarse ramp for 8/16-colour terminals, low to high.
    static let basicRamp: [CellColor] = [.blue, .cyan, .green, .yellow]

    /// The ASCII ramp for terminals without colour, low to high.
    public static let asciiRamp: [Unicode.Scalar] = Array(" .:-=+*#%@".unicodeScalars)

    /// The colour of shade t in a coloured mode (t is clamped to [0, 1]).
    public static func color(_ t: Double, mode: ColorMode) -> CellColor {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 1
        switch mode {
        case .trueColor:
            return viridisTrueColor[min(trueColorLevels - 1, Int(clamped * Double(trueColorLevels - 1) + 0.5))]
        case .palette256:
            return .palette(viridisPalette[min(paletteLevels - 1, Int(clamped * Double(paletteLevels - 1) + 0.5))])
        case .basic:
            return basicRamp[min(basicRamp.count - 1, Int(clamped * Double(basicRamp.count)))]
        case .none:
            return .terminalDefault
        }
    }

    /// `color(_:mode:)` for one mode, with its table looked up once: for the many samples of a heatmap.
    public struct Ramp: Sendable {
        let colors: [CellColor]
        let scale: Double, offset: Double

        public init(mode: ColorMode) {
            switch mode {
            case .trueColor: (colors, scale, offset) = (ColorMap.viridisTrueColor, Double(ColorMap.trueColorLevels - 1), 0.5)
            case .palette256: (colors, scale, offset) = (ColorMap.viridisPalette.map { .palette($0) }, Double(ColorMap.paletteLevels - 1), 0.5)
            case .basic: (colors, scale, offset) = (ColorMap.basicRamp, Double(ColorMap.basicRamp.count), 0)
            case .none: (colors, scale, offset) = ([.terminalDefault], 0, 0)
            }
        }

        /// The colour of shade t, as `ColorMap.color(t, mode:)` gives it.
        @inline(__always) public func color(_ t: Double) -> CellColor {
            let clamped = t.isFinite ? min(max(t, 0), 1) : 1
            return colors[min(colors.count - 1, Int(clamped * scale + offset))]
        }
    }

    /// The ASCII ramp character of shade t.
    public static func character(_ t: Double) -> Unicode.Scalar {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 1
        return asciiRamp[min(asciiRamp.count - 1, Int(clamped * Double(asciiRamp.count)))]
    }

    /// The channel levels of the xterm colour cube.
    static let cubeLevels: [Double] = [0, 95, 135, 175, 215, 255]

    /// The RGB colour (0–255 each) of an xterm-256 palette entry, as xterm defines it.
    public static func rgb(ofPaletteIndex index: UInt8) -> (r: UInt8, g: UInt8, b: UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i < 232 {
            let cube = i - 16
            return (UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[cube / 6 % 6]), UInt8(cubeLevels[cube % 6]))
        }
        let grey = UInt8(8 + 10 * (i - 232))
        return (grey, grey, grey)
    }

    /// The cube colour (16–231) nearest to (r, g, b) by the "redmean" weighted distance, which follows
    /// perceived differences better than plain RGB distance.
    public static func nearestCubeColor(r: Double, g: Double, b: Double) -> UInt8 {
        var best = 16, bestDistance = Double.infinity
        for ri in 0..<6 {
            for gi in 0..<6 {
                for bi in 0..<6 {
                    let d = perceivedDistance(cubeLevels[ri], cubeLevels[gi], cubeLevels[bi], r, g, b)
                    if d < bestDistance { bestDistance = d; best = 16 + 36 * ri + 6 * gi + bi }
                }
            }
        }
        return UInt8(best)
    }

    /// The xterm-256 palette index (16–255) whose colour is nearest to (r, g, b), 0–255 each: a cube
    /// colour or a grey, for single colours (text, racers) where a grey is as good as any.
    public static func nearestXterm256(r: Double, g: Double, b: Double) -> UInt8 {
        let cube = nearestCubeColor(r: r, g: g, b: b)
        let c = rgb(ofPaletteIndex: cube)
        let cubeDistance = perceivedDistance(Double(c.r), Double(c.g), Double(c.b), r, g, b)
        let grey = (r + g + b) / 3
        let greyStep = min(23, max(0, Int(((grey - 8) / 10).rounded())))
        let greyValue = Double(8 + 10 * greyStep)
        let greyDistance = perceivedDistance(greyValue, greyValue, greyValue, r, g, b)
        return greyDistance < cubeDistance ? UInt8(232 + greyStep) : cube
    }

    /// The "redmean" colour distance (squared): RGB distance weighted by the mean red level.
    static func perceivedDistance(_ r1: Double, _ g1: Double, _ b1: Double, _ r2: Double, _ g2: Double, _ b2: Double) -> Double {
        let meanRed = (r1 + r2) / 2
        let dr = r1 - r2, dg = g1 - g2, db = b1 - b2
        return (2 + meanRed / 256) * dr * dr + 4 * dg * dg + (2 + (255 - meanRed) / 256) * db * db
    }
}

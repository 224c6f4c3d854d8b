/// Maps a shade t ∈ [0, 1] (0 = lowest value shown) to a cell colour for each colour mode.
public enum ColorMap {
    /// Viridis (van der Walt & Smith, matplotlib's default map) at 9 evenly spaced stops, as RGB.
    static let viridisStops: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37),
    ]

    /// How many distinct shades the 256-colour map has.
    public static let paletteLevels = 32

    /// The xterm-256 colours nearest to viridis at `paletteLevels` evenly spaced shades.
    static let viridisPalette: [UInt8] = (0..<paletteLevels).map { level in
        let t = Double(level) / Double(paletteLevels - 1)
        let scaled = t * Double(viridisStops.count - 1)
        let i = min(Int(scaled), viridisStops.count - 2)
        let f = scaled - Double(i)
        let a = viridisStops[i], b = viridisStops[i + 1]
        return nearestXterm256(r: a.0 + (b.0 - a.0) * f, g: a.1 + (b.1 - a.1) * f, b: a.2 + (b.2 - a.2) * f)
    }

    /// The coarse ramp for 8/16-colour terminals, low to high.
    static let basicRamp: [CellColor] = [.blue, .cyan, .green, .yellow]

    /// The ASCII ramp for terminals without colour, low to high.
    public static let asciiRamp: [Unicode.Scalar] = Array(" .:-=+*#%@".unicodeScalars)

    /// The colour of shade t in a coloured mode (t is clamped to [0, 1]).
    public static func color(_ t: Double, mode: ColorMode) -> CellColor {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 1
        switch mode {
        case .palette256:
            return .palette(viridisPalette[min(paletteLevels - 1, Int(clamped * Double(paletteLevels - 1) + 0.5))])
        case .basic:
            return basicRamp[min(basicRamp.count - 1, Int(clamped * Double(basicRamp.count)))]
        case .none:
            return .terminalDefault
        }
    }

    /// The ASCII ramp character of shade t.
    public static func character(_ t: Double) -> Unicode.Scalar {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 1
        return asciiRamp[min(asciiRamp.count - 1, Int(clamped * Double(asciiRamp.count)))]
    }

    /// The xterm-256 palette index (16–255) whose colour is nearest to (r, g, b), 0–255 each.
    public static func nearestXterm256(r: Double, g: Double, b: Double) -> UInt8 {
        let levels: [Double] = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: Double) -> Int {
            var best = 0
            for i in 1..<levels.count where abs(levels[i] - v) < abs(levels[best] - v) { best = i }
            return best
        }
        let ri = nearestLevel(r), gi = nearestLevel(g), bi = nearestLevel(b)
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = squaredDistance(levels[ri], levels[gi], levels[bi], r, g, b)
        let grey = (r + g + b) / 3
        let greyStep = min(23, max(0, Int(((grey - 8) / 10).rounded())))
        let greyValue = Double(8 + 10 * greyStep)
        let greyDistance = squaredDistance(greyValue, greyValue, greyValue, r, g, b)
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cubeIndex)
    }

    private static func squaredDistance(_ a: Double, _ b: Double, _ c: Double, _ x: Double, _ y: Double, _ z: Double) -> Double {
        (a - x) * (a - x) + (b - y) * (b - y) + (c - z) * (c - z)
    }
}

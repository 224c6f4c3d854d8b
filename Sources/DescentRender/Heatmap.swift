import DescentCore

/// How values become shades.
public struct Shading: Hashable, Sendable {
    /// Log shading: t = log(f − lo + δ) scaled to [0, 1], for surfaces whose values span decades.
    public var logarithmic: Bool
    /// Contour lines at `contourLevels` evenly spaced shades.
    public var contours: Bool

    public static let contourLevels = 12

    public init(logarithmic: Bool = false, contours: Bool = false) {
        self.logarithmic = logarithmic
        self.contours = contours
    }
}

/// The surface as a grid of cells over a viewport: the background every frame is drawn on.
///
/// With 256 colours each cell shows two samples (the upper half block ▀ with foreground = upper
/// sample, background = lower), with 8/16 colours the same with a coarse ramp, and without colour
/// one sample per cell from the ASCII ramp. Known points are marked (`CellGrid.markKnownPoints`).
public struct Heatmap: Sendable {
    public let grid: CellGrid
    /// The lowest and highest finite values sampled, or of a known point in view beyond them.
    public let lowestValue: Double
    public let highestValue: Double
    /// Where the lowest finite sample is (the first, on a tie), or nil when no sample is finite: a
    /// surface without known minima (a formula) marks it instead.
    public let lowestSample: Vector2?

    public static let upperHalfBlock: Unicode.Scalar = "\u{2580}"

    /// The colour scale runs from the lowest to the highest value shown.
    public init(surface: any Surface, viewport: Viewport, mode: ColorMode, shading: Shading) {
        let columns = viewport.area.width, rows = viewport.area.height
        let samplesPerCell = mode == .none ? 1 : 2
        let sampleRows = rows * samplesPerCell
        // Sample centres: columns at cell centres; rows at cell centres, or at the quarter and
        // three-quarter heights of each cell with half blocks.
        let xs = (0..<columns).map { column in
            viewport.point(column: viewport.area.x + column, row: viewport.area.y).x
        }
        let ys = (0..<sampleRows).map { sampleRow -> Double in
            let row = viewport.area.y + sampleRow / samplesPerCell
            return samplesPerCell == 2
                ? viewport.halfBlockSample(column: viewport.area.x, row: row, lower: sampleRow % 2 == 1).y
                : viewport.point(column: viewport.area.x, row: row).y
        }
        var lo = Double.infinity, hi = -Double.infinity
        let values = [Double](unsafeUninitializedCapacity: columns * sampleRows) { buffer, count in
            var next = buffer.baseAddress!
            for sampleRow in 0..<sampleRows {
                let y = ys[sampleRow]
                for column in 0..<columns {
                    let v = surface.value(at: Vector2(xs[column], y))
                    next.initialize(to: v)
                    next += 1
                    if v.isFinite {
                        lo = min(lo, v)
                        hi = max(hi, v)
                    }
                }
            }
            count = columns * sampleRows
        }
        // Found after the loop, which then stays two plain min/max updates a sample.
        lowestSample = values.firstIndex(of: lo).map { Vector2(xs[$0 % columns], ys[$0 / columns]) }
        // The samples miss a minimum (or maximum) between them: known points in view widen the scale to
        // their values, so its ends are the true lowest and highest values shown (0 at the bowl's bottom).
        for known in surface.knownPoints where known.value.isFinite && viewport.world.contains(known.point) {
            lo = min(lo, known.value)
            hi = max(hi, known.value)
        }
        lowestValue = lo
        highestValue = hi

        // The values become their shades in place (one array of samples, not two).
        var shades = consume values
        Heatmap.normalize(&shades, lo: lo, hi: hi, logarithmic: shading.logarithmic)

        // A sample is on a contour where the band changes toward its right or lower neighbour, but
        // not also toward the opposite one: where bands are thinner than a sample, no line is drawn
        // (it would fill the area) and the colours show the slope instead.
        var onContour = [Bool](repeating: false, count: shading.contours ? shades.count : 0)
        if shading.contours {
            let levels = Double(Shading.contourLevels)
            let bands = shades.map { Int((min(max($0, 0), 1) * levels).rounded(.down)) }
            for r in 0..<sampleRows {
                for c in 0..<columns {
                    let i = r * columns + c
                    if c + 1 < columns, bands[i] != bands[i + 1], c == 0 || bands[i - 1] == bands[i] { onContour[i] = true }
                    if r + 1 < sampleRows, bands[i] != bands[i + columns], r == 0 || bands[i - columns] == bands[i] { onContour[i] = true }
                }
            }
        }

        let ramp = ColorMap.Ramp(mode: mode)
        let contours = shading.contours
        var grid = CellGrid(width: columns, height: rows) { column, row in
            if mode == .none {
                let i = row * columns + column
                return Cell(contours && onContour[i] ? "~" : ColorMap.character(shades[i]))
            }
            let upper = (2 * row) * columns + column, lower = upper + columns
            return Cell(
                Heatmap.upperHalfBlock,
                foreground: contours && onContour[upper] ? Heatmap.color(shade: shades[upper], contour: true, mode: mode) : ramp.color(shades[upper]),
                background: contours && onContour[lower] ? Heatmap.color(shade: shades[lower], contour: true, mode: mode) : ramp.color(shades[lower]))
        }
        grid.markKnownPoints(of: surface, viewport: Viewport(view: viewport.world, area: CellRect(x: 0, y: 0, width: columns, height: rows)),
                             mode: mode)
        self.grid = grid
    }

    /// The shade of a contour sample contrasts with its surroundings: lighter on dark, darker on light.
    static func color(shade: Double, contour: Bool, mode: ColorMode) -> CellColor {
        guard contour else { return ColorMap.color(shade, mode: mode) }
        if mode == .basic { return shade > 0.5 ? .black : .white }
        return ColorMap.color(shade > 0.55 ? shade - 0.4 : shade + 0.4, mode: mode)
    }

    /// Replaces each value by its shade (see `ShadeScale`), in place.
    static func normalize(_ values: inout [Double], lo: Double, hi: Double, logarithmic: Bool) {
        let scale = ShadeScale(lo: lo, hi: hi, logarithmic: logarithmic)
        for i in values.indices { values[i] = scale.shade(values[i]) }
    }

    /// The shade function of `ShadeScale` as a closure.
    public static func normalizer(lo: Double, hi: Double, logarithmic: Bool) -> @Sendable (Double) -> Double {
        let scale = ShadeScale(lo: lo, hi: hi, logarithmic: logarithmic)
        return { scale.shade($0) }
    }
}

/// f ↦ t ∈ [0, 1]: linear between lo and hi, or log10(f − lo + δ) between log10 δ and log10(hi − lo + δ)
/// with δ = 10⁻⁶ (hi − lo). Non-finite values map to 1 (the top of the scale); with no range every
/// finite value maps to 0. Values outside [lo, hi] give t outside [0, 1] (the colour maps clamp them).
public struct ShadeScale: Sendable {
    let lo: Double
    let logarithmic: Bool
    let delta: Double
    let bottom: Double
    let factor: Double

    public init(lo: Double, hi: Double, logarithmic: Bool) {
        self.lo = lo
        let range = hi - lo
        guard range > 0, range.isFinite else {
            self.logarithmic = false
            delta = 0
            bottom = 0
            factor = 0
            return
        }
        self.logarithmic = logarithmic
        delta = max(range * 1e-6, Double.leastNormalMagnitude)
        bottom = logarithmic ? ShadeScale.log2(delta) : 0
        factor = logarithmic ? 1 / (ShadeScale.log2(range + delta) - bottom) : 1 / range
    }

    @inline(__always) public func shade(_ v: Double) -> Double {
        guard v.isFinite else { return 1 }
        if logarithmic { return (ShadeScale.log2(max(v - lo, 0) + delta) - bottom) * factor }
        return (v - lo) * factor
    }

    /// log₂ x for x > 0, to about 2e-5: the exponent plus log₂ of the significand m ∈ [1, 2) from
    /// ln m = 2 (s + s³/3 + s⁵/5 + s⁷/7), s = (m − 1)/(m + 1) ≤ 1/3. Shades need ~10⁻³; this is
    /// several times cheaper than the C library's log for the 10⁵ samples of a heatmap.
    ///
    /// x is a normal number here (x ≥ δ ≥ the least normal Double), so its exponent and significand are
    /// read from its bits: the same values as `exponent` and `significand`, without their checks for
    /// zero, subnormals, infinity and NaN.
    @inline(__always) static func log2(_ x: Double) -> Double {
        let bits = x.bitPattern
        let exponent = Int((bits >> 52) & 0x7FF) - 1023
        let m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        let s = (m - 1) / (m + 1), s2 = s * s
        let ln = 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7))))
        return Double(exponent) + ln * 1.4426950408889634
    }
}

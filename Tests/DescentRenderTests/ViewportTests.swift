import Testing
import DescentCore
@testable import DescentRender

@Suite struct ViewportTests {
    @Test func oneUnitOfXAndOfYHaveTheSameLengthOnScreen() {
        // A square view in a wide area: widened in x; a cell row covers twice the units of a column.
        let viewport = Viewport(view: ViewRect(x: -1...1, y: -1...1), area: CellRect(x: 0, y: 0, width: 80, height: 20))
        #expect(viewport.world.height == 2)
        #expect(viewport.world.width == 4)
        #expect(viewport.unitsPerColumn == 0.05)
        // A tall view in the same area: the height decides.
        let tall = Viewport(view: ViewRect(x: -1...1, y: -10...10), area: CellRect(x: 0, y: 0, width: 80, height: 20))
        #expect(tall.world.height == 20)
        #expect(tall.world.width == 80 * 0.5)
        #expect(tall.world.center == Vector2(0, 0))
    }

    @Test func pointsMapToCellsWithYFlipped() {
        let viewport = Viewport(view: ViewRect(x: 0...10, y: 0...5), area: CellRect(x: 2, y: 1, width: 10, height: 3))
        // unitsPerColumn = max(10/10, 5/6) = 1; world y spans 6 around 2.5
        #expect(viewport.cell(of: Vector2(0.5, 5.4))! == (2, 1))
        #expect(viewport.cell(of: Vector2(9.5, -0.4))! == (11, 3))
        #expect(viewport.cell(of: Vector2(10.5, 2)) == nil)
        #expect(viewport.cell(of: Vector2(.nan, 2)) == nil)
        let centre = viewport.point(column: 2, row: 1)
        #expect(viewport.cell(of: centre)! == (2, 1))
    }

    @Test func segmentsAreClippedAndConnected() {
        var grid = CellGrid(width: 10, height: 5)
        let viewport = Viewport(view: ViewRect(x: 0...10, y: 0...10), area: grid.bounds)
        // A segment from inside to a point a million units away draws only the visible cells.
        let drawn = grid.drawSegment(from: Vector2(5, 5), to: Vector2(1e6, 5), viewport: viewport, glyph: "*", style: .plain)
        #expect(drawn <= 10)
        let row = grid.text(ofRow: 2)
        #expect(row.hasSuffix("*****"))
        // A diagonal has no gaps: every column between the ends is drawn.
        var diagonal = CellGrid(width: 20, height: 10)
        let v2 = Viewport(view: ViewRect(x: 0...20, y: 0...20), area: diagonal.bounds)
        diagonal.drawSegment(from: Vector2(0.5, 0.5), to: Vector2(19.5, 19.5), viewport: v2, glyph: "#", style: .plain)
        for column in 0..<20 {
            #expect((0..<10).contains { diagonal[column, $0].character == "#" }, "gap in column \(column)")
        }
        // Entirely outside: nothing.
        var empty = CellGrid(width: 10, height: 5)
        #expect(empty.drawSegment(from: Vector2(-5, -5), to: Vector2(-1, -9), viewport: viewport, glyph: "*", style: .plain) == 0)
    }

    @Test func aPointOutsideGetsAnArrowAtTheEdgeTowardIt() throws {
        let viewport = Viewport(view: ViewRect(x: -1...1, y: -1...1), area: CellRect(x: 0, y: 0, width: 20, height: 10))
        let right = try #require(CellGrid.edgeMark(toward: Vector2(100, 0), viewport: viewport, ascii: false))
        #expect(right.column == 19)
        #expect(right.glyph == "→")
        let up = try #require(CellGrid.edgeMark(toward: Vector2(0, 100), viewport: viewport, ascii: true))
        #expect(up.row == 0)
        #expect(up.glyph == "^")
        #expect(CellGrid.edgeMark(toward: Vector2(0, 0), viewport: viewport, ascii: false) == nil)
    }
}

@Suite struct HeatmapTests {
    @Test func asciiRampRunsFromBlankAtTheMinimumToAtAtTheTop() {
        let viewport = Viewport(view: ViewRect(x: -3...3, y: -3...3), area: CellRect(x: 0, y: 0, width: 24, height: 6))
        let heatmap = Heatmap(surface: Bowl(), viewport: viewport, mode: .none, shading: Shading())
        let characters = Set(heatmap.grid.cells.map(\.character))
        #expect(characters.isSubset(of: Set(ColorMap.asciiRamp + ["x"])))
        #expect(heatmap.grid[0, 0].character == "@")
        #expect(heatmap.grid[12, 3].character == "x")  // the marked minimum at the centre
    }

    @Test func palette256UsesUpperHalfBlocksWithTwoSamplesPerCell() {
        let viewport = Viewport(view: ViewRect(x: -3...3, y: -3...3), area: CellRect(x: 0, y: 0, width: 24, height: 6))
        let heatmap = Heatmap(surface: Bowl(), viewport: viewport, mode: .palette256, shading: Shading())
        let cell = heatmap.grid[3, 0]
        #expect(cell.character == Heatmap.upperHalfBlock)
        #expect(heatmap.grid.cells.allSatisfy { $0.foreground != .terminalDefault })
        // In the top row the upper sample is farther from the minimum than the lower: a brighter colour
        // (the 24-bit map tells them apart; the 256-colour map may put both in one band).
        let smooth = Heatmap(surface: Bowl(), viewport: viewport, mode: .trueColor, shading: Shading())
        let top = smooth.grid[3, 0]
        #expect(top.foreground != top.background)
        #expect(Contrast.luminance(top.foreground) > Contrast.luminance(top.background))
    }

    @Test func logShadingSpreadsTheLowValues() {
        let linear = Heatmap.normalizer(lo: 0, hi: 1000, logarithmic: false)
        let log = Heatmap.normalizer(lo: 0, hi: 1000, logarithmic: true)
        #expect(abs(linear(1) - 0.001) < 1e-12)
        #expect(log(1) > 0.4)  // six decades below the range: 1 is half-way up
        #expect(log(1000) == 1)
        #expect(log(0) == 0)
        #expect(linear(.nan) == 1)
    }

    @Test func theFastLogarithmOfTheShadesIsAccurateOverEveryMagnitude() {
        var x = Double.leastNormalMagnitude
        while x < 1e300 {
            for multiple in [1.0, 1.3, 1.999, 2.5, 7.7] {
                let v = x * multiple
                #expect(abs(ShadeScale.log2(v) - Math.log(v) / Math.log(2)) < 1e-4, "\(v)")
            }
            x *= 1e7
        }
    }

    @Test func contoursAddContrastingSamples() {
        let viewport = Viewport(view: ViewRect(x: -3...3, y: -3...3), area: CellRect(x: 0, y: 0, width: 40, height: 10))
        let plain = Heatmap(surface: Bowl(), viewport: viewport, mode: .none, shading: Shading())
        let contoured = Heatmap(surface: Bowl(), viewport: viewport, mode: .none, shading: Shading(contours: true))
        #expect(!plain.grid.cells.contains { $0.character == "~" })
        #expect(contoured.grid.cells.contains { $0.character == "~" })
    }

    @Test func viridisRunsFromDarkPurpleToYellow() {
        #expect(ColorMap.color(0, mode: .palette256) == .palette(ColorMap.nearestXterm256(r: 68, g: 1, b: 84)))
        #expect(ColorMap.color(1, mode: .palette256) == .palette(ColorMap.nearestXterm256(r: 253, g: 231, b: 37)))
        #expect(ColorMap.nearestXterm256(r: 255, g: 255, b: 255) == 231)
        #expect(ColorMap.nearestXterm256(r: 128, g: 128, b: 128) == 244)
        #expect(Set(ColorMap.viridisPalette).count >= 10)
    }

    @Test func theHeatmapsRampGivesTheColourMapsColourInEveryMode() {
        let edges: [Double] = [.nan, .infinity, -.infinity, 0.5 - 1e-12, 1.0 / 63, 1.0 / 255]
        let shades: [Double] = (-20...1020).map { Double($0) / 1000 } + edges
        for mode in [ColorMode.trueColor, .palette256, .basic, .none] {
            let ramp = ColorMap.Ramp(mode: mode)
            for t in shades where ramp.color(t) != ColorMap.color(t, mode: mode) {
                Issue.record("\(mode) at \(t): ramp \(ramp.color(t)), map \(ColorMap.color(t, mode: mode))")
            }
        }
    }

    @Test func the256ColourMapHasNoGreyAndOnlyGetsLighter() {
        let colors = (0...200).map { ColorMap.color(Double($0) / 200, mode: .palette256) }
        var previous = -1.0
        for color in colors {
            guard case let .palette(index) = color else { Issue.record("not a palette colour: \(color)"); return }
            // Neither the grey ramp nor a cube colour whose channels are nearly equal (a grey band).
            #expect(index >= 16 && index < 232)
            let c = ColorMap.rgb(ofPaletteIndex: index)
            #expect(Int(max(c.r, c.g, c.b)) - Int(min(c.r, c.g, c.b)) >= 80, "colour \(index) is nearly grey")
            let luminance = Contrast.luminance(color)
            #expect(luminance >= previous - 0.02, "colour \(index) is darker than the one before")
            previous = max(previous, luminance)
        }
    }

    @Test func theTrueColourMapIsSmoothViridis() {
        // A 400 × 120-sample heatmap: 400 columns, 60 rows of two samples.
        let viewport = Viewport(view: ViewRect(x: -2...2, y: -1...3), area: CellRect(x: 0, y: 0, width: 400, height: 60))
        let heatmap = Heatmap(surface: Rosenbrock(), viewport: viewport, mode: .trueColor, shading: Shading(logarithmic: true))
        let colors = Set(heatmap.grid.cells.flatMap { [$0.foreground, $0.background] })
        #expect(colors.count >= 200)
        // The ends are matplotlib's viridis (#440154 and #fde725), and the middle is its teal #21918c ± 3.
        #expect(ColorMap.color(0, mode: .trueColor) == .rgb(68, 1, 84))
        #expect(ColorMap.color(1, mode: .trueColor) == .rgb(253, 231, 37))
        guard case let .rgb(r, g, b) = ColorMap.color(0.5, mode: .trueColor) else { Issue.record("not 24-bit"); return }
        #expect(abs(Int(r) - 0x21) <= 3 && abs(Int(g) - 0x91) <= 3 && abs(Int(b) - 0x8c) <= 3)
    }

    @Test func paletteEntriesHaveXtermsColours() {
        #expect(ColorMap.rgb(ofPaletteIndex: 196) == (255, 0, 0))
        #expect(ColorMap.rgb(ofPaletteIndex: 16) == (0, 0, 0))
        #expect(ColorMap.rgb(ofPaletteIndex: 231) == (255, 255, 255))
        #expect(ColorMap.rgb(ofPaletteIndex: 67) == (95, 135, 175))
        #expect(ColorMap.rgb(ofPaletteIndex: 232) == (8, 8, 8))
        #expect(ColorMap.rgb(ofPaletteIndex: 255) == (238, 238, 238))
    }

    @Test func contrastFollowsWCAG() {
        #expect(abs(Contrast.ratio(.rgb(0, 0, 0), .rgb(255, 255, 255)) - 21) < 1e-9)
        #expect(Contrast.ratio(.palette(196), .palette(196)) == 1)
        // #777777 on white is the textbook 4.48.
        #expect(abs(Contrast.ratio(.rgb(0x77, 0x77, 0x77), .rgb(255, 255, 255)) - 4.48) < 0.01)
    }

    @Test func ansiTextCarries24BitColours() {
        var grid = CellGrid(width: 1, height: 1)
        grid[0, 0] = Cell("▀", foreground: .rgb(68, 1, 84), background: .rgb(253, 231, 37))
        #expect(ANSIText.encode(grid).contains("\u{1B}[0;38;2;68;1;84;48;2;253;231;37m▀"))
    }

    @Test func combiningMarksShareTheCellOfTheirCharacter() {
        var grid = CellGrid(width: 12, height: 1)
        let end = grid.write("m̂ / (√v̂ + ε)", column: 0, row: 0)
        #expect(end == 12)
        #expect(grid[0, 0].character == "m" && grid[0, 0].mark == "\u{0302}")
        #expect(grid.text(ofRow: 0).hasPrefix("m̂ / (√v̂ + ε)"))
        #expect(ANSIText.encode(grid).contains("m̂"))
    }

    @Test func textThatDoesNotFitEndsInAnEllipsis() {
        #expect(TextFit.fit("converged at 184", width: 16) == "converged at 184")
        #expect(TextFit.fit("converged at 184", width: 15) == "converged at 1…")
        #expect(TextFit.fit("g̃ = ∇f + noise", width: 5) == "g̃ =…")
        #expect(TextFit.columns("g̃ = ∇f") == 6)
    }

    @Test func ansiTextCarriesPaletteColours() {
        var grid = CellGrid(width: 2, height: 1)
        grid[0, 0] = Cell("▀", foreground: .palette(53), background: .palette(190))
        let text = ANSIText.encode(grid)
        #expect(text.contains("\u{1B}[0;38;5;53;48;5;190m▀"))
        #expect(text.hasSuffix("\u{1B}[0m\n"))
    }

    @Test func numbersAreCompactAndNeverNaN() {
        #expect(NumberFormat.compact(0.0123) == "0.0123")
        #expect(NumberFormat.compact(24.2) == "24.2")
        #expect(NumberFormat.compact(1.5e-7) == "1.50e-07")
        #expect(NumberFormat.compact(123456) == "1.23e+05")
        #expect(NumberFormat.compact(0) == "0")
        #expect(!NumberFormat.compact(.nan).contains("nan"))
    }
}

/// ANSI escapes as a terminal reads them, written out by hand.
@Suite struct ANSITextTests {
    @Test func stylesBecomeSGRSequencesOnlyWhereTheyChange() {
        var grid = CellGrid(width: 4, height: 1)
        grid.set(column: 0, row: 0, Cell("a", foreground: .palette(196), attributes: [.bold]))
        grid.set(column: 1, row: 0, Cell("b", foreground: .palette(196), attributes: [.bold]))
        grid.set(column: 2, row: 0, Cell("▀", foreground: .rgb(1, 20, 255), background: .rgb(0, 9, 100)))
        grid.set(column: 3, row: 0, Cell("m", mark: "\u{0302}", attributes: [.dim, .underline, .reverse]))
        #expect(ANSIText.encode(grid) == "\u{1B}[0;1;38;5;196mab\u{1B}[0;38;2;1;20;255;48;2;0;9;100m▀\u{1B}[0;2;4;7mm\u{0302}\u{1B}[0m\n")
    }
}

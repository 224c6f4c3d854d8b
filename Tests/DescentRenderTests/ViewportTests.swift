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
        // In the top row the upper sample is farther from the minimum than the lower: a brighter colour.
        #expect(cell.foreground != cell.background)
        #expect(heatmap.grid.cells.allSatisfy { $0.foreground != .terminalDefault })
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
        #expect(Set(ColorMap.viridisPalette).count >= 12)
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

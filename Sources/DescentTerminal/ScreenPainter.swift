import CNcursesw
import DescentRender
import Glibc

/// Copies cell grids into one curses window and updates the terminal. Only cells that differ from the
/// previously painted grid are written (ncurses then sends only what changed on screen); colour pairs are
/// allocated on first use per (foreground, background).
final class ScreenPainter {
    private let window: UnsafeMutablePointer<WINDOW>
    /// Colours the terminal shows (0: paint no colour).
    private let colorCount: Int
    /// Whether −1 means the terminal's own colour (`use_default_colors` succeeded).
    private let hasDefaultColors: Bool
    /// Whether colour numbers are 24-bit RGB values (a direct-colour terminfo entry such as xterm-direct),
    /// where palette entries 8–255 must be sent as their RGB colours.
    private let directColor: Bool
    private let pairLimit: Int32
    /// Colour pair numbers by `pairKey(foreground, background)`.
    private var pairs: [Int: Int32] = [:]
    /// The terminal colour of each 24-bit colour shown so far, where the terminal has no direct colour.
    private var paletteForRGB: [UInt32: Int32] = [:]
    private var previous: CellGrid?
    private var paintedScreenSize = (width: 0, height: 0)
    /// curses attributes for each of the 16 combinations of `CellAttributes`.
    private let attributeTable: [attr_t]
    private let text = UnsafeMutablePointer<wchar_t>.allocate(capacity: 3)
    private var character = cchar_t()
    private var pairArgument: Int32 = 0

    /// `colorCount` 0 paints without colour (ColorMode.none); otherwise `start_color` must have been called.
    init(window: UnsafeMutablePointer<WINDOW>, colorCount: Int, hasDefaultColors: Bool, directColor: Bool = false) {
        self.window = window
        self.colorCount = colorCount
        self.hasDefaultColors = hasDefaultColors
        self.directColor = directColor
        pairLimit = colorCount > 0 ? descent_color_pairs() : 0
        attributeTable = (0..<16).map { bits in
            let attributes = CellAttributes(rawValue: UInt8(bits))
            var result = attr_t(0)
            if attributes.contains(.bold) { result |= descent_attr_bold() }
            if attributes.contains(.reverse) { result |= descent_attr_reverse() }
            if attributes.contains(.dim) { result |= descent_attr_dim() }
            if attributes.contains(.underline) { result |= descent_attr_underline() }
            return result
        }
        text[1] = 0
        text[2] = 0
    }

    deinit { text.deallocate() }

    /// Forgets the previously painted grid, so the next `paint` writes every cell (after a resize).
    func invalidate() { previous = nil }

    /// Copies `grid` to the window (clipped to it) and updates the terminal with one `doupdate`.
    func paint(_ grid: CellGrid) {
        if !copy(grid, mayGiveUp: true) {
            // Out of colour pairs: start a new pair table and repaint everything with it.
            pairs.removeAll(keepingCapacity: true)
            previous = nil
            _ = copy(grid, mayGiveUp: false)
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes the cells that changed since `previous` (all of them when there is none, the sizes differ or the
    /// window was resized). Returns false, having stopped early, when the colour pairs ran out and `mayGiveUp`.
    private func copy(_ grid: CellGrid, mayGiveUp: Bool) -> Bool {
        let screen = (width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        var old = previous
        if old?.width != grid.width || old?.height != grid.height || screen != paintedScreenSize {
            old = nil
        }
        if old == nil { werase(window) }
        paintedScreenSize = screen
        let width = min(grid.width, screen.width)
        let height = min(grid.height, screen.height)
        for row in 0..<max(0, height) {
            for column in 0..<max(0, width) {
                let cell = grid[column, row]
                if let old, old[column, row] == cell { continue }
                guard let pair = pairNumber(for: cell) else {
                    if mayGiveUp { return false }
                    put(cell, column: column, row: row, pair: 0)
                    continue
                }
                put(cell, column: column, row: row, pair: pair)
            }
        }
        return true
    }

    /// Draws one cell. ERR is ignored: writing the bottom-right cell returns ERR yet draws.
    private func put(_ cell: Cell, column: Int, row: Int, pair: Int32) {
        text[0] = wchar_t(bitPattern: Self.displayable(cell.character))
        // A combining mark goes into the same cchar_t after its base character (ncursesw keeps it with the cell).
        text[1] = cell.mark.map { descent_wcwidth(wchar_t(bitPattern: $0.value)) == 0 ? wchar_t(bitPattern: $0.value) : 0 } ?? 0
        pairArgument = pair
        let attributes = attributeTable[Int(cell.attributes.rawValue & 0x0F)]
        // Pairs above 255 do not fit the short argument; `opts` (an int *) carries the full number.
        _ = setcchar(&character, text, attributes, Int16(clamping: pair), &pairArgument)
        _ = mvwadd_wch(window, Int32(row), Int32(column), &character)
    }

    /// The colour pair showing the cell's colours, allocated on first use; 0 (the default pair) in
    /// colourless mode; nil when the terminal has no pair left.
    private func pairNumber(for cell: Cell) -> Int32? {
        guard colorCount > 0 else { return 0 }
        let foreground = terminalColor(cell.foreground, isForeground: true)
        let background = terminalColor(cell.background, isForeground: false)
        if foreground == -1 && background == -1 { return 0 }
        let key = Int(foreground + 1) << 16 | Int(background + 1)
        if let pair = pairs[key] { return pair }
        let pair = Int32(pairs.count + 1)
        guard pair < pairLimit, init_extended_pair(pair, foreground, background) == OK else { return nil }
        pairs[key] = pair
        return pair
    }

    /// The curses colour number for a cell colour: −1 for the terminal's default (white on black where
    /// the terminal cannot keep its own), palette entries the terminal lacks mapped to ones it has.
    private func terminalColor(_ color: CellColor, isForeground: Bool) -> Int32 {
        switch color {
        case .terminalDefault:
            if hasDefaultColors { return -1 }
            return isForeground ? Int32(COLOR_WHITE) : Int32(COLOR_BLACK)
        case .palette(let index):
            if directColor { return index < 8 ? Int32(index) : Self.directValue(ColorMap.rgb(ofPaletteIndex: index)) }
            return Int32(Self.nearestColor(Int(index), available: colorCount))
        case let .rgb(r, g, b):
            if directColor { return Self.directValue((r, g, b)) }
            // The nearest palette entry, searched once per colour (a frame repaints thousands of cells).
            let key = UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
            if let known = paletteForRGB[key] { return known }
            let index = ColorMap.nearestXterm256(r: Double(r), g: Double(g), b: Double(b))
            let color = Int32(Self.nearestColor(Int(index), available: colorCount))
            paletteForRGB[key] = color
            return color
        }
    }

    /// The colour number of an RGB colour on a direct-colour terminal: r·2¹⁶ + g·2⁸ + b. Numbers below 8 name
    /// the basic colours there, so the seven bluest near-blacks become black (0).
    static func directValue(_ c: (r: UInt8, g: UInt8, b: UInt8)) -> Int32 {
        let value = Int32(c.r) << 16 | Int32(c.g) << 8 | Int32(c.b)
        return value < 8 ? 0 : value
    }

    /// A palette index the terminal can show: itself if below `available`; a bright basic colour (8–15) as its
    /// normal form; a cube or grey entry (16–255) as the basic colour with each RGB channel thresholded at half.
    static func nearestColor(_ index: Int, available: Int) -> Int {
        if index < available { return index }
        if index < 16 { return index - 8 }
        if index < 232 {
            let cube = index - 16
            let red = cube / 36, green = cube / 6 % 6, blue = cube % 6
            return (red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)
        }
        return index - 232 >= 12 ? Int(COLOR_WHITE) : Int(COLOR_BLACK)
    }

    /// A single-width character to put in a cell: control characters become spaces, characters that do not
    /// take exactly one column (wide, combining) become "?", so the grid stays aligned with the screen.
    static func displayable(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0x20 }
        if value < 0x7F { return value }
        return descent_wcwidth(wchar_t(bitPattern: value)) == 1 ? value : 0x3F
    }
}

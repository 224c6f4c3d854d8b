import DescentApp
import DescentRender
@testable import DescentTerminal
import Glibc
import Testing

/// ncurses is process-global: every test that starts it lives in this one serialized suite.
@Suite(.serialized)
struct TerminalTests {
    // MARK: - Output

    @Test func fullFrameThenIdenticalFrameThenThreeChangedCells() throws {
        let frame = heatmap(width: 120, height: 40)
        var changed = frame
        for column in [10, 60, 110] {
            changed[column, 20] = Cell("●", foreground: .palette(196), background: .palette(16), attributes: .bold)
        }
        let bytes = try Terminal.measureOutputBytes(frames: [frame, frame, changed], colorMode: .palette256)
        #expect(bytes.count == 3)
        #expect(bytes[0] > 5_000)
        #expect(bytes[1] < 64)
        #expect(bytes[2] > 0 && bytes[2] < 300)
    }

    @Test func changedCellsAreWrittenAsUTF8() throws {
        let frame = heatmap(width: 40, height: 10)
        var changed = frame
        changed[5, 5] = Cell("●", foreground: .palette(196), background: .palette(16))
        let output = try record(frames: [frame, changed], colorMode: .palette256)
        #expect(output[0].contains("▀"))
        #expect(!output[0].contains("●"))
        #expect(output[1].contains("●"))
        #expect(output[1].contains("\u{1B}[38;5;196m"))
    }

    @Test func noColorModeWritesNoColorEscapes() throws {
        let frame = heatmap(width: 60, height: 20)
        let plain = try record(frames: [frame], colorMode: .none)[0]
        let colored = try record(frames: [frame], colorMode: .palette256)[0]
        #expect(plain.contains("▀"))
        #expect(!plain.contains("\u{1B}[38;5;"))
        #expect(!plain.contains("\u{1B}[48;5;"))
        #expect(colored.contains("\u{1B}[38;5;"))
        #expect(colored.contains("\u{1B}[48;5;"))
    }

    @Test func aDirectColourTerminalGetsPaletteEntriesAsTheirRGBColours() throws {
        // xterm-direct (Debian's ncurses-term) takes colour numbers as 24-bit RGB: palette 196 must go out as
        // red 255,0,0 (sent as the number 196 it would be a dark blue), an RGB colour as itself.
        var grid = CellGrid(width: 10, height: 2)
        grid[1, 0] = Cell("●", foreground: .palette(196), background: .rgb(68, 1, 84))
        grid[2, 0] = Cell("●", foreground: .rgb(253, 231, 37), background: .palette(16))
        let output = try record(frames: [grid], colorMode: .trueColor, termName: "xterm-direct")[0]
        #expect(output.contains("38:2::255:0:0"))
        #expect(output.contains("48:2::68:1:84"))
        #expect(output.contains("38:2::253:231:37"))
        #expect(!output.contains("38:2::0:0:196"))
    }

    @Test func a256ColourTerminalGetsRGBColoursAsTheirNearestPaletteEntries() throws {
        var grid = CellGrid(width: 10, height: 2)
        grid[1, 0] = Cell("●", foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 0))
        let output = try record(frames: [grid], colorMode: .trueColor)[0]
        #expect(output.contains("\u{1B}[38;5;196m"))
    }

    @Test func combiningMarksReachTheScreen() throws {
        var grid = CellGrid(width: 20, height: 2)
        grid.write("g̃ m̂", column: 0, row: 0)
        let output = try record(frames: [grid], colorMode: .none)[0]
        #expect(output.contains("g̃"))
        #expect(output.contains("m̂"))
    }

    @Test func morePairsThanFitInEightBitsKeepTheirColors() throws {
        // 256 pairs with foregrounds 16–31 first, then 44 pairs whose foregrounds 200–243 appear nowhere else:
        // those are pairs 257–300, which COLOR_PAIR() would wrap to pairs 1–44 (foregrounds 16–31).
        var grid = CellGrid(width: 120, height: 40)
        for index in 0..<300 {
            let colors: (Int, Int) = index < 256 ? (16 + index % 16, 32 + index / 16) : (200 + index - 256, 50)
            grid[index % 120, index / 120] = Cell("▀", foreground: .palette(UInt8(colors.0)),
                                                  background: .palette(UInt8(colors.1)))
        }
        let output = try record(frames: [grid], colorMode: .palette256)[0]
        for foreground in 200...243 {
            #expect(output.contains("\u{1B}[38;5;\(foreground)m"))
        }
    }

    @Test func basicTerminalGetsColorsItHas() throws {
        var grid = CellGrid(width: 20, height: 5)
        grid[1, 1] = Cell("x", foreground: .palette(9), background: .palette(4))
        let output = try record(frames: [grid], colorMode: .basic, termName: "xterm")[0]
        #expect(output.contains("\u{1B}[31m"))
        #expect(output.contains("\u{1B}[44m"))
        #expect(!output.contains("38;5;"))
    }

    @Test func runningOutOfPairsStartsANewPairTable() throws {
        // TERM=xterm has 64 pairs, 63 to allocate: the first frame takes them all (9 foregrounds, backgrounds
        // 0–6), so the second frame's background 7 needs a new pair table.
        let foregrounds: [CellColor] = [.terminalDefault] + (0..<8).map { CellColor.palette(UInt8($0)) }
        var first = CellGrid(width: 20, height: 10)
        var second = CellGrid(width: 20, height: 10)
        for (column, foreground) in foregrounds.enumerated() {
            for background in 0..<7 {
                first[column, background] = Cell("a", foreground: foreground, background: .palette(UInt8(background)))
            }
            second[column, 7] = Cell("b", foreground: foreground, background: .palette(7))
        }
        let output = try record(frames: [first, second], colorMode: .basic, termName: "xterm")
        #expect(output[0].contains("\u{1B}[46m"))
        #expect(!output[0].contains("\u{1B}[47m"))
        #expect(output[1].contains("\u{1B}[47m"))
    }

    @Test func colorModeFollowsTheColorCount() {
        #expect(Terminal.colorMode(forColors: 0) == .none)
        #expect(Terminal.colorMode(forColors: 2) == .none)
        #expect(Terminal.colorMode(forColors: 8) == .basic)
        #expect(Terminal.colorMode(forColors: 16) == .basic)
        #expect(Terminal.colorMode(forColors: 88) == .basic)
        #expect(Terminal.colorMode(forColors: 256) == .palette256)
        #expect(Terminal.colorMode(forColors: 16_777_216) == .trueColor)
    }

    @Test func attributesComeFromTheTerminfoEntry() throws {
        var grid = CellGrid(width: 20, height: 5)
        grid[1, 1] = Cell("b", attributes: .bold)
        grid[3, 1] = Cell("r", attributes: .reverse)
        grid[5, 1] = Cell("u", attributes: .underline)
        grid[7, 1] = Cell("d", attributes: .dim)
        let output = try record(frames: [grid], colorMode: .none)[0]
        // xterm-256color's sgr: ESC [ 0 ; <1 bold> ; <2 dim> ; <4 underline> ; <7 reverse> m
        #expect(output.contains("\u{1B}[0;1mb"))
        #expect(output.contains("\u{1B}[0;7mr"))
        #expect(output.contains("\u{1B}[0;4mu"))
        #expect(output.contains("\u{1B}[0;2md"))
    }

    @Test func framesOfANewSizeArePaintedWhole() throws {
        let small = heatmap(width: 60, height: 20)
        let large = heatmap(width: 100, height: 30)
        let bytes = try Terminal.measureOutputBytes(frames: [small, large, large], colorMode: .palette256)
        #expect(bytes[1] > bytes[0])
        #expect(bytes[2] < 64)
    }

    @Test func unusableTerminalTypesAreRefused() {
        let frame = CellGrid(width: 10, height: 3)
        #expect(throws: TerminalError.unknownTerminalType("no-such-terminal")) {
            try Terminal.measureOutputBytes(frames: [frame], colorMode: .none, termName: "no-such-terminal")
        }
        #expect(throws: TerminalError.noCursorAddressing("dumb")) {
            try Terminal.measureOutputBytes(frames: [frame], colorMode: .none, termName: "dumb")
        }
    }

    @Test func openRefusesWithoutATerminal() {
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        #expect(throws: TerminalError.notATerminal) { try Terminal.open() }
        let message = TerminalError.notATerminal.description
        #expect(message.contains("descent run"))
        #expect(message.contains("descent render"))
        #expect(!message.contains("\n"))
    }

    // MARK: - Input

    @Test func keysAreDecoded() throws {
        try withOffscreenTerminal { terminal, files in
            let typed: [(String, KeyEvent)] = [
                ("a", .character("a")), (" ", .character(" ")), ("é", .character("é")), ("?", .character("?")),
                ("\t", .tab), ("\u{1B}[Z", .backTab),
                ("\r", .enter), ("\n", .enter), ("\u{1B}OM", .enter),
                ("\u{7F}", .backspace), ("\u{8}", .backspace),
                ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OD", .left), ("\u{1B}OC", .right),
                ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[D", .left), ("\u{1B}[C", .right),
                ("\u{1B}[<0;5;3M", .mouseClick(column: 4, row: 2)),
            ]
            for (bytes, event) in typed {
                files.type(bytes)
                #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(event), "\(bytes.debugDescription)")
            }
        }
    }

    @Test func escapeAloneArrivesAfterTheShortDelay() throws {
        try withOffscreenTerminal { terminal, files in
            files.type("\u{1B}")
            let clock = ContinuousClock()
            let start = clock.now
            #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(.escape))
            #expect(clock.now - start < .milliseconds(500))
        }
    }

    @Test func altKeysAndUnknownSequencesAreNotEscape() throws {
        try withOffscreenTerminal { terminal, files in
            // Alt+x (Esc x) and an escape sequence the terminal description does not know are
            // skipped whole: neither may read as Esc, which quits.
            files.type("\u{1B}x\u{1B}[1;9Hz")
            #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(.character("z")))
        }
    }

    @Test func unusedKeysAreSkipped() throws {
        try withOffscreenTerminal { terminal, files in
            // Ctrl-A, F1, a mouse release and a right-button press carry nothing the visualizer uses.
            files.type("\u{1}\u{1B}OP\u{1B}[<0;5;3m\u{1B}[<2;5;3Mz")
            #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(.character("z")))
        }
    }

    @Test func timeoutReturnsNil() throws {
        try withOffscreenTerminal { terminal, _ in
            let clock = ContinuousClock()
            let start = clock.now
            #expect(terminal.nextEvent(timeoutMilliseconds: 50) == nil)
            #expect(clock.now - start >= .milliseconds(45))
        }
    }

    @Test func resizeIsReportedAndTheNextFrameIsPaintedAgain() throws {
        try withOffscreenTerminal { terminal, files in
            let frame = heatmap(width: 70, height: 25)
            terminal.resizeOffscreen(width: 70, height: 25)
            #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(.resize(width: 70, height: 25)))
            terminal.draw(frame)
            terminal.resizeOffscreen(width: 50, height: 15)
            #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(.resize(width: 50, height: 15)))
            #expect(terminal.size == (50, 15))
            terminal.draw(frame)  // clipped to the smaller screen
            terminal.resizeOffscreen(width: 70, height: 25)
            #expect(terminal.nextEvent(timeoutMilliseconds: 1_000) == .key(.resize(width: 70, height: 25)))
            // The same grid as two frames ago, but the area the small screen cut off must be painted again.
            let start = files.outputSize()
            terminal.draw(frame)
            #expect(files.output(from: start).count > 2_000)
        }
    }

    @Test func lostInputInterruptsABlockingWait() throws {
        try withOffscreenTerminal { terminal, files in
            files.closeKeyboard()
            #expect(terminal.nextEvent(timeoutMilliseconds: nil) == .interrupted)
        }
    }

    @Test func stopSignalInterruptsTheEventLoop() throws {
        try withOffscreenTerminal { terminal, _ in
            let handlers = SignalHandlers.install()
            defer {
                handlers.restore()
                interruptSignal.store(0, ordering: .relaxed)
            }
            // Process-directed, as from `kill`: delivered to a thread that does not block it.
            kill(getpid(), SIGTERM)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(5)
            while terminal.interruptingSignal == nil && clock.now < deadline { usleep(1_000) }
            #expect(terminal.interruptingSignal == SIGTERM)
            #expect(terminal.nextEvent(timeoutMilliseconds: nil) == .interrupted)
        }
    }

    @Test func closeIsIdempotentAndFreesCurses() throws {
        let files = try OffscreenFiles()
        defer { files.close() }
        let terminal = try Terminal.offscreen(termName: "xterm-256color", output: files.output, input: files.input,
                                              colorMode: .palette256)
        #expect(throws: TerminalError.alreadyOpen) {
            try Terminal.measureOutputBytes(frames: [CellGrid(width: 5, height: 5)], colorMode: .none)
        }
        terminal.close()
        terminal.close()
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .interrupted)
        #expect(try Terminal.measureOutputBytes(frames: [CellGrid(width: 5, height: 5)], colorMode: .none).count == 1)
    }

    // MARK: - Helpers

    /// A grid of upper half blocks whose colours change from cell to cell, like a detailed heatmap.
    private func heatmap(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width {
                let upper = 16 + (column * 7 + row * 13) % 216
                let lower = 16 + (column * 11 + row * 5 + 3) % 216
                grid[column, row] = Cell("▀", foreground: .palette(UInt8(upper)), background: .palette(UInt8(lower)))
            }
        }
        return grid
    }

    private func withOffscreenTerminal(_ body: (Terminal, OffscreenFiles) throws -> Void) throws {
        let files = try OffscreenFiles()
        defer { files.close() }
        let terminal = try Terminal.offscreen(termName: "xterm-256color", output: files.output, input: files.input,
                                              colorMode: .palette256)
        defer { terminal.close() }
        try body(terminal, files)
    }

    private func record(frames: [CellGrid], colorMode: ColorMode, termName: String = "xterm-256color") throws
        -> [Output] {
        try Terminal.recordOutput(frames: frames, colorMode: colorMode, termName: termName).map(Output.init)
    }
}

/// Bytes written to the terminal; failure messages show their length, not all of them.
struct Output: CustomTestStringConvertible {
    let bytes: [UInt8]

    var testDescription: String { "\(bytes.count) bytes" }

    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}

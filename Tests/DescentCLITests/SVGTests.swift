import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `render --format svg`: well-formed XML whose cells have the colours of the ANSI render of the same frame.
@Suite struct SVGTests {
    /// The rectangles and texts of an SVG, read by Foundation's XML parser (which fails on malformed XML).
    final class Reader: NSObject, XMLParserDelegate {
        var rects: [(x: Int, y: Int, width: Int, height: Int, fill: String)] = []
        var texts: [(xs: [Int], y: Int, fill: String, text: String)] = []
        private var current: (xs: [Int], y: Int, fill: String)?
        private var characters = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if name == "rect", let fill = attributes["fill"], let w = Int(attributes["width"] ?? ""), let h = Int(attributes["height"] ?? "") {
                rects.append((Int(attributes["x"] ?? "0") ?? 0, Int(attributes["y"] ?? "0") ?? 0, w, h, fill))
            } else if name == "text", let fill = attributes["fill"], let y = Int(attributes["y"] ?? "") {
                current = ((attributes["x"] ?? "").split(separator: " ").compactMap { Int($0) }, y, fill)
                characters = ""
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let current {
                texts.append((current.xs, current.y, current.fill, characters))
                self.current = nil
            }
        }

        /// The fill of the last rectangle drawn over the point (x, y).
        func fill(at x: Int, _ y: Int) -> String? {
            rects.last { x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height }?.fill
        }
    }

    /// The cells of an ANSI frame: character, foreground and background as #rrggbb (24-bit SGR only), reverse applied.
    static func ansiCells(_ text: String) -> [[(character: Character, fg: String, bg: String)]] {
        func hex(_ r: Int, _ g: Int, _ b: Int) -> String { String(format: "#%02x%02x%02x", r, g, b) }
        // The xterm palette: 16 system colours, the 6×6×6 cube (levels 0, 95, 135, …, 255), 24 greys 8 + 10k.
        func palette(_ n: Int) -> String {
            let system = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                          (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
            if n < 16 { return hex(system[n].0, system[n].1, system[n].2) }
            if n >= 232 { let v = 8 + 10 * (n - 232); return hex(v, v, v) }
            let levels = [0, 95, 135, 175, 215, 255], k = n - 16
            return hex(levels[k / 36], levels[(k / 6) % 6], levels[k % 6])
        }
        let defaultFG = "#dcdcdc", defaultBG = "#121212"
        var rows: [[(Character, String, String)]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            var row: [(Character, String, String)] = []
            var fg = defaultFG, bg = defaultBG, reverse = false
            var scalars = Array(line.unicodeScalars)[...]
            while let scalar = scalars.first {
                if scalar == "\u{1B}" {
                    let end = scalars.firstIndex(of: "m")!
                    let codes = String(String.UnicodeScalarView(scalars[(scalars.startIndex + 2)..<end])).split(separator: ";").map { Int($0)! }
                    scalars = scalars[(end + 1)...]
                    var i = 0
                    while i < codes.count {
                        let code = codes[i]
                        if code == 38 || code == 48 {
                            let color: String
                            if codes[i + 1] == 5 {
                                color = palette(codes[i + 2])
                                i += 3
                            } else {
                                color = hex(codes[i + 2], codes[i + 3], codes[i + 4])
                                i += 5
                            }
                            if code == 38 { fg = color } else { bg = color }
                            continue
                        }
                        if code == 0 { fg = defaultFG; bg = defaultBG; reverse = false }
                        if code == 7 { reverse = true }
                        i += 1
                    }
                    continue
                }
                scalars = scalars.dropFirst()
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                row.append((Character(scalar), reverse ? bg : fg, reverse ? fg : bg))
            }
            rows.append(row)
        }
        return rows
    }

    @Test func theSVGIsWellFormedAndEveryCellHasTheANSIRendersColours() throws {
        let arguments = ["render", "--surface", "rosenbrock", "--optimizer", "adam:lr=0.05", "--optimizer", "gd:lr=0.001",
                         "--steps", "300", "--width", "60", "--height", "20", "--color", "truecolor"]
        let svg = try DescentBinary.run(arguments + ["--format", "svg"])
        let ansi = try DescentBinary.run(arguments)
        #expect(svg.status == 0 && ansi.status == 0, "\(svg.stderr)\(ansi.stderr)")
        let reader = Reader()
        let parser = XMLParser(data: Data(svg.stdout.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "malformed XML: \(String(describing: parser.parserError))")
        #expect(svg.stdout.contains(#"width="540" height="360""#), "60 × 20 cells of 9 × 18")
        let cells = Self.ansiCells(ansi.stdout)
        #expect(cells.count == 20 && cells.allSatisfy { $0.count == 60 })
        var texts: [String: (Character, String)] = [:]
        for text in reader.texts {
            for (i, x) in text.xs.enumerated() where i < text.text.count {
                texts["\(x / 9),\(text.y / 18)"] = (Array(text.text)[i], text.fill)
            }
        }
        for (r, row) in cells.enumerated() {
            for (c, cell) in row.enumerated() {
                // The lower part of a cell shows its background; the upper half of ▀ its foreground.
                #expect(reader.fill(at: c * 9 + 4, r * 18 + 14) == cell.bg, "cell \(c),\(r)")
                if cell.character == "▀" {
                    #expect(reader.fill(at: c * 9 + 4, r * 18 + 3) == cell.fg, "upper half of \(c),\(r)")
                } else if cell.character != " " {
                    let text = texts["\(c),\(r)"]
                    #expect(text?.0 == cell.character && text?.1 == cell.fg, "text of \(c),\(r): \(String(describing: text)) vs \(cell)")
                }
            }
        }
    }

    @Test func outputGoesWholeToTheFileAndABadPathIsOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-svg-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("frame.svg").path
        let written = try DescentBinary.run("render", "--surface", "bowl", "--format", "svg", "-o", file)
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.hasSuffix("</svg>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["frame.svg"], "no temporary file left")
        let bad = try DescentBinary.run("render", "--surface", "bowl", "--format", "svg", "-o", "/nonexistent/x\u{1B}[31m.svg")
        #expect(bad.status == 64 && bad.stderr.split(separator: "\n").count == 1 && !bad.stderr.contains("\u{1B}"), "\(bad.stderr)")
        let format = try DescentBinary.run("render", "--format", "png")
        #expect(format.status == 64 && format.stderr.contains("ansi, text, svg"), "\(format.stderr)")
    }
}

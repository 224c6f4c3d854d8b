import Foundation
import Testing

/// `descent record`: an asciicast v2 file that parses line by line, whose frames are `render`'s.
@Suite struct RecordCommandTests {
    @Test func everyLineParsesAndEachFrameIsRendersFrameForItsStep() throws {
        let result = try DescentBinary.run("record", "--scenario", "ravine-momentum", "--width", "60", "--height", "20", "--steps", "40")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 60 && header["height"] as? Int == 20)
        var events: [(time: Double, text: String)] = []
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "\(line.prefix(80))")
            #expect(event.count == 3 && event[1] as? String == "o")
            events.append(((event[0] as? NSNumber)?.doubleValue ?? -1, event[2] as? String ?? ""))
        }
        #expect(events.map(\.time) == events.map(\.time).sorted(), "time never goes back")
        // ravine-momentum plays at 20 steps/s without pauses: step k at k / 20 s.
        let frames = events.filter { $0.text.hasPrefix("\u{1B}[H") }
        #expect(frames.count == 41, "a frame a step, 0 … 40 (every step moves a racer)")
        for k in [0, 1, 17, 40] {
            let frame = try #require(frames.first { abs($0.time - Double(k) / 20) < 1e-9 }, "step \(k)")
            let render = try DescentBinary.run("render", "--scenario", "ravine-momentum", "--steps", "\(k)", "--width", "60", "--height", "20", "--color", "256")
            let expected = "\u{1B}[H" + render.stdout.dropLast().replacingOccurrences(of: "\n", with: "\r\n")
            #expect(frame.text == expected, "step \(k)")
        }
    }

    @Test func aBadScenarioOrSizeIsOneLineAndNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-record-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.cast").path
        for arguments in [["--scenario", "ravine-momentun"], ["--scenario", "ravine-momentum", "--width", "10"],
                          ["--scenario", "ravine-momentum", "--color", "rgb"], ["--scenario", "ravine-momentum", "--steps", "x"]] {
            let result = try DescentBinary.run(["record"] + arguments + ["-o", file])
            #expect(result.status == 64 && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file))
        }
        let written = try DescentBinary.run("record", "--scenario", "saddle-escape", "--steps", "5", "-o", file)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("{\"version\": 2"))
    }
}

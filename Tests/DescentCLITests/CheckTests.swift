import DescentCore
import Testing

/// `descent check`: the derivatives of every surface.
@Suite struct CheckTests {
    @Test func everySurfacePassesAndCheckExitsZero() throws {
        let result = try DescentBinary.run("check")
        #expect(result.status == 0, "\(result.stdout)")
        let rows = result.stdoutLines.dropFirst()
        #expect(rows.map { String($0.prefix { $0 != " " }) } == SurfaceCatalog.names)
        #expect(rows.allSatisfy { $0.hasSuffix("PASS") })
    }
}

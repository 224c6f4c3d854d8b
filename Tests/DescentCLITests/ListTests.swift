import DescentCore
import Testing

/// `descent list surfaces` and `descent list optimizers`.
@Suite struct ListTests {
    @Test func listSurfacesShowsEveryNameWithItsFormulaAndLesson() throws {
        let result = try DescentBinary.run("list", "surfaces")
        #expect(result.status == 0)
        let lines = result.stdoutLines
        for surface in SurfaceCatalog.all {
            let line = lines.first { $0.hasPrefix(surface.name + " ") }
            #expect(line?.hasSuffix("f(x, y) = \(surface.formula)") == true, "\(surface.name)")
            #expect(lines.contains { $0.droppingLeadingSpaces == surface.lesson }, "\(surface.name)")
        }
    }

    @Test func listOptimizersShowsEveryKeyWithItsDefault() throws {
        let result = try DescentBinary.run("list", "optimizers")
        #expect(result.status == 0)
        let lines = result.stdoutLines
        for descriptor in OptimizerCatalog.all {
            let start = try #require(lines.firstIndex { $0.hasPrefix(descriptor.name + " (") }, "\(descriptor.name)")
            #expect(lines[start].contains(descriptor.rule))
            let block = lines[(start + 1)...].prefix { !$0.isEmpty }
            #expect(block.first?.droppingLeadingSpaces == Substring(descriptor.lesson))
            for parameter in descriptor.allParameters {
                #expect(block.contains { $0.droppingLeadingSpaces.hasPrefix("\(parameter.name)=\(parameter.defaultText) ") },
                        "\(descriptor.name) \(parameter.name)")
            }
            if descriptor.acceptsSchedule {
                #expect(block.contains { $0.contains("schedule=constant") })
            }
        }
    }
}

extension Substring {
    var droppingLeadingSpaces: Substring { drop { $0 == " " } }
}

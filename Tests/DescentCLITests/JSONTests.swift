import DescentCore
import Foundation
import Testing

/// `descent run --format json`: valid JSON holding every trajectory, numbers exact.
@Suite struct JSONTests {
    /// The document's shape, for exact numbers (JSONSerialization on Linux reads long decimals as
    /// NSDecimalNumber, whose conversion to Double can lose the last digit; JSONDecoder does not).
    struct Document: Decodable {
        struct Point: Decodable { var x, y: Double }
        struct Step: Decodable {
            var step: Int
            var x, y: Double
            var loss, grad_norm, lr: Double?
        }
        struct Entry: Decodable {
            var spec, name, status, summary: String
            var steps: [Step]
        }
        var surface, formula: String
        var start: Point
        var seed, max_steps: Int
        var optimizers: [Entry]
    }

    @Test func jsonHoldsEveryStepOfEveryOptimizer() throws {
        let specs = ["gd:lr=0.2", "gd:lr=1.5"]  // the second diverges on the bowl
        let result = try DescentBinary.run(["run", "--format", "json", "--surface", "bowl", "--start", "-2.5,2",
                                            "--steps", "60", "--seed", "9"] + specs.flatMap { ["--optimizer", $0] })
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let data = Data(result.stdout.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["surface"] as? String == "bowl")

        let document = try JSONDecoder().decode(Document.self, from: data)
        #expect(document.seed == 9 && document.max_steps == 60)
        #expect(document.start.x == -2.5 && document.start.y == 2)
        #expect(document.formula == Bowl().formula)

        let parsed = try specs.map { try OptimizerSpec(parsing: $0) }
        var race = Race(surface: Bowl(), start: Vector2(-2.5, 2), optimizers: parsed, rules: StopRules(maxSteps: 60), seed: 9)
        race.runToEnd()
        try #require(document.optimizers.count == 2)
        for (entry, racer) in zip(document.optimizers, race.racers) {
            #expect(entry.spec == racer.spec.text && entry.name == racer.name)
            #expect(entry.status == racer.status.label && entry.summary == racer.status.summary)
            #expect(entry.steps.count == racer.stepCount + 1)
            for (k, step) in entry.steps.enumerated() {
                #expect(step.step == k)
                #expect(Vector2(step.x, step.y) == racer.points[k])
                #expect(step.loss == racer.loss(atStep: k, on: Bowl()))
                #expect(step.grad_norm == racer.gradientNorm(atStep: k, on: Bowl()))
                #expect(step.lr == racer.learningRate(forStep: k))
            }
        }
        #expect(race.racers.map(\.status.label) == ["converged", "diverged"])
    }

    @Test func everyOptimizerOnEverySurfaceGivesValidJSON() throws {
        for surface in SurfaceCatalog.all {
            let result = try DescentBinary.run(["run", "--format", "json", "--surface", surface.name, "--steps", "100"]
                                               + OptimizerCatalog.names.flatMap { ["--optimizer", $0] })
            #expect(result.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let optimizers = object?["optimizers"] as? [[String: Any]]
            #expect(optimizers?.count == OptimizerCatalog.names.count, "\(surface.name)")
            let document = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
            #expect(document.optimizers.allSatisfy { $0.steps.first?.x == surface.defaultStart.x }, "\(surface.name)")
        }
    }
}

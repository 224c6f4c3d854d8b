import Testing
@testable import DescentCore

/// The step loop hands stretches of plain steps to `PlainSteps`, specialized for each built-in surface; a run
/// that keeps every iterate never does (each of its steps records), so it is the reference here. Whatever is
/// kept, every method on every surface must end at the same point, with the same loss, gradient,
/// evaluations, step count and status, to the last bit — through convergence, divergence, failure and the
/// step limit.
@Suite struct PlainStepsTests {
    /// Every catalog surface, a typed formula (not a built-in type) and a minibatch data surface.
    static var surfaces: [any Surface] {
        SurfaceCatalog.all + [try! FormulaSurface("(x - 1)^2 + 3 * (y + 0.5)^2 + sin(x * y)")]
    }

    /// Each method at its defaults, and each method with a learning rate at 1 (large enough to diverge or
    /// bounce on most surfaces).
    static var specs: [String] {
        OptimizerCatalog.all.flatMap { descriptor in
            descriptor.parameters.contains { $0.name == "lr" } ? [descriptor.name, descriptor.name + ":lr=1"] : [descriptor.name]
        }
    }

    private func racer(_ surface: any Surface, _ spec: String, _ recording: Recording, steps: Int) throws -> Racer {
        var race = Race(surface: surface, optimizers: [try OptimizerSpec(parsing: spec)],
                        rules: StopRules(maxSteps: steps), seed: 11, recording: recording)
        for chunk in [1, 37, 200, 1000, 5000] { race.run(steps: chunk) }
        return race.racers[0]
    }

    private func expectSameRun(_ a: Racer, _ b: Racer, _ what: String) {
        #expect(a.stepCount == b.stepCount, "\(what): steps")
        #expect(a.currentPoint.x.bitPattern == b.currentPoint.x.bitPattern && a.currentPoint.y.bitPattern == b.currentPoint.y.bitPattern,
                "\(what): point \(a.currentPoint) against \(b.currentPoint)")
        #expect(a.loss.bitPattern == b.loss.bitPattern || (a.loss.isNaN && b.loss.isNaN), "\(what): loss")
        #expect(a.gradient.x.bitPattern == b.gradient.x.bitPattern && a.gradient.y.bitPattern == b.gradient.y.bitPattern, "\(what): gradient")
        #expect(a.evaluations == b.evaluations, "\(what): evaluations")
        #expect(a.status == b.status, "\(what): status")
    }

    @Test(arguments: surfaces.indices)
    func everyMethodEndsAsTheStepByStepLoopDoes(_ index: Int) throws {
        let surface = Self.surfaces[index]
        var statuses: Set<String> = []
        for spec in Self.specs {
            let reference = try racer(surface, spec, .everyStep, steps: 3000)
            statuses.insert(String(describing: reference.status).prefix { $0 != "(" }.description)
            for recording in [Recording.endOnly, .every(50)] {
                expectSameRun(try racer(surface, spec, recording, steps: 3000), reference, "\(spec) on \(surface.name), \(recording)")
            }
        }
        // The runs above end in more than one way (converged, diverged, finished, …), so each exit of the plain loop is met.
        #expect(statuses.count >= 2, "\(surface.name): \(statuses)")
    }

    /// Minibatch steps are plain too (each evaluated on its own batch through the general evaluation).
    @Test func minibatchRunsEndAsTheStepByStepLoopDoes() throws {
        let surface = try DataSurface(model: .linearRegression)
        for spec in ["sgd:lr=0.01,batch=4", "adam:lr=0.05,batch=8", "momentum:lr=0.01,batch=2"] {
            let reference = try racer(surface, spec, .everyStep, steps: 500)
            expectSameRun(try racer(surface, spec, .endOnly, steps: 500), reference, spec)
        }
    }

    /// Every built-in surface with its formula in Swift is handed to the plain loop as its own type; data
    /// surfaces and formulas are not (their evaluation costs far more than a call).
    @Test func everyBuiltInSurfaceIsOpenedAsItsOwnType() throws {
        struct TypeName: ObjectiveConsumer {
            var name = ""
            mutating func consume<S: Objective>(_ surface: S) { name = String(describing: S.self) }
        }
        for surface in SurfaceCatalog.all {
            var probe = TypeName()
            let opened = SurfaceCatalog.open(surface, &probe)
            if surface is DataSurface {
                #expect(!opened, "\(surface.name)")
            } else {
                #expect(opened, "\(surface.name) is missing from SurfaceCatalog.open")
                #expect(probe.name == String(describing: type(of: surface)))
            }
        }
        var probe = TypeName()
        #expect(!SurfaceCatalog.open(try FormulaSurface("x^2 + y^2"), &probe))
    }
}

import DescentCore
import DescentRender
import Testing
@testable import DescentApp

/// Sensible rates per surface: an optimizer whose rate no one set by hand takes the rate that suits
/// the surface it races on.
@Suite struct SurfaceRateTests {
    /// The default lesson's race (ravine-momentum: gd, momentum and nesterov at the ravine's rates) and the command
    /// line's default optimizers (gd, momentum, adam with their own defaults).
    static let races: [[String]] = [["gd:lr=0.09", "momentum:lr=0.05,momentum=0.6", "nesterov:lr=0.05,momentum=0.6"], ["gd", "momentum", "adam"]]

    @Test(arguments: SurfaceCatalog.all.map(\.name))
    func noDefaultOptimizerDivergesInItsFirst50StepsAfterASurfaceIsPicked(surface: String) throws {
        for specs in Self.races {
            let race = Race(surface: Ravine(), optimizers: try specs.map { try OptimizerSpec(parsing: $0) }, rules: StopRules(maxSteps: 100_000))
            var state = AppState(race: race, isPlaying: false)
            state.apply(.chooseSurface(surface))
            #expect(state.race.surface.name == surface)
            for _ in 0..<50 { state.apply(.stepOnce) }
            for racer in state.race.racers {
                if case .diverged = racer.status { Issue.record("\(racer.currentSpec.text) diverged on \(surface): \(racer.status.summary)") }
                #expect(racer.loss.isFinite)
            }
        }
    }

    @Test(arguments: SurfaceCatalog.all.map(\.name))
    func theSameHoldsForASurfaceNamedAtLaunchWithoutRates(surface: String) throws {
        let named = try #require(SurfaceCatalog.named(surface))
        let scenario = Scenario(surface: named, optimizers: try ["gd", "momentum", "adam"].map { RaceEntry(spec: try OptimizerSpec(parsing: $0)) },
                                steps: 50)
        var state = AppState(scenario: scenario, isPlaying: false)
        while state.race.isRunning { state.apply(.stepOnce) }
        for racer in state.race.racers {
            if case .diverged = racer.status { Issue.record("\(racer.currentSpec.text) diverged on \(surface)") }
        }
    }

    @Test func theRateIsTheLargest125RateBelowOneOverTheCurvatureAtTheStart() {
        // The bowl x² + y²: H = 2I, so 1/λ = 0.5; the first step from (-4, 3)-ish must move at most a
        // twentieth of the view's width, which decides here only if the slope is large.
        let bowl = Bowl()
        let slope = bowl.gradient(at: bowl.defaultStart).length
        let expected = oneTwoFiveBelow(min(0.5, bowl.defaultView.width / 20 / slope))
        #expect(bowl.gradientLearningRate == expected)
        // Rosenbrock at (−1.2, 1): H = [[1330, 480], [480, 200]], λmax ≈ 1489.9, 1/λ ≈ 6.7e-4 → 5e-4.
        #expect(Rosenbrock().gradientLearningRate == 0.0005)
        #expect(oneTwoFiveBelow(0.07) == 0.05 && oneTwoFiveBelow(0.2) == 0.2 && oneTwoFiveBelow(19) == 10)
        // Adaptive methods: a hundredth of the view's width (the ravine's is 10).
        #expect(Ravine().stepSizeLearningRate == 0.1)
    }

    @Test func aRateSetByHandIsKeptWhenTheSurfaceChanges() throws {
        let race = Race(surface: Ravine(), optimizers: try ["gd:lr=0.08", "adam:lr=0.1"].map { try OptimizerSpec(parsing: $0) })
        var state = AppState(race: race, isPlaying: false)
        state.apply(.learningRateDown)  // gd: 0.08 → 0.05, by hand
        state.apply(.chooseSurface("rosenbrock"))
        #expect(state.race.racers[0].learningRate == 0.05)
        #expect(state.race.racers[1].learningRate == Rosenbrock().stepSizeLearningRate)
        // Rates a scenario names stand at launch; only unnamed ones take the surface's.
        let scenario = Scenario(surface: Rosenbrock(), optimizers: try ["gd:lr=0.0001", "gd"].map { RaceEntry(spec: try OptimizerSpec(parsing: $0)) })
        let launched = AppState(scenario: scenario)
        #expect(launched.race.racers[0].learningRate == 0.0001)
        #expect(launched.race.racers[1].learningRate == 0.0005)
    }
}

import DescentCore

/// The one reducer: (state, action) → state. Pure and deterministic.
public func reduce(_ state: AppState, _ action: Action) -> AppState {
    var next = state
    next.apply(action)
    return next
}

extension AppState {
    /// The learning-rate series 1-2-5: … 0.01, 0.02, 0.05, 0.1 …
    public static func nextLearningRate(after lr: Double, up: Bool) -> Double {
        let exponent = Int(Math.log10(lr).rounded(.down))
        var candidates: [Double] = []
        for e in (exponent - 1)...(exponent + 1) {
            let decade = Math.pow(10, Double(e))
            candidates += [1, 2, 5].map { roundedToTwelveDigits($0 * decade) }
        }
        if up { return candidates.first { $0 > lr * (1 + 1e-9) } ?? lr * 2 }
        return candidates.last { $0 < lr * (1 - 1e-9) } ?? lr / 2
    }

    /// x rounded to 12 significant digits, so repeated × 10 and ÷ 10 print as 0.3, not 0.30000000000000004.
    static func roundedToTwelveDigits(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x }
        let scale = Math.pow(10, 11 - Math.log10(x).rounded(.down))
        let rounded = (x * scale).rounded() / scale
        return rounded > 0 && rounded.isFinite ? rounded : x
    }

    public static let learningRateRange: ClosedRange<Double> = 1e-7...1e4

    /// Applies one action in place.
    public mutating func apply(_ action: Action) {
        if case .tick = action {} else if case .resize = action {} else { notice = nil }
        switch action {
        case .togglePlay:
            if isPlaying {
                isPlaying = false
            } else if race.isRunning {
                isPlaying = true
                stepCredit = 0
            } else {
                notice = "every optimizer has stopped: r resets"
            }
        case .stepOnce:
            isPlaying = false
            if race.isRunning { race.step() } else { notice = "every optimizer has stopped: r resets" }
        case .reset:
            race.reset()
            stepCredit = 0
        case .selectNext:
            if !race.racers.isEmpty { selected = (selected + 1) % race.racers.count }
        case .selectPrevious:
            if !race.racers.isEmpty { selected = (selected + race.racers.count - 1) % race.racers.count }
        case .learningRateUp, .learningRateDown, .learningRateTimesTen, .learningRateDividedByTen:
            guard let racer = selectedRacer else { return }
            guard let lr = racer.learningRate else {
                notice = "\(racer.name) has no learning rate"
                return
            }
            let proposed: Double
            switch action {
            case .learningRateUp: proposed = AppState.nextLearningRate(after: lr, up: true)
            case .learningRateDown: proposed = AppState.nextLearningRate(after: lr, up: false)
            case .learningRateTimesTen: proposed = lr * 10
            default: proposed = lr / 10
            }
            apply(.setLearningRate(racer: selected, proposed))
        case let .setLearningRate(index, lr):
            guard race.racers.indices.contains(index), let old = race.racers[index].learningRate else { return }
            let clamped = min(max(lr, AppState.learningRateRange.lowerBound), AppState.learningRateRange.upperBound)
            let rounded = AppState.roundedToTwelveDigits(clamped)
            race.setLearningRate(rounded, forRacer: index)
            notice = "\(race.racers[index].name) lr \(formatNumber(old)) → \(formatNumber(rounded))"
        case .openSurfacePicker:
            overlay = .surfacePicker(cursor: SurfaceCatalog.all.firstIndex { $0.name == race.surface.name } ?? 0)
        case .openOptimizerPicker:
            overlay = .optimizerPicker(cursor: OptimizerCatalog.names.firstIndex { $0 == selectedRacer?.name } ?? 0)
        case .toggleHelp:
            overlay = overlay == .help ? .none : .help
        case .closeOverlay:
            overlay = .none
        case let .movePickerCursor(delta):
            switch overlay {
            case let .surfacePicker(cursor):
                overlay = .surfacePicker(cursor: wrap(cursor + delta, count: SurfaceCatalog.all.count))
            case let .optimizerPicker(cursor):
                overlay = .optimizerPicker(cursor: wrap(cursor + delta, count: OptimizerCatalog.all.count))
            default:
                break
            }
        case let .chooseSurface(name):
            overlay = .none
            guard let surface = SurfaceCatalog.named(name) else { return }
            race.setSurface(surface)
            view = surface.defaultView
            logShading = surface.prefersLogShading
            stepCredit = 0
            isPlaying = race.isRunning
        case let .toggleOptimizer(name):
            toggleOptimizer(named: name)
        case let .moveStart(dx, dy):
            let stepSize = view.width / 40
            race.reset(start: race.start + Vector2(Double(dx), Double(dy)) * stepSize)
            stepCredit = 0
        case let .setStart(point):
            guard point.isFinite else { return }
            race.reset(start: point)
            stepCredit = 0
        case .zoomIn:
            if view.width > 1e-6 { view = view.scaled(by: 2.0 / 3.0) }
        case .zoomOut:
            if view.width < 1e6 { view = view.scaled(by: 1.5) }
        case let .pan(dx, dy):
            view = view.translated(by: Vector2(Double(dx) * view.width / 8, Double(dy) * view.height / 8))
        case .defaultView:
            view = race.surface.defaultView
        case .faster:
            speed = AppState.speeds.first { $0 > speed } ?? speed
        case .slower:
            speed = AppState.speeds.last { $0 < speed } ?? speed
        case .toggleContours:
            showContours.toggle()
        case .toggleLogShading:
            logShading.toggle()
        case .toggleGradientArrows:
            showGradientArrows.toggle()
        case .toggleStepArrows:
            showStepArrows.toggle()
        case let .resize(width, height):
            screenWidth = max(0, width)
            screenHeight = max(0, height)
        case let .tick(seconds):
            advance(by: seconds)
        case .quit:
            shouldQuit = true
        }
    }

    /// Takes the steps owed by `seconds` of play at `speed`, at most a quarter second's worth.
    mutating func advance(by seconds: Double) {
        guard isPlaying, seconds > 0, seconds.isFinite else { return }
        stepCredit = min(stepCredit + seconds * Double(speed), max(1, Double(speed) / 4))
        let steps = Int(stepCredit)
        stepCredit -= Double(steps)
        if steps > 0 { race.run(steps: steps) }
        if !race.isRunning {
            isPlaying = false
            notice = "every optimizer has stopped: r resets"
        }
    }

    mutating func toggleOptimizer(named name: String) {
        guard let descriptor = try? OptimizerCatalog.descriptor(named: name) else { return }
        var specs = race.racers.map { racer in racer.learningRate.map { racer.spec.withLearningRate($0) } ?? racer.spec }
        if specs.contains(where: { $0.name == name }) {
            let remaining = specs.filter { $0.name != name }
            guard !remaining.isEmpty else {
                notice = "at least one optimizer must race"
                return
            }
            specs = remaining
            notice = "removed \(name)"
        } else {
            specs.append(OptimizerSpec(descriptor: descriptor))
            notice = "added \(name)"
        }
        race.setOptimizers(specs)
        selected = max(0, min(selected, race.racers.count - 1))
        stepCredit = 0
        isPlaying = isPlaying && race.isRunning
    }

    private func wrap(_ index: Int, count: Int) -> Int {
        count == 0 ? 0 : ((index % count) + count) % count
    }
}

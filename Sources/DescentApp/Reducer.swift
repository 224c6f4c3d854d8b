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
                achievedSpeed = nil
            } else {
                notice = "every optimizer has stopped: r resets"
            }
        case .stepOnce:
            isPlaying = false
            if race.isRunning { session.stepOnce() } else { notice = "every optimizer has stopped: r resets" }
        case .reset:
            if let replaying {
                session = replaying.makeSession()
                notice = "replaying from the start"
            } else {
                session.restart { $0.reset() }
            }
            stepCredit = 0
        case .selectNext:
            if !race.racers.isEmpty { selected = (selected + 1) % race.racers.count }
        case .selectPrevious:
            if !race.racers.isEmpty { selected = (selected + race.racers.count - 1) % race.racers.count }
        case .learningRateUp, .learningRateDown, .learningRateTimesTen, .learningRateDividedByTen:
            changeLearningRateByKey(action)
        case let .setLearningRate(index, lr):
            guard race.racers.indices.contains(index) else { return }
            guard let old = race.racers[index].learningRate else {
                notice = "\(race.racers[index].name) has no learning rate"
                return
            }
            guard lr > 0, lr.isFinite else {
                notice = "a learning rate must be a positive number"
                return
            }
            let droppedEvents = session.setLearningRateByHand(lr, forRacer: index)
            handSetRates.insert(race.racers[index].id)
            notice = "\(race.racers[index].name) lr \(formatNumber(old)) → \(formatNumber(lr))"
            branchFromReplay(droppingEvents: droppedEvents)
        case .openSurfacePicker:
            overlay = .surfacePicker(cursor: SurfaceCatalog.all.firstIndex { $0.name == race.surface.name } ?? 0)
        case .openOptimizerPicker:
            overlay = .optimizerPicker(cursor: OptimizerCatalog.names.firstIndex { $0 == selectedRacer?.name } ?? 0)
        case .toggleHelp:
            overlay = overlay == .help ? .none : .help
            helpScroll = 0
        case .closeOverlay:
            if case .sweepRunning = overlay { sweepRequest = nil }
            overlay = .none
        case let .movePickerCursor(delta):
            switch overlay {
            case .help:
                // Kept to the scrolls the screen has, so ↑ answers at once after ↓ at the end.
                let rows = Overlays.helpRows(screenHeight: screenHeight)
                helpScroll = min(max(0, helpScroll + delta), max(0, Keymap.bindings.count - rows))
            case let .surfacePicker(cursor):
                overlay = .surfacePicker(cursor: wrap(cursor + delta, count: SurfaceCatalog.all.count))
            case let .optimizerPicker(cursor):
                overlay = .optimizerPicker(cursor: wrap(cursor + delta, count: OptimizerCatalog.all.count))
            case let .scenarioPicker(entries, cursor):
                overlay = .scenarioPicker(entries: entries, cursor: wrap(cursor + delta, count: entries.count))
            case let .parameterSheet(index, cursor, _):
                guard race.racers.indices.contains(index) else { return }
                let count = ParameterSheet.rows(for: race.racers[index]).count
                overlay = .parameterSheet(racer: index, cursor: wrap(cursor + delta, count: count), input: "")
            default:
                break
            }
        case .openFormulaPrompt:
            overlay = .formulaPrompt(text: (race.surface as? FormulaSurface)?.text ?? "", historyIndex: nil, error: nil)
        case let .formulaHistory(delta):
            guard case let .formulaPrompt(text, index, _) = overlay, !formulaHistory.isEmpty else { return }
            let next = (index ?? formulaHistory.count) + delta
            if next >= formulaHistory.count {
                overlay = .formulaPrompt(text: index == nil ? text : "", historyIndex: nil, error: nil)
            } else {
                let clamped = max(0, next)
                overlay = .formulaPrompt(text: formulaHistory[clamped], historyIndex: clamped, error: nil)
            }
        case let .useFormula(text):
            let surface: FormulaSurface
            do {
                surface = try FormulaSurface(text)
            } catch {
                overlay = .formulaPrompt(text: text, historyIndex: nil, error: "at \(error.position): \(error.message)")
                return
            }
            formulaHistory.removeAll { $0 == surface.text }
            formulaHistory.append(surface.text)
            if formulaHistory.count > AppState.formulaHistoryLength { formulaHistory.removeFirst() }
            overlay = .none
            use(surface)
        case let .chooseSurface(name):
            overlay = .none
            guard let surface = SurfaceCatalog.named(name) else { return }
            use(surface)
        case .openSweep:
            guard let racer = selectedRacer else { return }
            guard racer.currentSpec.descriptor.hasLearningRate else {
                notice = "\(racer.name) has no learning rate to sweep"
                return
            }
            let rules = race.rules
            let scenario = Scenario(surface: race.surface, optimizers: [RaceEntry(spec: racer.currentSpec)], start: racer.ownStart ?? race.start,
                                    seed: race.seed, steps: min(rules.maxSteps, AppState.sweepSteps), gradientTolerance: rules.gradientTolerance,
                                    patience: rules.patience, minDelta: rules.minDelta)
            sweepSerial += 1
            sweepRequest = SweepRequest(serial: sweepSerial, racer: selected, scenario: scenario,
                                        rates: LearningRateSweep.rates(in: AppState.sweepRange, points: .oneTwoFive))
            sweepProgress = 0
            overlay = .sweepRunning(racer: selected)
        case let .sweepProgressed(serial, done):
            if sweepRequest?.serial == serial { sweepProgress = done }
        case let .sweepComputed(serial, trials):
            guard let request = sweepRequest, request.serial == serial, case .sweepRunning = overlay else { return }
            sweepRequest = nil
            overlay = .sweep(racer: request.racer, trials: trials, best: LearningRateSweep.best(of: trials))
        case .toggleNormalize:
            guard let surface = race.surface as? DataSurface else {
                notice = "N standardises the feature of a data surface (linreg, logreg; s picks one)"
                return
            }
            do {
                let flipped = try surface.withNormalize(!surface.normalize)
                let start = surface.samePrediction(as: race.start, in: flipped)
                notice = flipped.normalize ? "feature standardised (mean 0, variance 1): the same line, new coordinates"
                                           : "raw feature: the same line, its own coordinates"
                use(flipped, start: start.isFinite ? start : nil, suggestingRates: false, keepingNotes: true)
            } catch {
                notice = error.description
            }
        case .toggleLoss:
            guard let surface = race.surface as? DataSurface, surface.model == .logisticRegression else {
                notice = "M switches logreg's loss between bce and mse (s picks logreg)"
                return
            }
            do {
                let flipped = try surface.withLoss(surface.loss == .bce ? .mse : .bce)
                let start = race.start, keptView = view
                notice = flipped.loss == .mse ? "loss: squared error after the sigmoid (mse)" : "loss: cross-entropy (bce)"
                use(flipped, start: start, suggestingRates: false, keepingNotes: true)
                view = keptView
            } catch {
                notice = error.description
            }
        case let .toggleOptimizer(name):
            toggleOptimizer(named: name)
        case let .moveStart(dx, dy):
            let stepSize = view.width / 40
            let start = race.start + Vector2(Double(dx), Double(dy)) * stepSize
            restartRace { $0.reset(start: start) }
        case let .setStart(point):
            guard point.isFinite else { return }
            restartRace { $0.reset(start: point) }
        case .zoomIn:
            if view.width > 1e-6 { view = view.scaled(by: 2.0 / 3.0) }
        case .zoomOut:
            if view.width < 1e6 { view = view.scaled(by: 1.5) }
        case let .zoom(factor, around):
            guard factor > 0, factor.isFinite, around.isFinite else { return }
            guard factor < 1 ? view.width > 1e-6 : view.width < 1e6 else { return }
            // The point under the pointer stays put: every edge moves toward (or away from) it by the factor.
            view = ViewRect(minX: around.x + (view.minX - around.x) * factor, maxX: around.x + (view.maxX - around.x) * factor,
                            minY: around.y + (view.minY - around.y) * factor, maxY: around.y + (view.maxY - around.y) * factor)
        case let .select(index):
            if race.racers.indices.contains(index) { selected = index }
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
        case .toggleBasins:
            showBasins.toggle()
            if !showBasins {
                notice = "basins off"
            } else if let shown = shownBasins {
                notice = shown.summary
            } else if let racer = selectedRacer {
                notice = "basins of \(racer.currentSpec.text): computing…"
            }
        case let .basinsComputed(computed):
            guard computed.request == basinRequest else { break }
            basinOverlay = computed
            notice = computed.summary
        case let .resize(width, height):
            screenWidth = max(0, width)
            screenHeight = max(0, height)
        case let .tick(seconds):
            advance(by: seconds)
        case .quit:
            shouldQuit = true
        case .openScenarioPicker:
            effect = .listScenarios
        case let .showScenarios(entries, problem):
            notice = problem
            if entries.isEmpty {
                notice = problem ?? "no scenarios found"
            } else {
                overlay = .scenarioPicker(entries: entries, cursor: 0)
            }
        case let .loadScenario(scenario):
            load(scenario)
        case .openParameterSheet:
            if race.racers.indices.contains(selected) { overlay = .parameterSheet(racer: selected, cursor: 0, input: "") }
        case .stepParameter:
            applySheet(action)
        case let .setParameter(index, key, text):
            setParameterByHand(racer: index, key: key, text: text)
        case .openSavePrompt:
            overlay = .saveNamePrompt(text: race.surface.name)
        case let .promptInput(character):
            if case .parameterSheet = overlay { return applySheet(action) }
            if case let .formulaPrompt(text, _, _) = overlay {
                if text.count < FormulaParser.maximumLength, !(character.unicodeScalars.first.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } ?? true) {
                    overlay = .formulaPrompt(text: text + String(character), historyIndex: nil, error: nil)
                }
                return
            }
            guard case let .saveNamePrompt(text) = overlay else { return }
            if text.count < AppState.maximumScenarioNameLength, AppState.isScenarioNameCharacter(character) {
                overlay = .saveNamePrompt(text: text + String(character))
            }
        case .promptBackspace:
            if case .parameterSheet = overlay { return applySheet(action) }
            if case let .formulaPrompt(text, _, _) = overlay {
                overlay = .formulaPrompt(text: String(text.dropLast()), historyIndex: nil, error: nil)
                return
            }
            guard case let .saveNamePrompt(text) = overlay else { return }
            overlay = .saveNamePrompt(text: String(text.dropLast()))
        case .confirmPrompt:
            switch overlay {
            case let .saveNamePrompt(text):
                guard !text.isEmpty else {
                    notice = "a name is needed (letters, digits, - and _)"
                    return
                }
                overlay = .none
                effect = .saveScenario(name: text, overwrite: false)
            case let .scenarioPicker(entries, cursor):
                overlay = .none
                if entries.indices.contains(cursor) { load(entries[cursor].scenario) }
            case let .sweep(racer, trials, best):
                overlay = .none
                guard let best else {
                    notice = "every rate diverged: nothing to apply"
                    return
                }
                apply(.setLearningRate(racer: racer, trials[best].learningRate))
            case .parameterSheet:
                applySheet(action)
            case let .formulaPrompt(text, _, _):
                apply(.useFormula(text))
            default:
                break
            }
        case let .saveNeedsConfirmation(name):
            overlay = .confirmOverwrite(name: name)
        case let .answerOverwrite(yes):
            guard case let .confirmOverwrite(name) = overlay else { return }
            overlay = .none
            if yes {
                effect = .saveScenario(name: name, overwrite: true)
            } else {
                notice = "not saved: scenarios/\(name).json is left as it was"
            }
        case let .saveFinished(message):
            notice = message
        }
    }

    /// `.setParameter`: the change, with its notice (the old and new value, or why it was refused).
    /// Returns whether the value was taken.
    @discardableResult
    mutating func setParameterByHand(racer index: Int, key: String, text: String) -> Bool {
        guard race.racers.indices.contains(index) else { return false }
        let racer = race.racers[index]
        let old = ParameterSheet.rows(for: racer).first { $0.parameter.name == key }?.value ?? "?"
        do {
            let dropped = try session.setParameterByHand(key, to: text, forRacer: index)
            notice = "\(racer.name) \(key) \(old) → \(text)"
            branchFromReplay(droppingEvents: dropped)
            return true
        } catch {
            notice = error.description
            return false
        }
    }

    /// The longest name `w` takes.
    public static let maximumScenarioNameLength = 64

    /// Letters, digits, `-` and `_`: a name that is a file name on every system and needs no quoting.
    public static func isScenarioNameCharacter(_ character: Character) -> Bool {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, scalar.isASCII else { return false }
        return character.isLetter || character.isNumber || character == "-" || character == "_"
    }

    /// `+ - ] [`: the next rate of the 1-2-5 series (or × 10, ÷ 10), rounded to 12 digits and kept in
    /// `learningRateRange`; the key opposite to the last one goes back to exactly the rate before it.
    mutating func changeLearningRateByKey(_ action: Action) {
        guard let racer = selectedRacer else { return }
        guard let lr = racer.learningRate else {
            notice = "\(racer.name) has no learning rate"
            return
        }
        let decade = action == .learningRateTimesTen || action == .learningRateDividedByTen
        let up = action == .learningRateUp || action == .learningRateTimesTen
        var trail = rateKeyTrail[racer.id] ?? []
        let proposed: Double
        if let last = trail.last, last.decade == decade, last.up != up, last.to == lr {
            proposed = last.from
            trail.removeLast()
        } else {
            let next = decade ? (up ? lr * 10 : lr / 10) : AppState.nextLearningRate(after: lr, up: up)
            let range = AppState.learningRateRange
            proposed = AppState.roundedToTwelveDigits(min(max(next, range.lowerBound), range.upperBound))
            guard proposed != lr else {
                notice = "\(racer.name) lr is at its \(up ? "largest" : "smallest") (\(formatNumber(lr)))"
                return
            }
            trail.append(RateKeyChange(decade: decade, up: up, from: lr, to: proposed))
        }
        rateKeyTrail[racer.id] = trail
        apply(.setLearningRate(racer: selected, proposed))
    }

    /// The race restarts on `surface`, its view and shading; rates not set by hand take the rate that suits it,
    /// and play or pause stays as it was.
    /// `start` replaces the surface's default start; `suggestingRates: false` keeps every rate;
    /// `keepingNotes` keeps the scenario's title and notes (the same lesson on a variant of its surface).
    mutating func use(_ surface: any Surface, start: Vector2? = nil, suggestingRates: Bool = true, keepingNotes: Bool = false) {
        let handSet = handSetRates
        restartRace { race in
            race.setSurface(surface, start: start)
            guard suggestingRates else { return }
            for i in race.racers.indices where !handSet.contains(race.racers[i].id) {
                if let rate = race.racers[i].spec.descriptor.suggestedLearningRate(on: surface) { race.setLearningRate(rate, forRacer: i) }
            }
        }
        view = surface.defaultView
        logShading = surface.prefersLogShading
        isPlaying = isPlaying && race.isRunning
        // Minibatches need examples: say so rather than let batch=N pass unnoticed.
        let batched = surface is DataSurface ? [] : race.racers.filter { $0.currentSpec.batchSize > 0 }.map(\.name)
        if !batched.isEmpty {
            notice = (notice.map { $0 + " · " } ?? "") + "batch= needs a data surface: \(batched.joined(separator: ", ")) use the full gradient here"
        }
        guard !keepingNotes else { return }
        // A scenario's title and notes speak of its own surface.
        scenarioTitle = nil
        scenarioNotes = nil
    }

    /// A change that restarts the race (surface, start, optimizers): the replay's timeline goes with it.
    mutating func restartRace(_ change: (inout Race) -> Void) {
        let pendingBefore = !session.pending.isEmpty
        session.restart(change)
        stepCredit = 0
        branchFromReplay(droppingEvents: pendingBefore)
    }

    /// The session no longer follows the scenario it replayed (r restarts what is on screen, not the
    /// replay); the status bar says so, and whether events still to come were dropped.
    mutating func branchFromReplay(droppingEvents: Bool) {
        guard replaying != nil else { return }
        replaying = nil
        let what = droppingEvents ? "branched from the replay: the rest of its timeline is dropped" : "branched from the replay"
        notice = (notice.map { $0 + " · " } ?? "") + what
    }

    /// What is on screen becomes this scenario, playing; the screen, colours and drawing toggles stay.
    mutating func load(_ scenario: Scenario) {
        // Playing or paused as before (a scenario that pauses at its start stays paused).
        var next = AppState(scenario: scenario, screenWidth: screenWidth, screenHeight: screenHeight, colorMode: colorMode,
                            isPlaying: isPlaying)
        next.showContours = showContours
        next.showGradientArrows = showGradientArrows
        next.showStepArrows = showStepArrows
        next.notice = "replaying " + (scenario.title ?? scenario.surface.name)
        self = next
    }

    /// Takes the steps owed by `seconds` of play at `speed`, at most a quarter second's worth.
    /// No more than `stepBudget` steps are taken; the credit beyond them is dropped, so a race too
    /// slow for the speed asked runs as fast as it can, and `achievedSpeed` says how fast that is.
    mutating func advance(by seconds: Double) {
        guard isPlaying, seconds > 0, seconds.isFinite else { return }
        stepCredit = min(stepCredit + seconds * Double(speed), max(1, Double(speed) / 4))
        let steps = min(Int(stepCredit), max(1, stepBudget))
        stepCredit = steps < Int(stepCredit) ? 0 : stepCredit - Double(steps)
        let rate = Double(steps) / seconds
        achievedSpeed = achievedSpeed.map { 0.8 * $0 + 0.2 * rate } ?? rate
        if steps > 0, session.advance(steps: steps) {
            isPlaying = false
            stepCredit = 0
            notice = "paused by the scenario: space plays on"
            return
        }
        if !race.isRunning {
            isPlaying = false
            notice = "every optimizer has stopped: r resets"
        }
    }

    mutating func toggleOptimizer(named name: String) {
        guard let descriptor = try? OptimizerCatalog.descriptor(named: name) else { return }
        let racing = Set(race.racers.filter { $0.name == name }.map(\.id))
        if !racing.isEmpty {
            guard racing.count < race.racers.count else {
                notice = "at least one optimizer must race"
                return
            }
            restartRace { $0.remove(racers: racing) }
            notice = "removed \(name)" + (notice.map { " · " + $0 } ?? "")
        } else {
            restartRace { $0.add(RaceEntry(spec: OptimizerSpec(descriptor: descriptor))) }
            notice = "added \(name)" + (notice.map { " · " + $0 } ?? "")
        }
        selected = max(0, min(selected, race.racers.count - 1))
        isPlaying = isPlaying && race.isRunning
    }

    private func wrap(_ index: Int, count: Int) -> Int {
        count == 0 ? 0 : ((index % count) + count) % count
    }
}

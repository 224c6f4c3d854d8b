import DescentCore
import DescentRender

/// The three ways `descent run` reports a race: CSV and JSON are written as the race steps, and the
/// table needs only each racer's end, so memory stays the same whatever `--steps`.
enum RaceReport {
    /// The CSV header; one row follows per optimizer per step.
    static let csvHeader = "optimizer,step,x,y,loss,grad_norm,lr,evals,status"

    /// One aligned line per optimizer: spec, final point, loss, |∇f|, steps, status.
    static func writeTable(_ race: Race, to out: inout Output) {
        out.line("surface \(race.surface.name): f(x, y) = \(race.surface.formula)")
        out.line("start (\(formatNumber(race.start.x)), \(formatNumber(race.start.y))), seed \(race.seed), " + describe(race.rules))
        out.line()
        let validation = validationSplit(of: race.surface)
        var columns: [TextTable.Column] = [.init("optimizer"), .init("x", .right), .init("y", .right), .init("loss", .right)]
        if validation != nil { columns.append(.init("val loss", .right)) }
        columns += [.init("|∇f|", .right), .init("steps", .right), .init("evals", .right), .init("status")]
        var table = TextTable(columns: columns)
        /// The validation loss at `point` as a cell, when the surface has a validation split.
        func validationCell(_ point: Vector2) -> [String] {
            validation.map { [short($0.validationLoss(at: point) ?? .nan)] } ?? []
        }
        for racer in race.racers {
            let point = racer.currentPoint
            table.add([racer.currentSpec.text, short(point.x), short(point.y), short(racer.fullLoss(on: race.surface))]
                      + validationCell(point)
                      + [short(racer.fullGradient(on: race.surface).length), String(racer.stepCount), String(racer.evaluations), racer.status.summary])
            if racer.averages {
                // Polyak averaging: θ̄ on a row of its own, under its run.
                let average = racer.averagePoint
                table.add(["  its average θ̄", short(average.x), short(average.y), short(race.surface.value(at: average))]
                          + validationCell(average) + [short(race.surface.gradient(at: average).length), "", "", ""])
            }
        }
        table.write(to: &out)
    }

    /// The minibatch losses of one minibatch run: at θ_k, the loss on step k + 1's batch — the loss whose
    /// gradient the next step takes (the panel's "batch" loss). Batches are a function of (seed, step),
    /// so they are recomputed here, in step order, from the run's own sampler settings.
    struct BatchLosses {
        private var sampler: MinibatchSampler?

        /// nil for a run without minibatches.
        mutating func loss(of racer: Racer, atStep k: Int, at point: Vector2, on data: DataSurface) -> Double? {
            guard let own = racer.sampler else { return nil }
            if sampler == nil { sampler = MinibatchSampler(count: own.count, batchSize: own.batchSize, seed: own.seed) }
            return data.valueAndGradient(at: point, examples: sampler!.batch(forStep: k + 1)).value
        }
    }

    /// The data surface, when it holds examples back for validation (then csv, json and the table show
    /// the loss on them: what early stopping watches).
    static func validationSplit(of surface: any Surface) -> DataSurface? {
        guard let data = surface as? DataSurface, data.hasValidationSplit else { return nil }
        return data
    }

    /// The stop rules in words, e.g. "at most 1000 steps, converged at |∇f| ≤ 1e-06".
    static func describe(_ rules: StopRules) -> String {
        var text = "at most \(rules.maxSteps) steps, "
        text += rules.gradientTolerance > 0 ? "converged at |∇f| ≤ \(formatNumber(rules.gradientTolerance))" : "no gradient stop"
        if let patience = rules.patience {
            text += ", stalled after \(patience) steps without a decrease > \(formatNumber(rules.minDelta))"
        }
        return text
    }

    /// How many steps are taken between two writes when streaming: the rows of a chunk are written,
    /// then the racer lets go of them, so memory does not grow with `--steps`.
    static let streamChunk = 4096

    /// Runs the scenario to its end keeping only each racer's last point (the table needs no more).
    static func runKeepingEndStates(_ scenario: Scenario) -> Race {
        var session = scenario.makeSession(recording: .endOnly)
        while session.race.isRunning { session.advance(steps: streamChunk) }
        return session.race
    }

    /// The scenario as races of one optimizer each, in order: the same trajectories as the whole race
    /// (every racer has the race's seed and its own events), so each can be streamed in turn.
    static func singleRacerScenarios(_ scenario: Scenario) -> [Scenario] {
        scenario.optimizers.indices.map { index in
            var single = scenario
            single.optimizers = [scenario.optimizers[index]]
            single.events = scenario.events.compactMap { event in
                guard case let .setLearningRate(racer, rate) = event.event else { return nil }
                return racer == index ? TimedEvent(step: event.step, .setLearningRate(racer: 0, rate)) : nil
            }
            return single
        }
    }

    /// Steps a one-racer session to its end, calling `row` once for every `every`-th step (step 0
    /// first) and for the last step, with the racer holding that step, the evaluations of f, ∇f and ∇²f up
    /// to that step, and whether it is the last one. A first-order method evaluates once a step (and once
    /// at the start), so its steps go in chunks; the others, whose steps cost what their line search or
    /// samples cost, go one at a time.
    static func stream(_ scenario: Scenario, every: Int = 1, row: (Racer, Int, Int, Bool) -> Void) -> Racer {
        var session = scenario.makeSession(recording: every > 1 ? .every(every) : .everyStep)
        let chunk = scenario.optimizers[0].spec.descriptor.family == .firstOrder ? streamChunk : 1
        var written = -1
        while true {
            let racer = session.race.racers[0]
            let last = racer.stepCount
            let finished = !racer.isRunning
            for step in racer.keptSteps where step > written && (step % every == 0 || (finished && step == last)) {
                row(racer, step, chunk == 1 ? racer.evaluations : step + 1, finished && step == last)
                written = step
            }
            if finished { return racer }
            session.forgetHistory()
            session.advance(steps: chunk)
        }
    }

    /// Every optimizer's trajectory, one row per step (or per `every`-th step, and the last), numbers in shortest round-trip form, written as
    /// the race steps (memory does not grow with the number of steps).
    /// When an optimizer averages its iterates (`average=true`), every row also has avg_x, avg_y and
    /// avg_loss (θ̄ and f(θ̄); empty for the optimizers that do not average).
    static func writeCSV(_ scenario: Scenario, every: Int = 1, to out: inout Output) {
        let anyAverages = scenario.optimizers.contains { $0.spec.averages }
        let validation = validationSplit(of: scenario.surface)
        let data = scenario.surface as? DataSurface
        let anyBatches = data.map { data in scenario.optimizers.contains { $0.spec.batchSize > 0 && $0.spec.batchSize < data.trainingCount } } ?? false
        out.line(csvHeader + (anyAverages ? ",avg_x,avg_y,avg_loss" : "") + (validation == nil ? "" : ",val_loss")
                 + (anyBatches ? ",batch_loss" : ""))
        let surface = scenario.surface
        for single in singleRacerScenarios(scenario) {
            let name = csvField(single.optimizers[0].spec.text)
            var batches = BatchLosses()
            _ = stream(single, every: every) { racer, step, evaluations, isLast in
                let point = racer.point(atStep: step)
                out.write(name); out.write(",")
                out.write(step); out.write(",")
                out.writeField(point.x); out.write(",")
                out.writeField(point.y); out.write(",")
                out.writeField(racer.loss(atStep: step, on: surface)); out.write(",")
                out.writeField(racer.gradientNorm(atStep: step, on: surface)); out.write(",")
                if let rate = racer.learningRate(forStep: step) { out.write(rate) }
                out.write(",")
                out.write(evaluations); out.write(",")
                out.write(isLast ? racer.status.label : RunStatus.running.label)
                if racer.averages {
                    let average = racer.averagePoint(atStep: step)
                    out.write(","); out.writeField(average.x)
                    out.write(","); out.writeField(average.y)
                    out.write(","); out.writeField(surface.value(at: average))
                } else if anyAverages {
                    out.write(",,,")
                }
                if let validation {
                    out.write(","); out.writeField(validation.validationLoss(at: point) ?? .nan)
                }
                if anyBatches {
                    out.write(",")
                    if let data, let loss = batches.loss(of: racer, atStep: step, at: point, on: data) { out.writeField(loss) }
                }
                out.line()
            }
        }
    }

    /// The race as one JSON object: surface, start, seed, rules, and per optimizer its spec, every
    /// step, then its status (last, because it is known only once the steps are written).
    static func writeJSON(_ scenario: Scenario, every: Int = 1, to out: inout Output) {
        let race = scenario.makeRace()
        let validation = validationSplit(of: race.surface)
        let data = race.surface as? DataSurface
        out.line("{")
        out.line("  \"surface\": \(jsonString(race.surface.name)),")
        out.line("  \"formula\": \(jsonString(race.surface.formula)),")
        out.line("  \"start\": {\"x\": \(jsonNumber(race.start.x)), \"y\": \(jsonNumber(race.start.y))},")
        out.line("  \"seed\": \(race.seed),")
        out.line("  \"max_steps\": \(race.rules.maxSteps),")
        out.line("  \"grad_tol\": \(jsonNumber(race.rules.gradientTolerance)),")
        out.line("  \"optimizers\": [")
        let singles = singleRacerScenarios(scenario)
        for (index, single) in singles.enumerated() {
            let spec = single.optimizers[0].spec
            out.line("    {")
            out.line("      \"spec\": \(jsonString(spec.text)),")
            out.line("      \"name\": \(jsonString(spec.name)),")
            out.line("      \"steps\": [")
            var batches = BatchLosses()
            let end = stream(single, every: every) { racer, step, evaluations, isLast in
                let point = racer.point(atStep: step)
                out.write("        {\"step\": "); out.write(step)
                out.write(", \"x\": "); out.write(jsonNumber(point.x))
                out.write(", \"y\": "); out.write(jsonNumber(point.y))
                out.write(", \"loss\": "); out.write(jsonNumber(racer.loss(atStep: step, on: race.surface)))
                out.write(", \"grad_norm\": "); out.write(jsonNumber(racer.gradientNorm(atStep: step, on: race.surface)))
                out.write(", \"lr\": "); out.write(racer.learningRate(forStep: step).map(jsonNumber) ?? "null")
                out.write(", \"evals\": "); out.write(evaluations)
                if racer.averages {
                    let average = racer.averagePoint(atStep: step)
                    out.write(", \"avg_x\": "); out.write(jsonNumber(average.x))
                    out.write(", \"avg_y\": "); out.write(jsonNumber(average.y))
                    out.write(", \"avg_loss\": "); out.write(jsonNumber(race.surface.value(at: average)))
                }
                if let validation {
                    out.write(", \"val_loss\": "); out.write(jsonNumber(validation.validationLoss(at: point) ?? .nan))
                }
                if let data, let loss = batches.loss(of: racer, atStep: step, at: point, on: data) {
                    out.write(", \"batch_loss\": "); out.write(jsonNumber(loss))
                }
                out.line(isLast ? "}" : "},")
            }
            out.line("      ],")
            out.line("      \"evals\": \(end.evaluations),")
            out.line("      \"status\": \(jsonString(end.status.label)),")
            out.line("      \"summary\": \(jsonString(end.status.summary))")
            out.line(index == singles.count - 1 ? "    }" : "    },")
        }
        out.line("  ]")
        out.line("}")
    }

    /// Six significant digits, for the table; "—" for a value that is not a number (a run diverged at step 0).
    static func short(_ value: Double) -> String {
        value.isFinite ? NumberFormat.cFormat("%.6g", value) : "—"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for character in text { quoted += character == "\"" ? "\"\"" : String(character) }
        return quoted + "\""
    }

    /// A JSON number in shortest round-trip form; null for NaN and ±∞, which JSON cannot hold.
    static func jsonNumber(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }

    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}

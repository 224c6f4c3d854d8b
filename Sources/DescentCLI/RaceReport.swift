import DescentCore

/// The three ways `descent run` reports a finished race.
enum RaceReport {
    /// The CSV header; one row follows per optimizer per step.
    static let csvHeader = "optimizer,step,x,y,loss,grad_norm,lr,status"

    /// One aligned line per optimizer: spec, final point, loss, |∇f|, steps, status.
    static func writeTable(_ race: Race, to out: inout Output) {
        out.line("surface \(race.surface.name): f(x, y) = \(race.surface.formula)")
        out.line("start (\(formatNumber(race.start.x)), \(formatNumber(race.start.y))), seed \(race.seed), " + describe(race.rules))
        out.line()
        var table = TextTable(columns: [
            .init("optimizer"), .init("x", .right), .init("y", .right), .init("loss", .right),
            .init("|∇f|", .right), .init("steps", .right), .init("status"),
        ])
        for racer in race.racers {
            let point = racer.currentPoint
            table.add([
                racer.currentSpec.text, short(point.x), short(point.y), short(racer.loss),
                short(racer.gradient.length), String(racer.stepCount), racer.status.summary,
            ])
        }
        table.write(to: &out)
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

    /// Every optimizer's trajectory, one row per step, numbers in shortest round-trip form.
    static func writeCSV(_ race: Race, to out: inout Output) {
        out.line(csvHeader)
        for racer in race.racers {
            let name = csvField(racer.spec.text)
            let last = racer.stepCount
            for step in 0...last {
                let point = racer.points[step]
                out.write(name); out.write(",")
                out.write(step); out.write(",")
                out.writeField(point.x); out.write(",")
                out.writeField(point.y); out.write(",")
                out.writeField(racer.loss(atStep: step, on: race.surface)); out.write(",")
                out.writeField(racer.gradientNorm(atStep: step, on: race.surface)); out.write(",")
                if let rate = racer.learningRate(forStep: step) { out.write(rate) }
                out.write(",")
                out.line(step == last ? racer.status.label : RunStatus.running.label)
            }
        }
    }

    /// The race as one JSON object: surface, start, seed, rules, and per optimizer its spec, status and every step.
    static func writeJSON(_ race: Race, to out: inout Output) {
        out.line("{")
        out.line("  \"surface\": \(jsonString(race.surface.name)),")
        out.line("  \"formula\": \(jsonString(race.surface.formula)),")
        out.line("  \"start\": {\"x\": \(jsonNumber(race.start.x)), \"y\": \(jsonNumber(race.start.y))},")
        out.line("  \"seed\": \(race.seed),")
        out.line("  \"max_steps\": \(race.rules.maxSteps),")
        out.line("  \"grad_tol\": \(jsonNumber(race.rules.gradientTolerance)),")
        out.line("  \"optimizers\": [")
        for (index, racer) in race.racers.enumerated() {
            out.line("    {")
            out.line("      \"spec\": \(jsonString(racer.spec.text)),")
            out.line("      \"name\": \(jsonString(racer.name)),")
            out.line("      \"status\": \(jsonString(racer.status.label)),")
            out.line("      \"summary\": \(jsonString(racer.status.summary)),")
            out.line("      \"steps\": [")
            let last = racer.stepCount
            for step in 0...last {
                let point = racer.points[step]
                out.write("        {\"step\": "); out.write(step)
                out.write(", \"x\": "); out.write(jsonNumber(point.x))
                out.write(", \"y\": "); out.write(jsonNumber(point.y))
                out.write(", \"loss\": "); out.write(jsonNumber(racer.loss(atStep: step, on: race.surface)))
                out.write(", \"grad_norm\": "); out.write(jsonNumber(racer.gradientNorm(atStep: step, on: race.surface)))
                out.write(", \"lr\": "); out.write(racer.learningRate(forStep: step).map(jsonNumber) ?? "null")
                out.line(step == last ? "}" : "},")
            }
            out.line("      ]")
            out.line(index == race.racers.count - 1 ? "    }" : "    },")
        }
        out.line("  ]")
        out.line("}")
    }

    /// Six significant digits, for the table; "—" for a value that is not a number (a run diverged at step 0).
    static func short(_ value: Double) -> String {
        value.isFinite ? Platform.format("%.6g", value) : "—"
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

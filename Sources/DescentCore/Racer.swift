/// A change of an optimizer's base learning rate, made by a person during a run.
public struct LearningRateChange: Equatable, Sendable {
    /// The first step t that uses the new rate.
    public var step: Int
    public var learningRate: Double

    public init(step: Int, learningRate: Double) {
        self.step = step
        self.learningRate = learningRate
    }
}

/// A change of one parameter (other than the learning rate) during a run.
public struct ParameterChange: Equatable, Sendable {
    /// The first step t that uses the new value.
    public var step: Int
    public var key: String
    /// The value as SPEC text, e.g. "0.5".
    public var text: String
}

/// One optimizer in a race: its spec, its state, its trajectory and its status.
///
/// Memory: the trajectory stores only the iterates (16 bytes a step); loss, |∇f| and the
/// learning rate of any step are recomputed from the point, the surface and the timeline of
/// learning-rate changes — exactly, as they are deterministic functions of those. So 10
/// optimizers × 1,000,000 steps take 160 MB.
public struct Racer: Sendable {
    /// The racer's identity within its race: stable while other racers are added or removed, so a
    /// recorded event aimed at this racer still finds it.
    public let id: Int
    /// The name a scenario gives this racer (e.g. "gradient descent"), shown beside its spec.
    public let label: String?
    /// Where this racer starts when it has a start of its own (else the race's start applies).
    public let ownStart: Vector2?
    /// The spec this run started with (its learning rate is the launch rate; `currentSpec` has the
    /// rate and the parameters now in force).
    public private(set) var spec: OptimizerSpec
    /// Every change of a parameter other than the learning rate during this run, in order.
    public private(set) var parameterChanges: [ParameterChange] = []
    public let seed: UInt64
    public private(set) var optimizer: any Optimizer
    /// Which iterates this run keeps in `points`.
    public let recording: Recording
    /// The iterates kept, at the steps firstKeptStep, firstKeptStep + k, … (k = 1 unless recording
    /// `.every(k)`): under `.everyStep` θ_firstKeptStep, …, θ_stepCount (θ₀ the start), all of them unless
    /// older ones were let go by `forgetHistory` (streaming output, a capped trail); under `.endOnly` the
    /// current point alone once a batch of steps is done.
    public private(set) var points: [Vector2]
    /// The step of `points[0]`.
    public private(set) var firstKeptStep = 0
    /// True when the run keeps the running average of its iterates (`average=true`, Polyak averaging).
    public let averages: Bool
    /// θ̄ₜ = (θ₁ + … + θₜ)/t after t ≥ 1 steps — the average of the iterates after each step, as
    /// torch.optim.ASGD's `ax` with t0 = 0 — and θ₀ before the first; the current point when not averaging.
    public private(set) var averagePoint: Vector2
    /// θ̄ at the same steps as `points` (empty when not averaging).
    public private(set) var averagePoints: [Vector2] = []
    /// The current iterate θ_stepCount.
    public private(set) var currentPoint: Vector2
    /// The number of steps taken.
    public private(set) var stepCount = 0
    public private(set) var status: RunStatus
    /// Every base learning rate in force during this run, from step 1 on (empty for methods without one).
    public private(set) var learningRateChanges: [LearningRateChange]
    /// f and ∇f at the current point — on a minibatch run, the loss and gradient of the minibatch the next
    /// step uses (the full loss is `surface.value(at: currentPoint)`).
    public private(set) var loss: Double
    public private(set) var gradient: Vector2
    /// How many times this run asked the surface for f, ∇f or ∇²f at a point: one a step for the new
    /// iterate (and one for the start), plus what the optimizer asked for itself (line searches, samples,
    /// Hessians) — what the run cost, whatever its step count.
    public private(set) var evaluations = 0
    /// f at the start of this run (under `patience`, a loss above it that does not improve is divergence).
    private var startLoss: Double = .nan
    /// The best loss so far and its step, for `patience`: the validation loss when validating.
    private var bestLoss: Double
    private var bestStep: Int
    /// The minibatches of this run on a data surface (nil: the full batch).
    public private(set) var sampler: MinibatchSampler?
    /// The noise added to the gradient each step is given (`noise=σ` > 0 on a first-order method), else nil.
    public private(set) var gradientNoise: GradientNoise?
    /// True when `patience` watches a data surface's validation loss (early stopping).
    public private(set) var stopsEarly = false
    /// Cached from the spec for the step loop.
    private let usesLineSearch: Bool
    private let schedule: LearningRateSchedule

    public init(id: Int = 0, spec: OptimizerSpec, label: String? = nil, ownStart: Vector2? = nil, seed: UInt64,
                start: Vector2, surface: any Surface, rules: StopRules, recording: Recording = .everyStep) {
        self.id = id
        self.recording = recording
        self.label = label
        self.ownStart = ownStart
        self.spec = spec
        self.seed = seed
        usesLineSearch = spec.descriptor.usesLineSearch
        schedule = spec.schedule
        averages = spec.averages
        averagePoint = ownStart ?? start
        // A placeholder: `restart` builds the optimizer, once.
        optimizer = GradientDescent()
        learningRateChanges = spec.learningRate.map { [LearningRateChange(step: 1, learningRate: $0)] } ?? []
        points = []
        currentPoint = ownStart ?? start
        status = .running
        loss = .nan
        gradient = .zero
        bestLoss = .infinity
        bestStep = 0
        restart(at: ownStart ?? start, surface: surface, rules: rules)
    }

    public var name: String { spec.name }
    /// The spec with the base learning rate now in force, e.g. "gd:lr=0.05" after a change from 0.08.
    public var currentSpec: OptimizerSpec {
        var current = spec
        for change in parameterChanges { current = (try? current.setting(change.key, to: change.text)) ?? current }
        guard let rate = learningRate, rate != current.learningRate else { return current }
        return current.withLearningRate(rate)
    }
    /// The spec this run started with: the base learning rate of step 1.
    public var launchSpec: OptimizerSpec { spec(withRate: learningRateChanges.first?.learningRate) }

    /// The launch spec with this base rate (the spec itself when the rate is its own).
    private func spec(withRate rate: Double?) -> OptimizerSpec {
        guard let rate, rate != spec.learningRate else { return spec }
        return spec.withLearningRate(rate)
    }
    /// The base learning rate now in force (nil for methods without one).
    public var learningRate: Double? { learningRateChanges.last?.learningRate }

    /// γ used for step t ≥ 1 (the schedule applied to the base rate then in force); nil without a learning rate.
    public func learningRate(forStep t: Int) -> Double? {
        guard var base = learningRateChanges.first?.learningRate else { return nil }
        for change in learningRateChanges where change.step <= t { base = change.learningRate }
        return spec.schedule.rate(base: base, iteration: max(t, 1))
    }

    /// Empties the trajectory and the optimizer's state and starts again at `start`, keeping the current base learning rate.
    mutating func restart(at start: Vector2, surface: any Surface, rules: StopRules) {
        // Parameters changed during the last run stay as they were, as a hand-set learning rate does.
        for change in parameterChanges { spec = (try? spec.setting(change.key, to: change.text)) ?? spec }
        parameterChanges = []
        optimizer = spec.makeOptimizer(runSeed: seed)
        learningRateChanges = learningRate.map { [LearningRateChange(step: 1, learningRate: $0)] } ?? []
        points = [start]
        firstKeptStep = 0
        currentPoint = start
        averagePoint = start
        averagePoints = averages ? [start] : []
        stepCount = 0
        // Room for the first few thousand iterates (a short run, most runs of a map or a sweep, needs no more); a
        // run that goes on reserves the rest of its trajectory at once (see `takeSteps`). Runs that keep only their
        // end reserve nothing.
        if recording == .everyStep { points.reserveCapacity(min(rules.maxSteps, 4095) + 1) }
        let data = surface as? DataSurface
        gradientNoise = spec.gradientNoise(runSeed: seed)
        sampler = nil
        if let data, spec.batchSize > 0, spec.batchSize < data.trainingCount {
            sampler = MinibatchSampler(count: data.trainingCount, batchSize: spec.batchSize, seed: seed)
        }
        if let data, var batches = sampler {
            (loss, gradient) = data.valueAndGradient(at: start, examples: batches.batch(forStep: 1))
            sampler = batches
        } else {
            (loss, gradient) = surface.valueAndGradient(at: start)
        }
        evaluations = 1
        startLoss = loss
        bestLoss = loss
        bestStep = 0
        stopsEarly = rules.patience != nil && data?.hasValidationSplit == true
        if stopsEarly, let validation = data?.validationLoss(at: start) { bestLoss = validation }
        status = .running
        if !loss.isFinite || !gradient.isFinite || abs(start.x) > rules.bound || abs(start.y) > rules.bound {
            status = .diverged(step: 0)
        } else if sampler == nil, isConverged(gradient: gradient, rules) {
            status = Racer.stationaryStatus(at: start, step: 0, on: surface)
        } else if rules.maxSteps <= 0 {
            status = .finished(step: 0)
        }
    }

    /// The status of a run that stopped where |∇f| is within tolerance, by the Hessian there: indefinite
    /// (det < 0) a saddle, negative definite (det > 0, trace < 0) a maximum, else converged.
    static func stationaryStatus(at p: Vector2, step: Int, on surface: any Surface) -> RunStatus {
        guard let h = surface.hessian(at: p) else { return .converged(step: step) }
        let det = h.determinant, trace = h.xx + h.yy
        guard det.isFinite, trace.isFinite else { return .converged(step: step) }
        if det < 0 { return .stoppedAtSaddle(step: step) }
        if det > 0 && trace < 0 { return .stoppedAtMaximum(step: step) }
        return .converged(step: step)
    }

    private func isConverged(gradient g: Vector2, _ rules: StopRules) -> Bool {
        let tolerance = convergenceTolerance(rules)
        return tolerance > 0 && g.length <= tolerance
    }

    /// Converged when |∇f| is at most this (line searches stop at 1e-12 even with the gradient stop off).
    private func convergenceTolerance(_ rules: StopRules) -> Double {
        usesLineSearch ? rules.lineSearchTolerance : rules.gradientTolerance
    }

    /// Sets the base learning rate from the next step on, without a restart, exactly as given.
    /// Returns false (and changes nothing) for a method without a learning rate or a rate that is not
    /// positive and finite — callers check rates before they get here.
    @discardableResult
    mutating func setLearningRate(_ lr: Double) -> Bool {
        guard learningRate != nil, lr > 0, lr.isFinite else { return false }
        let next = stepCount + 1
        if let last = learningRateChanges.last, last.step == next {
            learningRateChanges[learningRateChanges.count - 1].learningRate = lr
        } else {
            learningRateChanges.append(LearningRateChange(step: next, learningRate: lr))
        }
        return true
    }

    /// Sets a parameter other than the learning rate (one of the descriptor's `keysSettableDuringRun`) from
    /// the next step on, keeping the optimizer's state; the value is checked as a SPEC value would be.
    mutating func setParameter(_ key: String, to text: String) throws(DescentError) {
        guard key != "lr", spec.descriptor.keysSettableDuringRun.contains(key) else {
            throw .invalid("\(name): '\(key)' cannot change during a run (it may set: \(spec.descriptor.keysSettableDuringRun.joined(separator: ", ")))")
        }
        let changed = try currentSpec.setting(key, to: text)
        optimizer.adopt(changed.values)
        if key == "noise" { gradientNoise = changed.gradientNoise(runSeed: seed) }
        let next = stepCount + 1
        if let last = parameterChanges.last, last.step == next, last.key == key {
            parameterChanges[parameterChanges.count - 1].text = text
        } else {
            parameterChanges.append(ParameterChange(step: next, key: key, text: text))
        }
    }

    /// The context of the next step (what `step` will pass to the optimizer).
    public var nextContext: StepContext {
        let t = stepCount + 1
        let gamma = learningRate.map { schedule.rate(base: $0, iteration: t) } ?? 1
        let noisy = gradientNoise.map { gradient + $0.offset(forStep: t) } ?? gradient
        let given = (spec.maximizes ? -noisy : noisy) + spec.l2WeightDecay * currentPoint
        return StepContext(point: currentPoint, gradient: given, iteration: t, learningRate: gamma)
    }

    /// f at the current point over all the training examples (`loss` itself, unless minibatches train).
    public func fullLoss(on surface: any Surface) -> Double { sampler == nil ? loss : surface.value(at: currentPoint) }

    /// ∇f at the current point over all the training examples (`gradient`, unless minibatches train).
    public func fullGradient(on surface: any Surface) -> Vector2 { sampler == nil ? gradient : surface.gradient(at: currentPoint) }

    public var isRunning: Bool {
        if case .running = status { return true }
        return false
    }

    /// Takes one step if still running, then updates the status.
    mutating func advance(on surface: any Surface, rules: StopRules) { run(steps: 1, on: surface, rules: rules) }

    /// Takes up to `count` steps, stopping early when a stop rule ends the run.
    mutating func run(steps count: Int, on surface: any Surface, rules: StopRules) {
        guard isRunning, count > 0 else { return }
        // The optimizer is lent to its own specialized loop; the empty placeholder keeps the
        // existential's box uniquely referenced, so the loop mutates it without a copy.
        var lent: any Optimizer = GradientDescent()
        swap(&lent, &optimizer)
        let data = surface as? DataSurface
        let validate: ((Vector2) -> Double)? = stopsEarly ? data.map { data in { data.validationLoss(at: $0) ?? .nan } } : nil
        if let data, var batches = sampler {
            lent._takeSteps(count, of: &self, on: surface, evaluate: { p, t in data.valueAndGradient(at: p, examples: batches.batch(forStep: t)) },
                            validate: validate, rules: rules)
            sampler = batches
        } else {
            func open<S: Surface>(_ opened: S) {
                lent._takeSteps(count, of: &self, on: surface, evaluate: { p, _ in opened.valueAndGradient(at: p) }, validate: validate, rules: rules)
            }
            open(surface)
        }
        swap(&lent, &optimizer)
    }

    /// The step loop, generic so that each optimizer type gets its own copy with `step` inlined.
    /// `optimizer` is this racer's own, lent by `run(steps:on:rules:)`; `evaluate(θ, t)` is the surface's
    /// `valueAndGradient` for step t (on a minibatch run, of step t's minibatch), reached through one call
    /// a step; `validate`, when early stopping applies, is the validation loss. New points wait in
    /// `pending` and join `points` 64 at a time (no uniqueness check of the array a step).
    mutating func takeSteps<O: Optimizer>(_ count: Int, with optimizer: inout O, on surface: any Surface,
                                          evaluate: (Vector2, Int) -> (value: Double, gradient: Vector2),
                                          validate: ((Vector2) -> Double)?, rules: StopRules) {
        var stepper = optimizer
        // θ and ∇f(θ) of the current step; `loss` and `gradient` are stored as soon as they change,
        // so that no old value has to live across the call to `evaluate`.
        var point = currentPoint, gradient = self.gradient
        var pending = InlineArray<64, Vector2>(repeating: .zero)
        var pendingCount = 0
        // Steps until the next iterate to keep (the recording policy; never, when only the end is kept).
        let recordStride = recording.stride
        var untilRecord = recordStride == 0 ? Int.max : recordStride - (stepCount % recordStride)
        var taken = 0
        // Polyak averaging: θ̄ and the averages recorded with the points (appended at once: only averaging pays).
        let averages = self.averages
        var average = averagePoint
        defer {
            pending.span.withUnsafeBufferPointer { points.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<pendingCount])) }
            optimizer = stepper
            stepCount += taken
            currentPoint = point
            averagePoint = averages ? average : point
            if recordStride == 0 {
                points = [point]
                if averages { averagePoints = [average] }
                firstKeptStep = stepCount
            }
        }
        let baseRate = learningRate ?? 1, schedule = self.schedule
        // γ when it is the same every step: 1 without a learning rate, the base rate when constant.
        let fixedRate: Double? = learningRate == nil || schedule == .constant ? baseRate : nil
        let bound = rules.bound, maxSteps = rules.maxSteps
        // A minibatch gradient is not the surface's: it never says the run converged.
        let gradientStops = sampler == nil
        let objective: any Objective = surface
        // The gradient noise, unpacked so that the step loop tests one Bool.
        let noisy = gradientNoise != nil, sigma = gradientNoise?.sigma ?? 0, noiseSeed = gradientNoise?.seed ?? 0
        // torch's maximize and weight_decay: the method is given ±g + λθ (one Bool tested a step when neither is set).
        let sign: Double = spec.maximizes ? -1 : 1, decay = spec.l2WeightDecay
        let reshapes = sign < 0 || decay > 0
        var t = stepCount + 1
        // Stretches of plain steps (see `PlainSteps`) go to their own small loop; this one takes every other step.
        let plain = fixedRate != nil && !noisy && !reshapes && !averages && validate == nil && rules.patience == nil
        var remaining = count
        while remaining > 0 {
            // Steps t ..< t + n keep no iterate (untilRecord stays at least 1) and are not the last (t < maxSteps).
            let plainCount = plain ? min(remaining, untilRecord &- 1, maxSteps &- t) : 0
            if plainCount > 0 {
                var lane = PlainSteps(stepper: consume stepper, point: point, loss: loss, gradient: gradient, step: t,
                                      count: plainCount, rate: baseRate, bound: bound,
                                      gradientTolerance: gradientStops ? convergenceTolerance(rules) : 0, objective: objective)
                if sampler != nil || !SurfaceCatalog.open(surface, &lane) { lane.run(evaluate) }
                stepper = lane.stepper
                remaining &-= lane.taken
                taken &+= lane.taken
                untilRecord &-= lane.taken
                evaluations &+= lane.evaluations
                point = lane.point
                gradient = lane.gradient
                t = lane.step
                self.loss = lane.loss
                self.gradient = lane.gradient
                switch lane.end {
                case nil: continue
                case .failed: status = failureStatus(lane.failureReason, at: point, step: t, on: surface)
                case .diverged: status = .diverged(step: t)
                case .stationary: status = Racer.stationaryStatus(at: point, step: t, on: surface)
                }
                return
            }
            remaining &-= 1
            let gamma = fixedRate ?? schedule.rate(base: baseRate, iteration: t)
            var given = noisy ? gradient + sigma * GradientNoise.draw(forStep: t, seed: noiseSeed) : gradient
            if reshapes { given = sign * given + decay * point }
            let context = StepContext(point: point, gradient: given, iteration: t, learningRate: gamma)
            let result = stepper.step(context, on: objective)
            evaluations &+= stepper.evaluationsInLastStep
            switch result {
            case let .failed(reason):
                status = failureStatus(reason, at: point, step: t, on: surface)
                return
            case let .moved(next):
                guard next.isFinite else { status = .diverged(step: t); return }
                let (f, g) = evaluate(next, t + 1)
                evaluations &+= 1
                // f·0 + g·0 is 0 exactly when all three are finite, NaN otherwise (see `Vector2.isFinite`).
                guard f * 0 + (g * 0).sum() == 0 else { status = .diverged(step: t); return }
                if averages {
                    average += (next - average) / Double(t)
                }
                untilRecord &-= 1
                if untilRecord == 0 {
                    untilRecord = recordStride
                    if averages { averagePoints.append(average) }
                    if pendingCount == 64 {
                        // Out of room: reserve what the rest of the run can record (at most 2²⁴ points, untouched until
                        // written) in one go, instead of doubling — each doubling copies the whole trajectory into fresh pages.
                        if points.capacity - points.count < 64 {
                            let rest = min(max(maxSteps - t, 0) / recordStride, 1 << 24)
                            points.reserveCapacity(points.count + 64 + rest)
                        }
                        pending.span.withUnsafeBufferPointer { points.append(contentsOf: $0) }
                        pendingCount = 0
                    }
                    pending[pendingCount] = next
                    pendingCount &+= 1
                }
                taken &+= 1
                point = next
                gradient = g
                self.loss = f
                self.gradient = g
                if abs(next.x) > bound || abs(next.y) > bound {
                    status = .diverged(step: t)
                    return
                } else if gradientStops, isConverged(gradient: g, rules) {
                    status = Racer.stationaryStatus(at: next, step: t, on: surface)
                    return
                } else if let validate, let patience = rules.patience {
                    let validation = validate(next)
                    if checkStalled(loss: validation, step: t, patience: patience, minDelta: rules.minDelta) {
                        status = .earlyStopped(step: t, bestStep: bestStep, bestValidationLoss: bestLoss)
                        return
                    } else if t >= maxSteps {
                        status = .finished(step: t)
                        return
                    }
                } else if let patience = rules.patience, checkStalled(loss: f, step: t, patience: patience, minDelta: rules.minDelta) {
                    // Divergence wins over stalling: no improvement with the loss above where it started.
                    status = f > startLoss ? .diverged(step: t) : .stalled(step: t)
                    return
                } else if t >= maxSteps {
                    status = .finished(step: t)
                    return
                }
            }
            t += 1
        }
    }

    /// The status when step t failed at `point`: a line search that failed where the gradient is already
    /// (almost) zero stopped at a stationary point after step t − 1; any other failure is the method's.
    private func failureStatus(_ reason: String, at point: Vector2, step t: Int, on surface: any Surface) -> RunStatus {
        usesLineSearch && gradient.length <= 1e-8
            ? Racer.stationaryStatus(at: point, step: t - 1, on: surface) : .failed(step: t, reason: reason)
    }

    private mutating func checkStalled(loss f: Double, step t: Int, patience: Int, minDelta: Double) -> Bool {
        if f < bestLoss - minDelta {
            bestLoss = f
            bestStep = t
            return false
        }
        return t - bestStep >= patience
    }

    /// θ_k for a kept step k (one of the recorded steps, or the current step).
    public func point(atStep k: Int) -> Vector2 {
        k == stepCount ? currentPoint : points[(k - firstKeptStep) / max(1, recording.stride)]
    }

    /// The steps whose iterates are kept, in order (the current step last, whether or not it is on the
    /// recording's grid).
    public var keptSteps: [Int] {
        let k = max(1, recording.stride)
        var steps = (0..<points.count).map { firstKeptStep + $0 * k }
        if steps.last != stepCount { steps.append(stepCount) }
        return steps
    }

    /// θ̄_k for a kept step k (the iterate itself when not averaging).
    public func averagePoint(atStep k: Int) -> Vector2 {
        guard averages else { return point(atStep: k) }
        return k == stepCount ? averagePoint : averagePoints[(k - firstKeptStep) / max(1, recording.stride)]
    }

    /// f(θ_k) for a kept step k (recomputed from the stored point).
    public func loss(atStep k: Int, on surface: any Surface) -> Double { surface.value(at: point(atStep: k)) }

    /// |∇f(θ_k)| for a kept step k.
    public func gradientNorm(atStep k: Int, on surface: any Surface) -> Double { surface.gradient(at: point(atStep: k)).length }

    /// Lets go of all but the last `count` (≥ 1) iterates, so memory stays bounded however long the
    /// run: for output written as it steps, and for the visualizer's trail. The run goes on exactly.
    public mutating func forgetHistory(keepingLast count: Int = 1) {
        let keep = max(1, count)
        guard points.count > keep else { return }
        firstKeptStep += (points.count - keep) * max(1, recording.stride)
        // In place, keeping the room reserved: a streamed run writes every chunk into the same buffer.
        points.removeFirst(points.count - keep)
        if averages { averagePoints.removeFirst(averagePoints.count - keep) }
    }
}

import DescentApp
import DescentCore
import DescentRender
import Glibc
import Synchronization

/// The visualizer's run loop: draw the frame, wait for a key or the next animation tick, reduce.
///
/// While playing it wakes when the next step is due (at most every 16 ms); while paused it blocks
/// on input and uses no CPU. The terminal is restored on every way out.
public enum Visualizer {
    /// The frame interval while playing faster than the frame rate, in milliseconds (about 60 frames a second).
    static let frameInterval = 16

    /// The most points of each racer's trail kept for drawing (16 B each: 8 MB a racer; the step count,
    /// status, loss and rates stay exact). Past twice this the oldest are let go.
    public static let trailCap = 500_000

    /// Runs until q, Esc, or a signal; returns the process exit status (0, or 128 + the signal).
    /// `perform` does the work the reducer asks for (`AppState.effect`: files to write or list) and
    /// returns the action that reports how it went.
    public static func run(_ initial: AppState, colorOverride: ColorMode? = nil,
                           perform: (Effect, AppState) -> Action) throws(TerminalError) -> Int32 {
        let terminal = try Terminal.open(colorOverride: colorOverride)
        defer { terminal.close() }
        var state = initial
        state.colorMode = terminal.colorMode
        state.asciiOnly = !Terminal.isUTF8Locale
        let size = terminal.size
        state.apply(.resize(width: size.width, height: size.height))
        let composer = FrameComposer()
        var budget = StepBudget()
        let clock = ContinuousClock()
        var last = clock.now
        let basins = BackgroundJob<BasinOverlay>()
        // The request of the `B` map being computed, if one is.
        var basinJob: BasinRequest?
        let sweeps = BackgroundJob<(serial: Int, trials: [LearningRateSweep.Trial])>()
        // The serial number of the `S` sweep being run, if one is.
        var sweepJob: Int?

        while !state.shouldQuit {
            terminal.draw(composer.compose(state))
            // While a map is computed the loop looks for it every 30 ms, playing or not.
            var wait = state.isPlaying ? timeout(for: state) : nil
            if basinJob != nil || sweepJob != nil { wait = min(wait ?? Self.backgroundPollInterval, Self.backgroundPollInterval) }
            let event = terminal.nextEvent(timeoutMilliseconds: wait)
            let now = clock.now
            let elapsed = now - last
            last = now
            switch event {
            case .interrupted:
                return 128 + (terminal.interruptingSignal ?? 2)
            case let .key(key):
                if let action = Keymap.action(for: key, in: state) { state.apply(action) }
                while let effect = state.effect {
                    state.effect = nil
                    state.apply(perform(effect, state))
                }
            case nil:
                break
            }
            if state.isPlaying { play(&state, for: seconds(elapsed), budget: &budget) }
            // `B`: start the map the screen asks for (dropping one no longer wanted), take one that is done.
            if let request = state.basinRequest {
                if state.basinOverlay?.request != request, basinJob != request, let racer = state.selectedRacer {
                    let surface = state.race.surface, spec = racer.currentSpec
                    let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
                    basins.start { shouldStop, _ in
                        await BasinOverlay.compute(request, surface: surface, spec: spec, parallelism: cores, shouldStop: shouldStop)
                    }
                    basinJob = request
                }
            } else if basinJob != nil {
                basins.cancel()
                basinJob = nil
            }
            if let done = basins.take() {
                if done.request == basinJob { basinJob = nil }
                state.apply(.basinsComputed(done))
            }
            // `S`: run the sweep asked for (stopping one no longer wanted), report its progress, take its trials.
            if let request = state.sweepRequest {
                if sweepJob != request.serial {
                    sweeps.start { shouldStop, progress in
                        request.run(progress: progress, shouldStop: shouldStop).map { (request.serial, $0) }
                    }
                    sweepJob = request.serial
                }
                state.apply(.sweepProgressed(serial: request.serial, done: sweeps.progress))
            } else if sweepJob != nil {
                sweeps.cancel()
                sweepJob = nil
            }
            if let (serial, trials) = sweeps.take() {
                if serial == sweepJob { sweepJob = nil }
                state.apply(.sweepComputed(serial: serial, trials: trials))
            }
        }
        basins.cancel()
        sweeps.cancel()
        return 0
    }

    /// How often, in milliseconds, the loop looks for a background job's result while one runs, playing or not.
    static let backgroundPollInterval = 30

    /// Work the visualizer does off the main thread, so keys are answered meanwhile — the `B` map (on every
    /// core) and the `S` sweep: a new start stops the work under way (at its next check), its progress can
    /// be read, and its result waits to be taken.
    final class BackgroundJob<Result: Sendable>: Sendable {
        private let generation = Atomic<Int>(0)
        private let done = Atomic<Int>(0)
        private let result = Mutex<Result?>(nil)

        /// Starts `work(shouldStop, progress)`, stopping the work before it; a nil result is no result.
        func start(_ work: @escaping @Sendable (_ shouldStop: @escaping @Sendable () -> Bool, _ progress: @escaping @Sendable (Int) -> Void) async -> Result?) {
            let mine = generation.add(1, ordering: .relaxed).newValue
            done.store(0, ordering: .relaxed)
            Task.detached { [self] in
                let output = await work({ self.generation.load(ordering: .relaxed) != mine }) { k in
                    if self.generation.load(ordering: .relaxed) == mine { self.done.store(k, ordering: .relaxed) }
                }
                guard let output, generation.load(ordering: .relaxed) == mine else { return }
                result.withLock { $0 = output }
            }
        }

        /// What the work under way last reported as done.
        var progress: Int { done.load(ordering: .relaxed) }

        /// Stops the work under way (its result is never taken).
        func cancel() { generation.add(1, ordering: .relaxed) }

        func take() -> Result? { result.withLock { let taken = $0; $0 = nil; return taken } }
    }

    /// One tick of play: the steps `seconds` owes within the time budget, then the trail cap. The run
    /// loop and the latency benchmark both go through here.
    public static func play(_ state: inout AppState, for seconds: Double, budget: inout StepBudget) {
        let clock = ContinuousClock()
        let before = state.stepCount
        let started = clock.now
        state.apply(.tick(seconds: seconds))
        budget.record(steps: state.stepCount - before, seconds: Self.seconds(clock.now - started))
        state.stepBudget = budget.steps
        // A bounded trail: the newest `trailCap` points of each racer are kept for drawing.
        if state.race.racers.contains(where: { $0.points.count > 2 * trailCap }) {
            state.session.forgetHistory(keepingLast: trailCap)
        }
    }

    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// How many steps fit in the time one frame may spend stepping (`seconds`, 30 ms), from a moving
    /// average of what steps have cost; so a key, a resize or a signal waits at most about that long.
    public struct StepBudget {
        public static let seconds = 0.03
        private var secondsPerStep: Double?

        public init() {}

        mutating func record(steps: Int, seconds: Double) {
            guard steps > 0, seconds > 0 else { return }
            let cost = seconds / Double(steps)
            secondsPerStep = secondsPerStep.map { max(cost, 0.7 * $0 + 0.3 * cost) } ?? cost
        }

        public var steps: Int {
            guard let secondsPerStep else { return 1 }
            return max(1, Int(Self.seconds / secondsPerStep))
        }
    }

    /// Milliseconds until the next step is due (at most one frame interval apart when faster than the frame rate).
    static func timeout(for state: AppState) -> Int {
        let secondsToNextStep = (1 - state.stepCredit) / Double(max(state.speed, 1))
        return max(frameInterval / 2, min(1000, Int((secondsToNextStep * 1000).rounded(.up))))
    }
}

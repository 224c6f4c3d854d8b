/// The loss surface of a one-feature model z = w·x + b fitted to a small dataset: the surface's two
/// coordinates are the parameters (x, y) = (w, b) and its height is the mean loss over the training
/// examples, L(w, b) = (1/n) Σᵢ ℓ(w xᵢ + b, yᵢ).
///
/// Since z is linear in (w, b), the chain rule gives exact derivatives from ℓ's own:
/// ∇L = (1/n) Σ ℓ′(zᵢ) (xᵢ, 1) and ∇²L = (1/n) Σ ℓ″(zᵢ) [xᵢ² xᵢ; xᵢ 1].
///
/// - `linreg`: ℓ = (z − y)², the mean squared error of a straight line.
/// - `logreg` with `bce`: ℓ = −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y z (computed so),
///   ℓ′ = σ − y, ℓ″ = σ(1 − σ).
/// - `logreg` with `mse`: ℓ = (σ(z) − y)², ℓ′ = 2(σ − y)σ(1 − σ),
///   ℓ″ = 2σ(1 − σ)[σ(1 − σ) + (σ − y)(1 − 2σ)] — flat wherever σ saturates.
///
/// `normalize` standardises the feature, x ← (x − μ)/s with the training examples' mean μ and standard
/// deviation s (population), so the linear model's Hessian becomes 2I. `validation` holds out that
/// fraction of the examples (the last ⌊fraction · N + ½⌋ of a fixed seeded shuffle of the dataset) for
/// early stopping; the surface is the training loss.
public struct DataSurface: Surface, Equatable {
    public enum Model: String, Sendable, CaseIterable {
        case linearRegression = "linreg"
        case logisticRegression = "logreg"
    }

    public enum Loss: String, Sendable, CaseIterable {
        /// Mean squared error (after the sigmoid for logreg).
        case mse
        /// Binary cross-entropy (logreg only).
        case bce
    }

    /// The most of the examples that may be held out.
    public static let maximumValidationFraction = 0.5

    public let model: Model
    public let loss: Loss
    public let normalize: Bool
    public let validationFraction: Double
    /// The examples as given (before the split and standardisation).
    public let data: DataSet
    /// True when `data` is the model's built-in dataset.
    public let usesBuiltInData: Bool
    /// The training and validation features (standardised when `normalize`) and targets.
    public let trainingX: [Double], trainingY: [Double]
    public let validationX: [Double], validationY: [Double]
    /// μ and s of the raw training feature.
    public let featureMean: Double, featureScale: Double
    public private(set) var knownPoints: [KnownPoint]
    public private(set) var defaultView: ViewRect
    public private(set) var identity: String

    /// A model on its built-in dataset (heights and weights for linreg, two classes for logreg), or on `data`.
    /// Throws when a setting does not fit the model or the data (bce on linreg, labels other than 0 and 1
    /// for logreg, a split leaving fewer than two training examples).
    public init(model: Model, loss: Loss? = nil, normalize: Bool = false, validation: Double = 0, data: DataSet? = nil) throws(DescentError) {
        let loss = loss ?? (model == .linearRegression ? .mse : .bce)
        guard !(model == .linearRegression && loss == .bce) else {
            throw .invalid("linreg: loss 'bce' is for classification; linreg's loss is mse (use logreg for bce)")
        }
        guard validation >= 0, validation <= Self.maximumValidationFraction else {
            throw .invalidValue(what: "\(model.rawValue) validation", value: formatNumber(validation), requirement: "must be in [0, \(formatNumber(Self.maximumValidationFraction))]")
        }
        let builtIn = model == .linearRegression ? DataSet.heightsAndWeights : DataSet.twoClasses
        let data = data ?? builtIn
        if model == .logisticRegression, let bad = data.ys.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .data("logreg: example \(bad + 1) of \(data.source.withVisibleControlCharacters) has label \(formatNumber(data.ys[bad])); labels must be 0 or 1")
        }
        self.model = model
        self.loss = loss
        self.normalize = normalize
        validationFraction = validation
        self.data = data
        usesBuiltInData = data == builtIn

        let held = Int((validation * Double(data.count)).rounded(.toNearestOrAwayFromZero))
        let shuffled = MinibatchSampler.order(ofEpoch: 0, count: data.count, seed: 0x5EED)
        let validationIndices = Set(shuffled.suffix(held))
        var trainingX: [Double] = [], trainingY: [Double] = [], validationX: [Double] = [], validationY: [Double] = []
        for i in 0..<data.count {
            if validationIndices.contains(i) {
                validationX.append(data.xs[i]); validationY.append(data.ys[i])
            } else {
                trainingX.append(data.xs[i]); trainingY.append(data.ys[i])
            }
        }
        guard trainingX.count >= 2, trainingX.contains(where: { $0 != trainingX[0] }) else {
            throw .invalid("\(model.rawValue): holding out \(held) of \(data.count) examples leaves too few distinct training features")
        }
        let mean = trainingX.reduce(0, +) / Double(trainingX.count)
        let scale = (trainingX.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(trainingX.count)).squareRoot()
        featureMean = mean
        featureScale = scale
        if normalize {
            trainingX = trainingX.map { ($0 - mean) / scale }
            validationX = validationX.map { ($0 - mean) / scale }
        }
        self.trainingX = trainingX
        self.trainingY = trainingY
        self.validationX = validationX
        self.validationY = validationY
        identity = ""
        knownPoints = []
        defaultView = ViewRect(x: -1...1, y: -1...1)

        // The minimum, by Newton's method: from the start, or (mse after a sigmoid, not convex) from
        // cross-entropy's minimum; kept only when it converged to a point with a positive definite Hessian.
        var minimum: Vector2?
        if model == .logisticRegression && loss == .mse {
            if let start = try? DataSurface(model: model, loss: .bce, normalize: normalize, validation: validation, data: data).knownPoints.first {
                minimum = refinedMinimum(from: start.point)
            }
        } else {
            minimum = refinedMinimum(from: .zero)
        }
        knownPoints = minimum.map { [KnownPoint($0.x, $0.y, value: value(at: $0), kind: .globalMinimum)] } ?? []
        defaultView = Self.view(around: minimum ?? .zero, model: model)
        identity = specText + (usesBuiltInData ? "" : "@" + Self.fingerprint(data))
    }

    public var name: String { model.rawValue }

    /// The surface as a `--surface` SPEC: the model and the settings that differ from the defaults,
    /// e.g. "linreg:normalize=true", "logreg:loss=mse,validation=0.25".
    public var specText: String {
        var settings: [String] = []
        if model == .logisticRegression && loss == .mse { settings.append("loss=mse") }
        if normalize { settings.append("normalize=true") }
        if validationFraction > 0 { settings.append("validation=\(formatNumber(validationFraction))") }
        return settings.isEmpty ? name : name + ":" + settings.joined(separator: ",")
    }

    public var formula: String {
        let scaled = normalize ? ", xᵢ standardised" : ""
        switch (model, loss) {
        case (.linearRegression, _): return "mean (w xᵢ + b − yᵢ)²\(scaled), (x, y) = (w, b)"
        case (.logisticRegression, .bce): return "mean softplus(zᵢ) − yᵢ zᵢ, zᵢ = w xᵢ + b\(scaled), (x, y) = (w, b)"
        case (.logisticRegression, .mse): return "mean (σ(w xᵢ + b) − yᵢ)²\(scaled), (x, y) = (w, b)"
        }
    }

    public var lesson: String {
        switch (model, loss, normalize) {
        case (.linearRegression, _, false):
            return "Raw feature scale: w and b are nearly redundant, so the loss is a long ravine; N standardises the feature."
        case (.linearRegression, _, true):
            return "A standardised feature (mean 0, variance 1) makes the Hessian 2I: a round bowl, straight in."
        case (.logisticRegression, .bce, _):
            return "Cross-entropy after a sigmoid is convex, and steepest where the model is confidently wrong; M switches to mse."
        case (.logisticRegression, .mse, _):
            return "Squared error after a sigmoid is flat where the sigmoid saturates: a confidently wrong start barely moves; M switches to bce."
        }
    }

    public var defaultStart: Vector2 { .zero }
    public var prefersLogShading: Bool { model == .linearRegression && !normalize }

    /// The examples that train (n) and that validate.
    public var trainingCount: Int { trainingX.count }
    public var validationCount: Int { validationX.count }
    public var hasValidationSplit: Bool { !validationX.isEmpty }

    public func value(at p: Vector2) -> Double { meanLoss(at: p, xs: trainingX, ys: trainingY) }

    public func gradient(at p: Vector2) -> Vector2 { valueAndGradient(at: p).gradient }

    public func valueAndGradient(at p: Vector2) -> (value: Double, gradient: Vector2) {
        var total = 0.0, dw = 0.0, db = 0.0
        for i in trainingX.indices {
            let (l, d1, _) = terms(z: p.x * trainingX[i] + p.y, y: trainingY[i])
            total += l; dw += d1 * trainingX[i]; db += d1
        }
        let n = Double(trainingX.count)
        return (total / n, Vector2(dw / n, db / n))
    }

    /// The mean loss and its gradient over some training examples (a minibatch), by index.
    public func valueAndGradient(at p: Vector2, examples: ArraySlice<Int>) -> (value: Double, gradient: Vector2) {
        var total = 0.0, dw = 0.0, db = 0.0
        for i in examples {
            let (l, d1, _) = terms(z: p.x * trainingX[i] + p.y, y: trainingY[i])
            total += l; dw += d1 * trainingX[i]; db += d1
        }
        let n = Double(examples.count)
        return (total / n, Vector2(dw / n, db / n))
    }

    public func hessian(at p: Vector2) -> Matrix2? {
        var xx = 0.0, xy = 0.0, yy = 0.0
        for i in trainingX.indices {
            let x = trainingX[i]
            let (_, _, d2) = terms(z: p.x * x + p.y, y: trainingY[i])
            xx += d2 * x * x; xy += d2 * x; yy += d2
        }
        let n = Double(trainingX.count)
        return Matrix2(xx: xx / n, xy: xy / n, yy: yy / n)
    }

    /// The mean loss over the held-out examples, or nil without a validation split.
    public func validationLoss(at p: Vector2) -> Double? {
        hasValidationSplit ? meanLoss(at: p, xs: validationX, ys: validationY) : nil
    }

    private func meanLoss(at p: Vector2, xs: [Double], ys: [Double]) -> Double {
        var total = 0.0
        for i in xs.indices { total += terms(z: p.x * xs[i] + p.y, y: ys[i]).value }
        return total / Double(xs.count)
    }

    /// ℓ(z, y), ℓ′(z) and ℓ″(z) of one example.
    @inline(__always)
    func terms(z: Double, y: Double) -> (value: Double, first: Double, second: Double) {
        switch (model, loss) {
        case (.linearRegression, _):
            let r = z - y
            return (r * r, 2 * r, 2)
        case (.logisticRegression, .bce):
            let s = sigmoid(z)
            let softplus = max(z, 0) + Math.log1p(Math.exp(-abs(z)))
            return (softplus - y * z, s - y, s * (1 - s))
        case (.logisticRegression, .mse):
            let s = sigmoid(z), slope = s * (1 - s), r = s - y
            return (r * r, 2 * r * slope, 2 * slope * (slope + r * (1 - 2 * s)))
        }
    }

    /// σ(z) = 1 / (1 + e^(−z)), computed without overflow for either sign.
    @inline(__always) func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + Math.exp(-z)) }
        let e = Math.exp(z)
        return e / (1 + e)
    }

    /// Newton's method with step halving from `start`: the point where |∇L| < 1e-10 and ∇²L is positive
    /// definite, or nil if 200 steps do not get there.
    private func refinedMinimum(from start: Vector2) -> Vector2? {
        var p = start
        for _ in 0..<200 {
            let (f, g) = valueAndGradient(at: p)
            guard f.isFinite, let h = hessian(at: p) else { return nil }
            if g.length < 1e-10 { break }
            var direction = h.determinant > 0 && h.xx > 0 ? (h.solve(g) ?? g) : g
            var t = 1.0
            while t > 1e-12, !(value(at: p - t * direction) < f) { t /= 2 }
            if t <= 1e-12 { direction = .zero }
            p -= t * direction
            if direction == .zero { break }
        }
        guard valueAndGradient(at: p).gradient.length < 1e-9, let h = hessian(at: p), h.determinant > 0, h.xx > 0 else { return nil }
        return p
    }

    /// A square view around `center`, its half-width 1.3 times the center's largest coordinate (so the
    /// start at the origin is inside, with a margin) and at least 4 (logreg: 8, to show where the sigmoid
    /// saturates), rounded up to two significant digits.
    static func view(around center: Vector2, model: Model) -> ViewRect {
        let reach = max(abs(center.x), abs(center.y))
        let half = Self.roundedUp(max(1.3 * reach, model == .logisticRegression ? 8 : 4))
        let cx = (center.x).rounded(), cy = (center.y).rounded()
        return ViewRect(minX: cx - half, maxX: cx + half, minY: cy - half, maxY: cy + half)
    }

    /// The smallest number of two significant digits at least x > 0 (87.6 → 88, 194.4 → 200, 4 → 4).
    static func roundedUp(_ x: Double) -> Double {
        let unit = Math.pow(10, (Math.log10(x)).rounded(.down) - 1)
        return (x / unit * (1 - 1e-12)).rounded(.up) * unit
    }

    /// A 64-bit FNV-1a hash of the examples' bit patterns, as hexadecimal.
    static func fingerprint(_ data: DataSet) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in data.xs + data.ys {
            var bits = value.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xFF)) &* 0x0000_0100_0000_01B3
                bits >>= 8
            }
        }
        return String(hash, radix: 16)
    }

    /// The same model and data with the feature standardised or not (the `N` key).
    public func withNormalize(_ normalize: Bool) throws(DescentError) -> DataSurface {
        try DataSurface(model: model, loss: loss, normalize: normalize, validation: validationFraction, data: data)
    }

    /// The same model and data under another loss (the `M` key: bce ↔ mse for logreg).
    public func withLoss(_ loss: Loss) throws(DescentError) -> DataSurface {
        try DataSurface(model: model, loss: loss, normalize: normalize, validation: validationFraction, data: data)
    }

    /// The point of `other` (the same examples and split, standardised or not) that is the same straight
    /// line z = w x + b as `p` is here. On the raw feature x, w x + b = (w s)(x − μ)/s + (b + w μ), so raw
    /// (w, b) is (w s, b + w μ) standardised, and standardised (w′, b′) is (w′/s, b′ − w′ μ/s) raw.
    public func samePrediction(as p: Vector2, in other: DataSurface) -> Vector2 {
        let raw = normalize ? Vector2(p.x / featureScale, p.y - p.x * featureMean / featureScale) : p
        return other.normalize ? Vector2(raw.x * other.featureScale, raw.y + raw.x * other.featureMean) : raw
    }

    /// The surface as a scenario holds it: an object with the model, its settings, and the examples
    /// unless they are the built-in ones.
    public var scenarioJSON: String {
        var fields = ["\"model\": \(JSONText.quoted(name))"]
        if model == .logisticRegression { fields.append("\"loss\": \(JSONText.quoted(loss.rawValue))") }
        if normalize { fields.append("\"normalize\": true") }
        if validationFraction > 0 { fields.append("\"validation\": \(formatNumber(validationFraction))") }
        if !usesBuiltInData {
            let rows = zip(data.xs, data.ys).map { "[\(JSONText.number($0)), \(JSONText.number($1))]" }
            fields.append("\"data\": [\(rows.joined(separator: ", "))]")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    public static func == (a: DataSurface, b: DataSurface) -> Bool { a.identity == b.identity }
}

/// A small dataset of one feature x and one target y per example: a regression (y any number) or a
/// two-class classification (y = 0 or 1).
public struct DataSet: Equatable, Sendable {
    /// Where the examples came from, e.g. "heights and weights" or a file's name.
    public var source: String
    public var xs: [Double]
    public var ys: [Double]

    public init(source: String, xs: [Double], ys: [Double]) {
        precondition(xs.count == ys.count, "one target per feature")
        self.source = source
        self.xs = xs
        self.ys = ys
    }

    public var count: Int { xs.count }

    /// True when every target is 0 or 1.
    public var hasBinaryLabels: Bool { ys.allSatisfy { $0 == 0 || $0 == 1 } }

    /// Fewest and most examples a data surface takes (a file with more is refused).
    public static let minimumCount = 4
    public static let maximumCount = 100_000

    /// 48 people's heights (m, 1.50–1.80, to the centimetre) and weights (kg, to 0.1 kg), weight ≈
    /// 133⅓ (h − 1.5) + 50 with Gaussian scatter of 4 kg, clamped to 50–90 kg: from `SeededGenerator`
    /// seed 1881, so the same on every machine.
    public static let heightsAndWeights: DataSet = {
        var generator = SeededGenerator(seed: 1881)
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<48 {
            let height = (150 + (generator.nextUniform() * 30).rounded()) / 100
            let weight = 400 / 3 * (height - 1.5) + 50 + 4 * generator.nextNormal()
            xs.append(height)
            ys.append((min(max(weight, 50), 90) * 10).rounded() / 10)
        }
        return DataSet(source: "heights and weights", xs: xs, ys: ys)
    }()

    /// 40 examples of two overlapping classes on one feature: x ~ N(−1, 1) for label 0 and x ~ N(1, 1) for
    /// label 1, 20 each, rounded to 0.01, from `SeededGenerator` seed 1958. The classes overlap, so
    /// cross-entropy has a finite minimum.
    public static let twoClasses: DataSet = {
        var generator = SeededGenerator(seed: 1958)
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<40 {
            let label = Double(i % 2)
            xs.append(((2 * label - 1 + generator.nextNormal()) * 100).rounded() / 100)
            ys.append(label)
        }
        return DataSet(source: "two classes", xs: xs, ys: ys)
    }()

    /// Reads two comma-separated columns, x then y, one example a line. A first line that is not two
    /// numbers is a header; empty lines and lines starting with `#` are skipped; spaces around a value and
    /// a final CR are allowed. Every error names `source`, the line and the column, e.g.
    /// `data.csv:3:2: 'abc' is not a number`.
    /// With `binaryLabels` (a classification) every y must be 0 or 1.
    public init(csv text: String, source: String, binaryLabels: Bool = false) throws(DescentError) {
        var xs: [Double] = [], ys: [Double] = []
        var lineNumber = 0
        var sawHeader = false
        let shown = source.withVisibleControlCharacters
        // "\r\n" is one Character in Swift, so both line ends are named.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let trimmed = String(line).trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            func isNumber(_ field: String) -> Bool { (try? parseFiniteNumber(field, what: "")) != nil }
            if xs.isEmpty && !sawHeader && !(fields.count == 2 && fields.allSatisfy(isNumber)) && !fields.contains(where: isNumber) {
                sawHeader = true
                guard fields.count == 2 else {
                    throw .data("\(shown):\(lineNumber): the header has \(fields.count) columns; a data file has two (x,y or x,label)")
                }
                continue
            }
            guard fields.count == 2 else {
                throw .data("\(shown):\(lineNumber): \(fields.count) column\(fields.count == 1 ? "" : "s") where two are expected (x,y or x,label)")
            }
            var pair: [Double] = []
            for (column, field) in fields.enumerated() {
                guard let value = try? parseFiniteNumber(field, what: "") else {
                    let what = field.isEmpty ? "an empty field" : "'\(String(field.prefix(40)).withVisibleControlCharacters)'"
                    throw .data("\(shown):\(lineNumber):\(column + 1): \(what) is not a finite number")
                }
                pair.append(value)
            }
            if binaryLabels && pair[1] != 0 && pair[1] != 1 {
                throw .data("\(shown):\(lineNumber):2: label '\(fields[1].withVisibleControlCharacters)' is not 0 or 1 (a classification's labels are 0 and 1)")
            }
            guard xs.count < Self.maximumCount else {
                throw .data("\(shown):\(lineNumber): more than \(Self.maximumCount) examples")
            }
            xs.append(pair[0])
            ys.append(pair[1])
        }
        guard xs.count >= Self.minimumCount else {
            throw .data("\(shown): \(xs.count) example\(xs.count == 1 ? "" : "s"); a data surface needs at least \(Self.minimumCount)")
        }
        guard xs.contains(where: { $0 != xs[0] }) else {
            throw .data("\(shown): every x is \(formatNumber(xs[0])); the feature must vary")
        }
        self.init(source: source, xs: xs, ys: ys)
    }

}

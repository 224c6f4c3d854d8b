import Testing
@testable import DescentCore

@Suite struct SeededGeneratorTests {
    @Test func splitMix64MatchesItsPublishedFirstOutputs() {
        // SplitMix64 from seed 0: the reference sequence of Steele, Lea & Flood's generator.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func normalsHaveMeanZeroAndUnitVarianceAndNoCorrelation() {
        var generator = SeededGenerator(seed: 42)
        let n = 200_000
        var sum = Vector2.zero, sumSquares = Vector2.zero, cross = 0.0
        for _ in 0..<n {
            let xi = generator.nextNormal2()
            sum += xi
            sumSquares += xi * xi
            cross += xi.x * xi.y
        }
        let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
        // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance.
        #expect(abs(mean.x) < 0.01 && abs(mean.y) < 0.01)
        #expect(abs(variance.x - 1) < 0.015 && abs(variance.y - 1) < 0.015)
        #expect(abs(cross / Double(n)) < 0.01)
    }

    @Test func normalsHaveTheNormalShapeAndTails() {
        var generator = SeededGenerator(seed: 9)
        let n = 1_000_000
        var fourthMoment = 0.0
        // |ξ| beyond 0.5, 1, 2, 3 and r = 3.654… (where the ziggurat's tail method takes over).
        let limits = [0.5, 1, 2, 3, Ziggurat.edges[1]]
        var beyond = [0, 0, 0, 0, 0]
        for _ in 0..<n {
            let xi = generator.nextNormal()
            fourthMoment += xi * xi * xi * xi
            for k in limits.indices where abs(xi) > limits[k] { beyond[k] += 1 }
        }
        // P(|ξ| > c) = erfc(c/√2); each allowed error is at least 4 standard errors √(p(1 − p)/n).
        let expected = [0.6170750774519738, 0.3173105078629141, 0.04550026389635841, 0.002699796063260189, 0.0002580324876539009]
        let tolerance = [0.002, 0.002, 0.001, 0.0003, 0.00007]
        for k in limits.indices {
            let fraction = Double(beyond[k]) / Double(n)
            #expect(abs(fraction - expected[k]) < tolerance[k], "P(|ξ| > \(limits[k])) = \(fraction), expected \(expected[k])")
        }
        // E ξ⁴ = 3, with standard error √(96/n) ≈ 0.01.
        #expect(abs(fourthMoment / Double(n) - 3) < 0.05)
    }

    @Test func zigguratLayersHaveEqualAreas() {
        let x = Ziggurat.edges, f = Ziggurat.heights
        #expect(x.count == 257 && x[256] == 0 && zip(x, x.dropFirst()).allSatisfy { $0 > $1 })
        // The base layer, width x₀ and height f(r), has the area v of every layer.
        let v = x[0] * f[1]
        for i in 1..<256 {
            #expect(abs(x[i] * (f[i + 1] - f[i]) - v) < 1e-12 * v, "layer \(i)")
        }
        // Its part beyond r stands for the tail: v − r f(r) = ∫ᵣ^∞ exp(−t²/2) dt (Simpson's rule to r + 12).
        let r = x[1], steps = 20_000, h = 12.0 / Double(steps)
        var tail = 0.0
        for k in 0...steps {
            let weight: Double = k == 0 || k == steps ? 1 : k % 2 == 1 ? 4 : 2
            let t = r + Double(k) * h
            tail += weight * Math.exp(-0.5 * t * t)
        }
        tail *= h / 3
        #expect(abs((v - r * f[1]) - tail) < 1e-10 * tail)
    }

    @Test func normalPairsAreTwoSuccessiveNormals() {
        var pairs = SeededGenerator(seed: 5), singles = SeededGenerator(seed: 5)
        for _ in 0..<1000 {
            let xi = pairs.nextNormal2()
            #expect(xi.x == singles.nextNormal() && xi.y == singles.nextNormal())
        }
    }

    @Test func uniformsStayInsideTheOpenInterval() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let u = generator.nextUniform()
            #expect(u > 0 && u < 1)
        }
    }
}

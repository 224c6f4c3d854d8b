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

    @Test func uniformsStayInsideTheOpenInterval() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let u = generator.nextUniform()
            #expect(u > 0 && u < 1)
        }
    }
}

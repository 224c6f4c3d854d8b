import Testing
@testable import DescentCore

/// Typed parameter keys: every key an optimizer reads is one it declares, with a value of its type.
@Suite struct ParameterKeyTests {
    @Test func everyOptimizerBuildsFromItsDefaultsAndEveryNamedKeyIsDeclared() throws {
        for descriptor in OptimizerCatalog.all {
            let names = Set(descriptor.allParameters.map(\.name))
            #expect(names.count == descriptor.allParameters.count, "\(descriptor.name) declares a key twice")
            // The keys a run may change, and what each alias stands for, are declared keys.
            for key in descriptor.settableKeys { #expect(names.contains(key), "\(descriptor.name): settable '\(key)' is not declared") }
            for alias in descriptor.aliases {
                let sample = alias.name == "betas" ? "0.5/0.6" : "3"
                for (key, _) in try alias.expand(sample) { #expect(names.contains(key), "\(descriptor.name): alias \(alias.name) → \(key)") }
            }
            // Reading every declared key through make() and adopt() finds a value (a missing one would trap).
            let spec = OptimizerSpec(descriptor: descriptor)
            var optimizer = descriptor.make(spec.values)
            optimizer.adopt(spec.values)
        }
    }

    @Test func aKeysTypeIsItsKinds() {
        let lr = ParameterSpec.real(.lr, 0.1, .positive, "γ")
        #expect(lr.name == "lr")
        let values = OptimizerSpec(descriptor: Adam.descriptor).values
        #expect(values[.beta1] == 0.9 && values[.amsgrad] == false && values[.schedule] == "constant" && values[.batch] == 0)
    }
}

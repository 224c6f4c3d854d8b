/// A parameter's name and the type of its value, declared once: the descriptor declares each key with it and the
/// optimizer reads its value with it (`values[.beta1]`), so a misspelt key is a compile error, not a trap at run time.
/// Keys a person types (a SPEC, a scenario) are strings checked against the descriptor; these are the code's own.
public struct ParameterKey<Value>: Sendable, Hashable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

extension ParameterKey where Value == Double {
    public static let alpha = Self("alpha")
    public static let beta1 = Self("beta1")
    public static let beta2 = Self("beta2")
    public static let c1 = Self("c1")
    public static let c2 = Self("c2")
    public static let dampening = Self("dampening")
    public static let damping = Self("damping")
    public static let decay = Self("decay")
    public static let eps = Self("eps")
    public static let etaMin = Self("eta_min")
    public static let gamma = Self("gamma")
    public static let initialAccumulatorValue = Self("initial_accumulator_value")
    public static let lr = Self("lr")
    public static let lrDecay = Self("lr_decay")
    public static let momentum = Self("momentum")
    public static let noise = Self("noise")
    public static let radius = Self("radius")
    public static let rho = Self("rho")
    public static let weightDecay = Self("weight_decay")
}

extension ParameterKey where Value == Int {
    public static let batch = Self("batch")
    public static let history = Self("history")
    public static let samples = Self("samples")
    public static let seed = Self("seed")
    public static let stepSize = Self("step_size")
    public static let tMax = Self("t_max")
}

extension ParameterKey where Value == Bool {
    public static let amsgrad = Self("amsgrad")
    public static let average = Self("average")
    public static let centered = Self("centered")
    public static let maximize = Self("maximize")
    public static let nesterov = Self("nesterov")
}

extension ParameterKey where Value == String {
    public static let schedule = Self("schedule")
}

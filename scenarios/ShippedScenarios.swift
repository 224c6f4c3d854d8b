/// The shipped library of scenarios, embedded in the binary: each is scenarios/NAME.json.
public enum ShippedScenarios {
    /// The names, in the order the picker lists them (simplest lessons first).
    public static let names = [
        "ravine-momentum",
    ]

    /// The bytes of the shipped scenario with this name.
    public static func bytes(named name: String) -> [UInt8]? {
        switch name {
        case "ravine-momentum": return PackageResources.ravine_momentum_json
        default: return nil
        }
    }
}

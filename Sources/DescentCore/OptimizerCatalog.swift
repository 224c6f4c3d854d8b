/// Every built-in optimizer, in the order they are listed. A new optimizer is one file plus one
/// registration line in one of these lists.
public enum OptimizerCatalog {
    public static let all: [OptimizerDescriptor] = firstOrder + secondOrder + derivativeFree

    public static let names: [String] = all.map(\.name)

    /// The descriptor with this name, or an error that suggests the nearest name.
    public static func descriptor(named name: String) throws(DescentError) -> OptimizerDescriptor {
        if let found = all.first(where: { $0.name == name.lowercased() }) { return found }
        throw .unknownName(kind: "optimizer", name: name, suggestion: nearestName(to: name, in: names), choices: names)
    }
}

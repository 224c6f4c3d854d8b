/// Every built-in surface, in the order they are listed. A new surface is one file plus one line here.
public enum SurfaceCatalog {
    public static let all: [any Surface] = [
        Bowl(),
        Ravine(),
        Wells(),
        Plateau(),
        SaddleSurface(),
        Rosenbrock(),
        Himmelblau(),
        Beale(),
        Booth(),
        SixHumpCamel(),
        Rastrigin(),
    ]

    public static var names: [String] { all.map(\.name) }

    /// The surface with this name, or nil.
    public static func named(_ name: String) -> (any Surface)? {
        all.first { $0.name == name.lowercased() }
    }

    /// The surface with this name, or an error that suggests the nearest name.
    public static func surface(named name: String) throws(DescentError) -> any Surface {
        if let surface = named(name) { return surface }
        throw .unknownName(kind: "surface", name: name, suggestion: nearestName(to: name, in: names), choices: names)
    }
}

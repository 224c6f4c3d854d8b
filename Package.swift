// swift-tools-version:6.0
import PackageDescription

/// The shipped scenarios, by name (scenarios/NAME.json).
let ShippedScenarioFiles = [
    "bowl-learning-rates",
    "ravine-momentum",
    "saddle-escape",
    "plateau-adaptive",
    "wells-initialisation",
    "rosenbrock-second-order",
    "adaptive-family",
    "rastrigin-local-minima",
    "sgd-decay",
    "coordinate-descent",
    "learning-rate-by-hand",
    "linreg-normalization",
    "logreg-mse-vs-bce",
    "minibatch-early-stopping",
]

let package = Package(
    name: "descent",
    products: [
        .executable(name: "descent", targets: ["descent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Floor 1: the pure optimization core — surfaces, optimizers, runs. No terminal, no I/O.
        .target(name: "DescentCore"),
        // The shipped library of scenarios (scenarios/*.json), embedded in the binary so that an
        // installed descent finds it from any folder. A new scenario is one file and one line here
        // and in ShippedScenarios.swift.
        .target(
            name: "DescentLibrary",
            path: "scenarios",
            exclude: ["scenario.schema.json"],
            sources: ["ShippedScenarios.swift"],
            resources: ShippedScenarioFiles.map { .embedInCode($0 + ".json") }
        ),
        // Floor 2: turns state into a grid of cells. No ncurses.
        .target(name: "DescentRender", dependencies: ["DescentCore", "CShims"]),
        // Floor 3: the app — model, actions, one reducer, the frame view (pure, testable without a terminal) —
        // and the thin ncurses shell that copies frames to the screen and turns keys into actions.
        .target(name: "DescentApp", dependencies: ["DescentCore", "DescentRender"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CShims", path: "Sources/CShims"),
        .target(name: "DescentTerminal", dependencies: ["DescentCore", "DescentRender", "DescentApp", "CNcursesw"]),
        // Floor 4: the commands.
        .target(
            name: "DescentCLI",
            dependencies: [
                "DescentCore", "DescentRender", "DescentApp", "DescentTerminal", "DescentLibrary", "CShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The release binary is one static executable (-static-executable): the Swift runtime, libc,
        // libstdc++ and ncursesw (with its terminfo library) are inside it, so it runs on a machine without
        // Swift and starts without the dynamic loader (no shared library to map, no relocation to apply:
        // `--version` in about 1 ms, against 3 ms linked to the shared libc, libstdc++ and ncursesw). It reads
        // the terminfo database and the locale at run time as a dynamic one does. swift-argument-parser
        // uses FoundationEssentials, whose static library needs its collections and shims named; its user-
        // and group-database calls (never made by descent) draw glibc's link-time warnings about NSS.
        .executableTarget(
            name: "descent", dependencies: ["DescentCLI"],
            linkerSettings: [.unsafeFlags(["-static-executable", "-l_FoundationCollections", "-l_FoundationCShims", "-ltinfo"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(name: "DescentCoreTests", dependencies: ["DescentCore"], exclude: ["reference"]),
        .testTarget(name: "DescentRenderTests", dependencies: ["DescentCore", "DescentRender"]),
        .testTarget(name: "DescentAppTests", dependencies: ["DescentCore", "DescentRender", "DescentApp"], exclude: ["Golden"]),
        .testTarget(name: "DescentTerminalTests", dependencies: ["DescentRender", "DescentApp", "DescentTerminal"]),
        .testTarget(name: "DescentCLITests", dependencies: ["DescentCLI", "DescentCore", "DescentRender", "DescentLibrary", "descent"]),
    ],
    swiftLanguageModes: [.v6]
)

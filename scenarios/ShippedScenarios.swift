/// The shipped library of scenarios, embedded in the binary: each is scenarios/NAME.json.
public enum ShippedScenarios {
    /// The names, in the order the picker lists them (the lessons of the material in order).
    public static let names = [
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

    /// The bytes of the shipped scenario with this name.
    public static func bytes(named name: String) -> [UInt8]? {
        switch name {
        case "bowl-learning-rates": return PackageResources.bowl_learning_rates_json
        case "ravine-momentum": return PackageResources.ravine_momentum_json
        case "saddle-escape": return PackageResources.saddle_escape_json
        case "plateau-adaptive": return PackageResources.plateau_adaptive_json
        case "wells-initialisation": return PackageResources.wells_initialisation_json
        case "rosenbrock-second-order": return PackageResources.rosenbrock_second_order_json
        case "adaptive-family": return PackageResources.adaptive_family_json
        case "rastrigin-local-minima": return PackageResources.rastrigin_local_minima_json
        case "sgd-decay": return PackageResources.sgd_decay_json
        case "coordinate-descent": return PackageResources.coordinate_descent_json
        case "learning-rate-by-hand": return PackageResources.learning_rate_by_hand_json
        case "linreg-normalization": return PackageResources.linreg_normalization_json
        case "logreg-mse-vs-bce": return PackageResources.logreg_mse_vs_bce_json
        case "minibatch-early-stopping": return PackageResources.minibatch_early_stopping_json
        default: return nil
        }
    }
}

extension OptimizerCatalog {
    /// Methods that use values only, or one coordinate at a time.
    public static let derivativeFree: [OptimizerDescriptor] = [
        RandomSearch.descriptor,
        CoordinateDescent.descriptor,
    ]
}

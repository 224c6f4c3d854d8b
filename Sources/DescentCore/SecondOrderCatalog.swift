extension OptimizerCatalog {
    /// Methods that use the Hessian or a line search.
    public static let secondOrder: [OptimizerDescriptor] = [
        Newton.descriptor,
        ConjugateGradient.descriptor,
        BFGS.descriptor,
        LBFGS.descriptor,
    ]
}

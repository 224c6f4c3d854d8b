extension OptimizerCatalog {
    /// Gradient-based methods with a learning rate; each accepts a schedule.
    public static let firstOrder: [OptimizerDescriptor] = [
        GradientDescent.descriptor,
        StochasticGradientDescent.descriptor,
        Momentum.descriptor,
        Nesterov.descriptor,
        AdaGrad.descriptor,
        RMSProp.descriptor,
        Adadelta.descriptor,
        Adam.descriptor,
        AdamW.descriptor,
    ]
}

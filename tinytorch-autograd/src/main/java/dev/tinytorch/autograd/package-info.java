/**
 * The gradient engine: {@link dev.tinytorch.autograd.Function}, the iterative
 * {@link dev.tinytorch.autograd.Engine}, per-thread {@link dev.tinytorch.autograd.GradMode} and {@link dev.tinytorch.autograd.Anomaly} (NaN/Inf detection),
 * the functional {@link dev.tinytorch.autograd.Autograd#grad}, and {@link dev.tinytorch.autograd.GradCheck}.
 *
 * <p>Putting this module on the classpath enhances {@link dev.tinytorch.tensor.Tensor}: its
 * {@link dev.tinytorch.autograd.AutogradOps} table is found by ServiceLoader and records every op.
 * There is no wrapper tensor type. Left out: layers, losses as modules and optimizers (tinytorch-nn).
 */
package dev.tinytorch.autograd;

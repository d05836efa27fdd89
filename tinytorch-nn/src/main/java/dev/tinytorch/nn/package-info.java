/**
 * Modules and layers, PyTorch's {@code torch.nn}: {@link dev.tinytorch.nn.Module} with parameters,
 * buffers and children registered by name; {@link dev.tinytorch.nn.Sequential}; the layers (Linear,
 * the activations, Dropout, LayerNorm, BatchNorm1d/2d, Embedding, Conv2d, MaxPool2d, AvgPool2d,
 * Flatten, MultiHeadAttention); the losses as objects; {@link dev.tinytorch.nn.Init}.
 *
 * <p>{@code java.lang.Module} clashes with a wildcard import of this package: import
 * {@code dev.tinytorch.nn.Module} by name, as the examples do.
 *
 * <p>Layouts: Linear's weight is [in, out] (TinyTorch's and DL4J's); images are NCHW and conv weights
 * [out, in, kh, kw] (PyTorch's); attention is batch-first [B, T, E]. State-dict keys are PyTorch's.
 *
 * <p>Left out: the functional forms ({@code nn.functional.F}), optimizers, data loading, training and
 * files (the {@code optim}, {@code data}, {@code train} and {@code io} subpackages); tensor- and
 * gradient-level ops, which live in tinytorch-tensor and tinytorch-autograd.
 */
package dev.tinytorch.nn;

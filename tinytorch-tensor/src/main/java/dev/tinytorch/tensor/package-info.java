/**
 * N-dimensional tensors: storage, strided views, numpy/PyTorch broadcasting and every forward
 * kernel, with nothing but Guava underneath. Usable alone as a numpy-like library.
 *
 * <p>{@link dev.tinytorch.tensor.Tensor} is the one tensor type. Its differentiable methods
 * dispatch through an {@link dev.tinytorch.tensor.Ops} table: {@link dev.tinytorch.tensor.KernelOps}
 * here, the recording table of tinytorch-autograd when that module is on the classpath.
 *
 * <p>Left out: gradients (tinytorch-autograd), layers and losses as modules (tinytorch-nn), integer
 * and boolean dtypes (masks and indices are floating point), sparse tensors and devices.
 */
package dev.tinytorch.tensor;

/**
 * One backward rule per op, each a small {@link dev.tinytorch.autograd.Function} with its formula in
 * the first line of its javadoc: {@code MulBackward}, {@code MatmulBackward}, {@code SumBackward}, ...
 *
 * <p>Rules are written with Tensor ops so that the engine can record them and differentiate
 * gradients again. They return gradients in the output's (broadcast) shape; the engine sums them
 * back to each input's shape. Masks built from comparisons ({@code x.gt(0.0)}) and kernels called
 * through {@code KernelOps} directly never record, so rules use saved tensors as they are: there is
 * nothing to {@code detach()}. Left out: the engine itself and the op table (the parent package).
 */
package dev.tinytorch.autograd.functions;

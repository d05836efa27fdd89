package dev.tinytorch.autograd;

import dev.tinytorch.tensor.Tensor;

/** A function of tensors to one tensor, the kind {@link GradCheck} differentiates: {@code in -> in[0].tanh().sum()}. */
@FunctionalInterface
public interface TensorFunction {
  Tensor apply(Tensor... inputs);
}

package dev.tinytorch.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;

import java.util.Arrays;

/**
 * The functional face of the engine, as {@code torch.autograd.grad}: gradients of an output with
 * respect to chosen tensors, returned instead of accumulated into {@code grad}.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {3}).requiresGrad(true);
 * Tensor y = x.pow(3);
 * Tensor dy = Autograd.grad(y.sum(), x, true)[0];   // 3x^2 = 27, itself differentiable
 * Tensor d2y = Autograd.grad(dy.sum(), x, false)[0]; // 6x = 18
 * }</pre>
 */
public final class Autograd {
  private Autograd() {}

  /** Gradients of the one-element {@code output} with respect to {@code inputs}; zeros where it does not depend on one. */
  public static Tensor[] grad(Tensor output, Tensor input, boolean createGraph) {
    return grad(output, new Tensor[] {input}, null, createGraph, createGraph);
  }

  /**
   * Gradients of {@code output} with respect to {@code inputs}. {@code gradOutput} may be null for a
   * one-element output. Inputs the output does not depend on get zeros.
   */
  public static Tensor[] grad(
      Tensor output, Tensor[] inputs, Tensor gradOutput, boolean retainGraph, boolean createGraph) {
    checkNotNull(output, "grad: output is null");
    checkNotNull(inputs, "grad: inputs is null");
    for (int i = 0; i < inputs.length; i++) {
      checkNotNull(inputs[i], "grad: input %s of %s is null", i, inputs.length);
    }
    if (gradOutput == null) {
      if (output.numel() != 1) {
        throw new IllegalArgumentException(
            "grad: output of shape " + Shapes.str(output.shape()) + " is not a single element; pass gradOutput");
      }
      gradOutput = Tensor.onesLike(output);
    } else if (!Arrays.equals(gradOutput.shape(), output.shape())) {
      throw new IllegalArgumentException(
          "grad: gradOutput shape " + Shapes.str(gradOutput.shape()) + " differs from output shape "
              + Shapes.str(output.shape()));
    }
    for (int i = 0; i < inputs.length; i++) {
      if (!inputs[i].requiresGrad()) {
        throw new IllegalArgumentException(
            "grad: input " + i + " of shape " + Shapes.str(inputs[i].shape()) + " does not require grad; "
                + "call requiresGrad(true) on it before computing the output");
      }
    }
    Tensor[] grads = Engine.grad(output, gradOutput, inputs, retainGraph, createGraph);
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] == null) {
        grads[i] = Tensor.zerosLike(inputs[i]);
      }
    }
    return grads;
  }
}

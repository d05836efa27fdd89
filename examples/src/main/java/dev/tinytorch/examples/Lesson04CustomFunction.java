package dev.tinytorch.examples;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;

/**
 * Lesson 4: a differentiable op of your own. Subclass {@link Function}: {@code forward} computes the value
 * (autograd does not record inside it) and saves what backward needs; {@code backward} turns the gradient of
 * the output into one gradient per input. Here: softplus, log(1 + e^x), whose derivative is the sigmoid.
 *
 * <pre>{@code
 * Tensor y = new Lesson04CustomFunction.Softplus().apply(x);
 * }</pre>
 */
public final class Lesson04CustomFunction {
  private Lesson04CustomFunction() {}

  /** softplus(x) = log(1 + exp(x)); d/dx = sigmoid(x). */
  static class Softplus extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0]);
      return in[0].exp().add(1).log();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      Tensor x = savedTensors()[0];
      // Written with Tensor ops, so a backward of the backward (second derivatives) works too.
      return new Tensor[] {gradOutput.mul(x.sigmoid())};
    }
  }

  public static void main(String[] args) {
    run();
  }

  static void run() {
    System.out.println("== Lesson 4: a custom Function (softplus) ==");
    Tensor x = Tensor.of(new double[] {-2, 0, 3}).requiresGrad(true);
    // A fresh instance per call: the node keeps what this call saved.
    Tensor y = new Softplus().apply(x);
    System.out.println("x = " + x);
    System.out.println("softplus(x) = " + y + "   grad_fn " + y.gradFn().name());
    y.sum().backward();
    System.out.println("d/dx sum(softplus(x)) = " + x.grad());
    System.out.println("sigmoid(x), the expected gradient = " + x.detach().sigmoid());
    // The same gradient flows through a graph that mixes the custom op with built-in ones.
    Tensor w = Tensor.of(new double[] {0.5}).requiresGrad(true);
    new Softplus().apply(x.detach().mul(w)).mean().backward();
    System.out.println("through mul and mean: d/dw mean(softplus(w*x)) = " + w.grad().item());
    System.out.println("(dtype " + DType.FLOAT64 + ", as the inputs)");
  }
}

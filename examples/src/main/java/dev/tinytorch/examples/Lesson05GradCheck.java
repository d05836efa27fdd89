package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradCheck;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Lesson 5: prove a gradient with {@link GradCheck}, which compares autograd's gradient with central finite
 * differences (in FLOAT64). It passes for Lesson 4's softplus and catches a backward with a bug in it.
 *
 * <pre>{@code
 * GradCheck.defaults().assertGradients(in -> new Softplus().apply(in[0]).sum(), x);
 * }</pre>
 */
public final class Lesson05GradCheck {
  private Lesson05GradCheck() {}

  /** Lesson 4's softplus with a wrong backward: the derivative of e^x instead of sigmoid(x). */
  static final class BrokenSoftplus extends Lesson04CustomFunction.Softplus {
    @Override
    public Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {gradOutput.mul(savedTensors()[0].exp())};
    }
  }

  public static void main(String[] args) {
    run();
  }

  /** Returns the two results: the correct op's and the broken one's. */
  static GradCheck.Result[] run() {
    System.out.println("== Lesson 5: GradCheck, finite differences against autograd ==");
    // FLOAT64 inputs that require grad (the ones to check): finite differences in FLOAT32 are too coarse.
    Tensor x = Tensor.randn(new Generator(5), dev.tinytorch.tensor.DType.FLOAT64, 3, 4).requiresGrad(true);
    GradCheck check = GradCheck.defaults();
    GradCheck.Result good = check.check(in -> new Lesson04CustomFunction.Softplus().apply(in[0]), x);
    GradCheck.Result bad = check.check(in -> new BrokenSoftplus().apply(in[0]), x);
    System.out.println("softplus:        " + good);
    System.out.println("broken softplus, which GradCheck must reject: " + bad);
    // Built-in ops and whole layers are checked the same way.
    Tensor w = Tensor.randn(new Generator(6), dev.tinytorch.tensor.DType.FLOAT64, 4, 2).requiresGrad(true);
    System.out.println("tanh(x @ w).sum(): " + check.check(in -> in[0].matmul(in[1]).tanh().sum(), x, w));
    return new GradCheck.Result[] {good, bad};
  }
}

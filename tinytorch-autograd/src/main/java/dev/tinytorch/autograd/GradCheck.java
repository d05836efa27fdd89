package dev.tinytorch.autograd;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Checks analytical gradients against central differences, as {@code torch.autograd.gradcheck}.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Generator(1), DType.FLOAT64, 3, 4).requiresGrad(true);
 * GradCheck.Result r = GradCheck.defaults().check(in -> in[0].tanh().sum(), x);
 * r.passed();                                        // true
 * GradCheck.defaults().assertGradients(in -> in[0].tanh().mean(), x);  // throws AssertionError if not
 * }</pre>
 *
 * <p>Inputs marked {@code requiresGrad(true)} are checked; the others are passed along as
 * constants. The check runs on FLOAT64 copies, so it never changes the caller's tensors (a
 * FLOAT32 input is widened, with a warning, since float32 differences are too coarse to check).
 * A non-scalar output is reduced to {@code sum(output * v)} with a seeded random {@code v}, which
 * checks the full Jacobian-vector product in one backward pass.
 *
 * <p>Kinks: functions that are not differentiable at some point (relu and abs at 0, clamp at its
 * bounds, max/min at ties) fail there legitimately; keep test inputs at least a few {@code eps}
 * away from kinks and ties.
 */
public final class GradCheck {
  private static final System.Logger LOG = System.getLogger(GradCheck.class.getName());

  private final double eps;
  private final double atol;
  private final double rtol;
  private final long seed;

  private GradCheck(double eps, double atol, double rtol, long seed) {
    if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
      throw new IllegalArgumentException(
          "GradCheck: eps must be > 0 and atol, rtol >= 0; got eps=" + eps + ", atol=" + atol + ", rtol=" + rtol);
    }
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
    this.seed = seed;
  }

  /** eps 1e-6, atol 1e-5, rtol 1e-3, projection seed 0. */
  public static GradCheck defaults() {
    return new GradCheck(1e-6, 1e-5, 1e-3, 0);
  }

  public GradCheck withEps(double value) {
    return new GradCheck(value, atol, rtol, seed);
  }

  public GradCheck withAtol(double value) {
    return new GradCheck(eps, value, rtol, seed);
  }

  public GradCheck withRtol(double value) {
    return new GradCheck(eps, atol, value, seed);
  }

  /** Seed of the random projection vector for non-scalar outputs. */
  public GradCheck withSeed(long value) {
    return new GradCheck(eps, atol, rtol, value);
  }

  /**
   * The outcome: whether every element was within {@code atol + rtol * |numerical|}, and the worst
   * element (input number, index within it, both values).
   */
  public record Result(
      boolean passed, int input, int[] index, double numerical, double analytical, double tolerance) {
    /** |analytical - numerical|. */
    public double error() {
      return Math.abs(analytical - numerical);
    }

    @Override
    public String toString() {
      return (passed ? "passed" : "FAILED") + ": worst element is input " + input + " at index "
          + Arrays.toString(index) + ": analytical " + analytical + " vs numerical " + numerical
          + " (error " + error() + ", tolerance " + tolerance + ")";
    }
  }

  /** Compares gradients of {@code f} at {@code inputs}; see the class javadoc. */
  public Result check(TensorFunction f, Tensor... inputs) {
    return check(f, inputs, false);
  }

  /** {@code differentiatesInside}: f itself calls autograd, so its inputs must keep requiring grad. */
  private Result check(TensorFunction f, Tensor[] inputs, boolean differentiatesInside) {
    Tensor[] xs = copies(inputs);
    Tensor v;
    Tensor[] analytical;
    {
      Tensor out = f.apply(xs);
      // A one-element output is its own loss; a larger one is projected onto a random direction.
      v = out.numel() == 1
          ? Tensor.ones(DType.FLOAT64, out.shape())
          : Tensor.randn(new Generator(seed), DType.FLOAT64, out.shape());
      Tensor loss = out.to(DType.FLOAT64).mul(v).sum();
      Tensor[] checked = checkedInputs(xs);
      if (!loss.requiresGrad()) {
        analytical = new Tensor[checked.length];
      } else {
        analytical = Autograd.grad(loss, checked, null, false, false);
      }
    }
    Result worst = null;
    double worstRatio = -1;
    int k = 0;
    for (int i = 0; i < xs.length; i++) {
      if (!xs[i].requiresGrad()) {
        continue;
      }
      double[] a = analytical[k] == null ? new double[xs[i].numel()] : analytical[k].toDoubleArray();
      k++;
      double[] n = numerical(f, xs, i, v, differentiatesInside);
      int[] shape = xs[i].shape();
      for (int j = 0; j < n.length; j++) {
        double tol = atol + rtol * Math.abs(n[j]);
        double err = Math.abs(a[j] - n[j]);
        double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / tol;
        if (ratio > worstRatio) {
          worstRatio = ratio;
          worst = new Result(false, i, unravel(j, shape), n[j], a[j], tol);
        }
      }
    }
    if (worst == null) {
      return new Result(true, -1, new int[0], 0, 0, 0);
    }
    boolean ok = worstRatio <= 1;
    return new Result(ok, worst.input(), worst.index(), worst.numerical(), worst.analytical(), worst.tolerance());
  }

  /** Like {@link #check} but throws an AssertionError describing the worst element on failure. */
  public void assertGradients(TensorFunction f, Tensor... inputs) {
    Result r = check(f, inputs);
    if (!r.passed()) {
      throw new AssertionError("GradCheck " + r);
    }
  }

  /**
   * Second-order check ({@code gradgradcheck}): differentiates {@code sum_i <grad_i f, w_i>} with
   * random {@code w}, so the backward rules themselves are checked as differentiable functions.
   */
  public Result checkSecondOrder(TensorFunction f, Tensor... inputs) {
    return check(xs -> {
      Tensor out = f.apply(xs);
      // Fresh generators on every call: the function must give the same value at the same point.
      Tensor v = Tensor.randn(new Generator(seed + 1), DType.FLOAT64, out.shape());
      Tensor[] checked = checkedInputs(xs);
      Tensor[] grads = Autograd.grad(out.to(DType.FLOAT64).mul(v).sum(), checked, null, true, true);
      Tensor total = Tensor.scalar(0.0, DType.FLOAT64);
      Generator wg = new Generator(seed + 2);
      for (Tensor gr : grads) {
        total = total.add(gr.mul(Tensor.randn(wg, DType.FLOAT64, gr.shape())).sum());
      }
      return total;
    }, inputs, true);
  }

  /** Like {@link #checkSecondOrder} but throws an AssertionError on failure. */
  public void assertSecondOrder(TensorFunction f, Tensor... inputs) {
    Result r = checkSecondOrder(f, inputs);
    if (!r.passed()) {
      throw new AssertionError("GradCheck (second order) " + r);
    }
  }

  private static Tensor[] copies(Tensor[] inputs) {
    boolean any = false;
    Tensor[] xs = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = inputs[i];
      if (in.dtype() == DType.FLOAT32 && in.requiresGrad()) {
        LOG.log(System.Logger.Level.WARNING,
            "GradCheck: input " + i + " is FLOAT32; it is checked as a FLOAT64 copy, because float32 finite "
                + "differences are too coarse to compare");
      }
      Tensor copy;
      try (var off = GradMode.off()) {
        copy = in.detach().to(DType.FLOAT64).clone();
      }
      xs[i] = copy.requiresGrad(in.requiresGrad());
      any |= in.requiresGrad();
    }
    if (!any) {
      throw new IllegalArgumentException(
          "GradCheck: no input requires grad; mark the inputs to check with requiresGrad(true)");
    }
    return xs;
  }

  private static Tensor[] checkedInputs(Tensor[] xs) {
    return Arrays.stream(xs).filter(Tensor::requiresGrad).toArray(Tensor[]::new);
  }

  private double[] numerical(TensorFunction f, Tensor[] xs, int i, Tensor v, boolean keepGraph) {
    double[] base = xs[i].toDoubleArray();
    int[] shape = xs[i].shape();
    double[] out = new double[base.length];
    Tensor[] args = xs.clone();
    try (var mode = GradMode.set(keepGraph)) {
      for (int j = 0; j < base.length; j++) {
        double[] plus = base.clone();
        plus[j] += eps;
        args[i] = Tensor.of(plus, shape).requiresGrad(keepGraph);
        double fPlus = f.apply(args).to(DType.FLOAT64).mul(v).sum().item();
        double[] minus = base.clone();
        minus[j] -= eps;
        args[i] = Tensor.of(minus, shape).requiresGrad(keepGraph);
        double fMinus = f.apply(args).to(DType.FLOAT64).mul(v).sum().item();
        out[j] = (fPlus - fMinus) / (2 * eps);
      }
    }
    return out;
  }

  private static int[] unravel(int flat, int[] shape) {
    int[] index = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = shape[d] == 0 ? 0 : flat % shape[d];
      flat = shape[d] == 0 ? 0 : flat / shape[d];
    }
    return index;
  }
}

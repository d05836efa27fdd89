package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Fused in-place update kernels for optimizers: one pass over a parameter, its gradient and its
 * state, with no temporary tensors and nothing allocated per element. Each update is torch.optim's
 * single-tensor ({@code foreach=False}) formula of PyTorch 1.13, element by element in the same order
 * of operations, so FLOAT64 trajectories agree with PyTorch's to rounding. Large tensors are split
 * over the cores.
 *
 * <p>Every tensor passed must be dense (contiguous), of the parameter's shape and dtype; the written
 * ones must not be part of a graph, and the parameter is written only with gradients off, as for
 * {@link Tensor#addInPlace}. Everything is checked before the first element is written.
 *
 * <pre>{@code
 * try (var off = GradMode.off()) {
 *   OptimizerKernels.sgd(p, p.grad(), null, false, 0.1, 0, 0, false, 0);   // p -= 0.1 * grad
 * }
 * }</pre>
 */
public final class OptimizerKernels {
  private OptimizerKernels() {}

  /**
   * One SGD step: {@code g = grad + wd * p}; with momentum, {@code buf = g} on the first step
   * ({@code initBuffer}) else {@code buf = momentum * buf + (1 - dampening) * g}, then {@code g = buf}
   * or, Nesterov, {@code g + momentum * buf}; finally {@code p -= lr * g}. {@code buffer} may be null
   * when momentum is 0.
   */
  public static void sgd(Tensor param, Tensor grad, Tensor buffer, boolean initBuffer, double lr,
      double momentum, double dampening, boolean nesterov, double weightDecay) {
    boolean withMomentum = momentum != 0;
    check("sgd", param, grad, withMomentum ? new Tensor[] {buffer} : new Tensor[0]);
    Parallel.Range body = param.storage.d != null
        ? (from, to) -> sgdDouble(param, grad, withMomentum ? buffer : null, initBuffer, lr, momentum,
            dampening, nesterov, weightDecay, from, to)
        : (from, to) -> sgdFloat(param, grad, withMomentum ? buffer : null, initBuffer, (float) lr,
            (float) momentum, (float) (1 - dampening), nesterov, (float) weightDecay, from, to);
    run(param.numel, body);
    param.storage.bumpVersion();
    if (withMomentum) {
      buffer.storage.bumpVersion();
    }
  }

  /**
   * One Adam / AdamW step at step count {@code step} (1 on the first call). {@code decoupled} is
   * AdamW's {@code p *= 1 - lr * wd} before the update; otherwise {@code g = grad + wd * p}. Then
   * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g g}, with AMSGrad ({@code maxExpAvgSq}
   * non-null) {@code vmax = max(vmax, v)}, and {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
   */
  public static void adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq,
      long step, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
    check("adam", param, grad, maxExpAvgSq == null ? new Tensor[] {expAvg, expAvgSq}
        : new Tensor[] {expAvg, expAvgSq, maxExpAvgSq});
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    double decay = decoupled ? 1 - lr * weightDecay : 1;
    double coupled = decoupled ? 0 : weightDecay;
    Parallel.Range body = param.storage.d != null
        ? (from, to) -> adamDouble(param, grad, expAvg, expAvgSq, maxExpAvgSq, stepSize, bc2Sqrt, beta1,
            beta2, eps, coupled, decay, from, to)
        : (from, to) -> adamFloat(param, grad, expAvg, expAvgSq, maxExpAvgSq, (float) stepSize,
            (float) bc2Sqrt, (float) beta1, (float) beta2, (float) (1 - beta1), (float) (1 - beta2), (float) eps,
            (float) coupled, (float) decay, from, to);
    run(param.numel, body);
    param.storage.bumpVersion();
    expAvg.storage.bumpVersion();
    expAvgSq.storage.bumpVersion();
    if (maxExpAvgSq != null) {
      maxExpAvgSq.storage.bumpVersion();
    }
  }

  /** The sum of squares of all elements, accumulated in double (a gradient-norm building block). */
  public static double sumOfSquares(Tensor t) {
    if (!t.isContiguous()) {
      t = t.contiguous();
    }
    double s = 0;
    int o = t.offset;
    int n = t.numel;
    if (t.storage.d != null) {
      double[] d = t.storage.d;
      for (int i = o; i < o + n; i++) {
        s += d[i] * d[i];
      }
    } else {
      float[] f = t.storage.f;
      for (int i = o; i < o + n; i++) {
        double v = f[i];
        s += v * v;
      }
    }
    return s;
  }

  /** Clamps every element of a dense tensor into {@code [min, max]} in place ({@code clamp_}). */
  public static void clampInPlace(Tensor t, double min, double max) {
    InPlace.checkWritable(t, "clampInPlace");
    if (!t.isContiguous()) {
      throw new IllegalArgumentException("clampInPlace: the tensor (shape " + Shapes.str(t.shape)
          + ") is not contiguous; call contiguous() first");
    }
    int o = t.offset;
    int n = t.numel;
    if (t.storage.d != null) {
      double[] d = t.storage.d;
      for (int i = o; i < o + n; i++) {
        d[i] = Math.min(Math.max(d[i], min), max);
      }
    } else {
      float[] f = t.storage.f;
      float lo = (float) min;
      float hi = (float) max;
      for (int i = o; i < o + n; i++) {
        f[i] = Math.min(Math.max(f[i], lo), hi);
      }
    }
    t.storage.bumpVersion();
  }

  private static void run(int n, Parallel.Range body) {
    if (Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
      Parallel.forRange(n, Parallel.MEMORY_GRAIN, body);
    } else {
      body.run(0, n);
    }
  }

  private static void check(String op, Tensor param, Tensor grad, Tensor[] state) {
    if (param == null || grad == null) {
      throw new NullPointerException(op + ": " + (param == null ? "param" : "grad") + " is null");
    }
    InPlace.checkWritable(param, op);
    checkDense(op, "grad", param, grad);
    for (Tensor s : state) {
      if (s == null) {
        throw new NullPointerException(op + ": a state tensor is null");
      }
      InPlace.checkWritable(s, op);
      checkDense(op, "state", param, s);
      if (s.storage == param.storage) {
        throw new IllegalArgumentException(op + ": a state tensor shares the parameter's storage");
      }
    }
    if (!param.isContiguous()) {
      throw new IllegalArgumentException(op + ": the parameter (shape " + Shapes.str(param.shape)
          + ") is not contiguous; optimizers update dense parameters");
    }
  }

  private static void checkDense(String op, String what, Tensor param, Tensor t) {
    if (t.dtype != param.dtype || !Arrays.equals(t.shape, param.shape) || !t.isContiguous()) {
      throw new IllegalArgumentException(op + ": the " + what + " tensor (" + t.dtype + " " + Shapes.str(t.shape)
          + (t.isContiguous() ? "" : ", not contiguous") + ") must be a dense " + param.dtype + " "
          + Shapes.str(param.shape) + " like the parameter");
    }
  }

  private static void sgdDouble(Tensor param, Tensor grad, Tensor buffer, boolean init, double lr,
      double momentum, double dampening, boolean nesterov, double wd, int from, int to) {
    double[] p = param.storage.d;
    double[] g = grad.storage.d;
    double[] b = buffer == null ? null : buffer.storage.d;
    int po = param.offset;
    int go = grad.offset;
    int bo = buffer == null ? 0 : buffer.offset;
    double keep = 1 - dampening;
    for (int i = from; i < to; i++) {
      double d = g[go + i];
      if (wd != 0) {
        d = d + wd * p[po + i];
      }
      if (b != null) {
        double m = init ? d : b[bo + i] * momentum + keep * d;
        b[bo + i] = m;
        d = nesterov ? d + momentum * m : m;
      }
      p[po + i] = p[po + i] + -lr * d;
    }
  }

  private static void sgdFloat(Tensor param, Tensor grad, Tensor buffer, boolean init, float lr,
      float momentum, float keep, boolean nesterov, float wd, int from, int to) {
    float[] p = param.storage.f;
    float[] g = grad.storage.f;
    float[] b = buffer == null ? null : buffer.storage.f;
    int po = param.offset;
    int go = grad.offset;
    int bo = buffer == null ? 0 : buffer.offset;
    if (wd == 0 && b == null && (po | go) == 0) {
      // Plain SGD at offset 0: p += -lr * g in a loop C2 vectorises, as adamFloatPlain.
      for (int i = from; i < to; i++) {
        p[i] = p[i] + -lr * g[i];
      }
      return;
    }
    for (int i = from; i < to; i++) {
      float d = g[go + i];
      if (wd != 0) {
        d = d + wd * p[po + i];
      }
      if (b != null) {
        float m = init ? d : b[bo + i] * momentum + keep * d;
        b[bo + i] = m;
        d = nesterov ? d + momentum * m : m;
      }
      p[po + i] = p[po + i] + -lr * d;
    }
  }

  private static void adamDouble(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor max,
      double stepSize, double bc2Sqrt, double b1, double b2, double eps, double wd, double decay, int from, int to) {
    double[] p = param.storage.d;
    double[] g = grad.storage.d;
    double[] m = expAvg.storage.d;
    double[] v = expAvgSq.storage.d;
    double[] mx = max == null ? null : max.storage.d;
    int po = param.offset;
    int go = grad.offset;
    int mo = expAvg.offset;
    int vo = expAvgSq.offset;
    int xo = max == null ? 0 : max.offset;
    double k1 = 1 - b1;
    double k2 = 1 - b2;
    for (int i = from; i < to; i++) {
      double pi = p[po + i];
      double gi = g[go + i];
      if (wd != 0) {
        gi = gi + wd * pi;
      }
      if (decay != 1) {
        pi = pi * decay;
      }
      double mi = m[mo + i] * b1 + k1 * gi;
      double vi = v[vo + i] * b2 + k2 * gi * gi;
      m[mo + i] = mi;
      v[vo + i] = vi;
      if (mx != null) {
        vi = Math.max(mx[xo + i], vi);
        mx[xo + i] = vi;
      }
      double denom = Math.sqrt(vi) / bc2Sqrt + eps;
      p[po + i] = pi + -stepSize * mi / denom;
    }
  }

  /** Float scalars are rounded from their double values, as PyTorch casts a double scalar to the tensor's type. */
  private static void adamFloat(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor max,
      float stepSize, float bc2Sqrt, float b1, float b2, float k1, float k2, float eps, float wd, float decay,
      int from, int to) {
    float[] p = param.storage.f;
    float[] g = grad.storage.f;
    float[] m = expAvg.storage.f;
    float[] v = expAvgSq.storage.f;
    float[] mx = max == null ? null : max.storage.f;
    int po = param.offset;
    int go = grad.offset;
    int mo = expAvg.offset;
    int vo = expAvgSq.offset;
    int xo = max == null ? 0 : max.offset;
    if (wd == 0 && decay == 1 && mx == null && (po | go | mo | vo) == 0) {
      adamFloatPlain(p, g, m, v, stepSize, bc2Sqrt, b1, b2, k1, k2, eps, from, to);
      return;
    }
    for (int i = from; i < to; i++) {
      float pi = p[po + i];
      float gi = g[go + i];
      if (wd != 0) {
        gi = gi + wd * pi;
      }
      if (decay != 1) {
        pi = pi * decay;
      }
      float mi = flushSubnormal(m[mo + i] * b1 + k1 * gi);
      float vi = v[vo + i] * b2 + k2 * gi * gi;
      m[mo + i] = mi;
      v[vo + i] = vi;
      if (mx != null) {
        vi = Math.max(mx[xo + i], vi);
        mx[xo + i] = vi;
      }
      float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
      p[po + i] = pi + -stepSize * mi / denom;
    }
  }

  /**
   * {@link #adamFloat} without weight decay or AMSGrad, every array at offset 0 (as a model's
   * parameters and the state Adam creates are): the same operations in the same order, in a loop
   * C2 vectorises. The general loop, with its three loop-invariant tests and four offsets, stayed
   * scalar, and Adam took 47 % of the TinyDigits step's samples (19K parameters, about 10 ns each).
   */
  private static void adamFloatPlain(float[] p, float[] g, float[] m, float[] v, float stepSize, float bc2Sqrt,
      float b1, float b2, float k1, float k2, float eps, int from, int to) {
    for (int i = from; i < to; i++) {
      float gi = g[i];
      float mi = flushSubnormal(m[i] * b1 + k1 * gi);
      float vi = v[i] * b2 + k2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
      p[i] = p[i] + -stepSize * mi / denom;
    }
  }

  private static final float TO_ONE = 0x1p126f;
  private static final float BELOW_ONE = 1f - 0x1p-23f;
  private static final float UNIT = 0x1p23f;

  /**
   * {@code x}, or zero if it is subnormal (|x| below 2^-126): a FLOAT32 first moment that has
   * fallen that low is flushed, a deliberate difference from PyTorch, which keeps it.
   *
   * <p>Why: a weight whose gradient stays exactly zero (a dead ReLU unit's row, a pixel black in
   * every image of the batch) has its first moment multiplied by 0.9 at every step, so some 800
   * steps after its last non-zero gradient it goes subnormal, and there it stays (the decay stops
   * at 4 * 2^-149, as 0.9 * 4 rounds back to 4). On Intel cores every multiply and divide with a
   * subnormal operand then takes a microcode assist, and Java cannot set the flush-to-zero bits: on
   * 235K parameters with every tenth moment subnormal the update took 1.23 ms instead of 120 us,
   * and in the Fashion-MNIST MLP epoch Adam went from 0.23 to 2-2.5 ms per step from step ~600 on.
   * A flushed moment costs its assists once. What it changes is below rounding: the update it
   * drops is at most {@code lr / (1 - b1^t) * 2^-126 / eps}, about 1e-33 with PyTorch's defaults,
   * which leaves every parameter above 1e-26 in size bit for bit where PyTorch's would be. The
   * second moment is left alone: its 0.999 decay takes some 80,000 steps to get there.
   *
   * <p>Branch-free arithmetic, so that C2 keeps both Adam loops vectorised (a select would not
   * be, on JDK 17): {@code min(|x| 2^126, 1)} is 1 exactly for normal floats and at most
   * {@code 1 - 2^-23} for subnormal ones, which the subtraction and scaling map to 1 and to at
   * most 0; the product with {@code x} is then exact. Cost: 2-5 us per 235K parameters.
   */
  static float flushSubnormal(float x) {
    float normal = Math.max((Math.min(Math.abs(x) * TO_ONE, 1f) - BELOW_ONE) * UNIT, 0f);
    return x * normal;
  }
}

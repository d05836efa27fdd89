package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Weight initialisation, PyTorch's {@code torch.nn.init}: each method fills a tensor IN PLACE (under
 * no-grad, so parameters can be passed) and returns it.
 *
 * <pre>{@code
 * Init.manualSeed(42);                       // layers built after this draw the same weights every run
 * Linear fc = new Linear(784, 128);
 * Init.xavierUniform(fc.weight());           // re-initialise from the default generator
 * Init.zeros(fc.bias());
 * }</pre>
 *
 * <p>Fans follow OUR layouts: a 2-D weight is [in, out] (Linear), so fan-in is {@code size(0)} and
 * fan-out {@code size(1)} — PyTorch's [out, in] reads them the other way round, and the bounds come out
 * the same. A weight of rank 3 or more is [out, in, k...] as PyTorch's convolutions: fan-in
 * {@code in * prod(k)}, fan-out {@code out * prod(k)}.
 *
 * <p>The default generator starts from seed 0, so an unseeded program is reproducible too. It is one
 * shared, unsynchronised generator: build models on one thread, or pass a {@link Generator} of your own
 * to the layer constructors.
 */
public final class Init {
  private static Generator defaultGenerator = new Generator(0);

  private Init() {}

  /** Re-seeds the default generator that layers without an explicit Generator draw from. */
  public static void manualSeed(long seed) {
    defaultGenerator = new Generator(seed);
  }

  /** The generator layers draw from when none is given. */
  public static Generator defaultGenerator() {
    return defaultGenerator;
  }

  /** U(low, high). */
  public static Tensor uniform(Tensor t, double low, double high, Generator g) {
    checkArgument(low <= high, "Init.uniform: low %s > high %s; pass low <= high", low, high);
    Tensor r = Tensor.rand(checkNotNull(g, "Init.uniform: generator is null"), t.dtype(), t.shape());
    return write(t, r.mul(high - low).add(low));
  }

  public static Tensor uniform(Tensor t, double low, double high) {
    return uniform(t, low, high, defaultGenerator);
  }

  /** N(mean, std^2). */
  public static Tensor normal(Tensor t, double mean, double std, Generator g) {
    checkArgument(std >= 0, "Init.normal: std %s is negative", std);
    Tensor r = Tensor.randn(checkNotNull(g, "Init.normal: generator is null"), t.dtype(), t.shape());
    return write(t, r.mul(std).add(mean));
  }

  public static Tensor normal(Tensor t, double mean, double std) {
    return normal(t, mean, std, defaultGenerator);
  }

  public static Tensor constant(Tensor t, double value) {
    try (var off = GradMode.off()) {
      return t.fill(value);
    }
  }

  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  public static Tensor ones(Tensor t) {
    return constant(t, 1);
  }

  /** Glorot: U(-b, b), b = gain * sqrt(6 / (fanIn + fanOut)). */
  public static Tensor xavierUniform(Tensor t, double gain, Generator g) {
    int[] f = fans("xavierUniform", t);
    double bound = gain * Math.sqrt(6.0 / (f[0] + f[1]));
    return uniform(t, -bound, bound, g);
  }

  public static Tensor xavierUniform(Tensor t) {
    return xavierUniform(t, 1.0, defaultGenerator);
  }

  /** Glorot: N(0, std^2), std = gain * sqrt(2 / (fanIn + fanOut)). */
  public static Tensor xavierNormal(Tensor t, double gain, Generator g) {
    int[] f = fans("xavierNormal", t);
    return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), g);
  }

  public static Tensor xavierNormal(Tensor t) {
    return xavierNormal(t, 1.0, defaultGenerator);
  }

  /**
   * He: U(-b, b), b = sqrt(3) * gain / sqrt(fanIn), gain = sqrt(2 / (1 + a^2)) (leaky ReLU of slope
   * {@code a}; 0 for ReLU). With {@code a = sqrt(5)}, b = 1 / sqrt(fanIn): PyTorch's Linear and Conv default.
   */
  public static Tensor kaimingUniform(Tensor t, double a, Generator g) {
    int fanIn = fans("kaimingUniform", t)[0];
    double bound = Math.sqrt(3.0) * Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(fanIn);
    return uniform(t, -bound, bound, g);
  }

  public static Tensor kaimingUniform(Tensor t) {
    return kaimingUniform(t, 0, defaultGenerator);
  }

  /** He: N(0, std^2), std = gain / sqrt(fanIn), gain = sqrt(2 / (1 + a^2)). */
  public static Tensor kaimingNormal(Tensor t, double a, Generator g) {
    int fanIn = fans("kaimingNormal", t)[0];
    return normal(t, 0, Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(fanIn), g);
  }

  public static Tensor kaimingNormal(Tensor t) {
    return kaimingNormal(t, 0, defaultGenerator);
  }

  /** {fanIn, fanOut} in our layouts (see the class doc). */
  static int[] fans(String op, Tensor t) {
    int[] s = t.shape();
    checkArgument(s.length >= 2, "Init.%s: fan-in and fan-out need a tensor of rank >= 2, got shape %s",
        op, java.util.Arrays.toString(s));
    if (s.length == 2) {
      return new int[] {s[0], s[1]};
    }
    int receptive = 1;
    for (int i = 2; i < s.length; i++) {
      receptive *= s[i];
    }
    return new int[] {s[1] * receptive, s[0] * receptive};
  }

  private static Tensor write(Tensor t, Tensor values) {
    try (var off = GradMode.off()) {
      return t.copyFrom(values);
    }
  }
}

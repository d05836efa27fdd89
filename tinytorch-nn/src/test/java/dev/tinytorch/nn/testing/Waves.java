package dev.tinytorch.nn.testing;

import dev.tinytorch.tensor.Tensor;

/**
 * The inputs of the golden scripts in tools/golden (spatial.py): {@code wave(n, shift)} holds
 * {@code ((i * 37 + shift) % 101) / 50 - 1} for i = 0..n-1, the same doubles Python computes, so
 * test and script start from bit-identical values without pasting them.
 */
public final class Waves {
  private Waves() {}

  public static double[] values(int n, int shift) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = ((i * 37 + shift) % 101) / 50.0 - 1;
    }
    return v;
  }

  /** A FLOAT64 tensor of {@code shape} filled with {@code wave(numel, shift)}, not requiring grad. */
  public static Tensor wave(int shift, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Tensor.of(values(n, shift), shape);
  }

  /** The same as a leaf that requires grad. */
  public static Tensor leaf(int shift, int... shape) {
    return wave(shift, shape).requiresGrad(true);
  }

  /** The scripts' reduction, {@code (y * wave(y.numel(), 7)).sum()}. */
  public static Tensor weighted(Tensor y) {
    return y.mul(wave(7, y.shape())).sum();
  }

  /**
   * sin(0.7 i + salt) * scale over the flat index: the fill of the training and norm-layer golden
   * scripts (tools/golden/training.py, norm_layers.py, optim_training.py, trainer.py).
   */
  public static Tensor sine(int[] shape, int salt, double scale) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(0.7 * i + salt) * scale;
    }
    return Tensor.of(v, shape);
  }

  /** The scripts' salt of a state-dict key: the sum of its characters mod 97. */
  public static int salt(String key) {
    int s = 0;
    for (char c : key.toCharArray()) {
      s += c;
    }
    return s % 97;
  }
}

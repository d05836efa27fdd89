package dev.tinytorch.tensor;

/**
 * A program that {@link KernelsTest} runs in a fresh JVM, with and without the Vector API
 * module: one FLOAT32 and one FLOAT64 product large enough for the blocked path (where the
 * kernels differ), checked exactly. The operands are small integers, so every partial sum is an
 * exactly representable integer and both kernels must give the exact product, computed here
 * independently in {@code long} arithmetic. Prints {@code vector=<choice> ok} or a failure.
 */
public final class KernelsProbe {
  private KernelsProbe() {}

  public static void main(String[] args) {
    int m = 45;
    int k = 300;
    int n = 70;
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        a[i * k + p] = (i + 2 * p) % 7 - 3;
      }
    }
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < n; j++) {
        b[p * n + j] = (3 * p + j) % 5 - 2;
      }
    }
    double[] expected = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long s = 0;
        for (int p = 0; p < k; p++) {
          s += (long) a[i * k + p] * (long) b[p * n + j];
        }
        expected[i * n + j] = s;
      }
    }
    Tensor x = Tensor.of(a, m, k);
    Tensor y = Tensor.of(b, k, n);
    String failure = compare("FLOAT64", expected, x.matmul(y).toDoubleArray());
    if (failure == null) {
      failure = compare("FLOAT32", expected, x.to(DType.FLOAT32).matmul(y.to(DType.FLOAT32)).toDoubleArray());
    }
    System.out.println("vector=" + Kernels.VECTOR + " " + (failure == null ? "ok" : failure));
  }

  private static String compare(String what, double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        return what + " element " + i + " is " + actual[i] + ", expected " + expected[i];
      }
    }
    return null;
  }
}

package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * mseLoss sums its squares in eight partial sums (the order the sum reduction uses); checked
 * exactly against that order at lengths around a group of eight, on fresh tensors and on views
 * that start inside larger ones, and against {@code (p - t).pow(2).mean()} for FLOAT64.
 */
class MseLanesTest {
  private static double value(int i, double scale) {
    return (((i * 7919) % 1009) * 0.0137 - 6.9) * scale + 1.0 / (3 + i);
  }

  private static Tensor view(DType dtype, int offset, int n, double scale) {
    double[] v = new double[n + offset];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(i, scale);
    }
    return Tensor.of(v, v.length).to(dtype).narrow(0, offset, n);
  }

  /** The definition in the documented order: lane k takes the squares k, k+8, ...; the tail goes to lane 0. */
  private static double expected(double[] p, double[] t) {
    double[] a = new double[8];
    int n = p.length;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      for (int k = 0; k < 8; k++) {
        double e = p[i + k] - t[i + k];
        a[k] += e * e;
      }
    }
    for (; i < n; i++) {
      double e = p[i] - t[i];
      a[0] += e * e;
    }
    return (((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]))) / n;
  }

  @Test
  void mseUsesEightPartialSumsAtEveryLengthAndOffset() {
    for (DType dtype : DType.values()) {
      for (int n : new int[] {1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1001}) {
        for (int offset : new int[] {0, 3}) {
          Tensor p = view(dtype, offset, n, 1.0);
          Tensor t = view(dtype, offset + 1, n, 0.5);
          double want = expected(p.toDoubleArray(), t.toDoubleArray());
          if (dtype == DType.FLOAT32) {
            want = (float) want;
          }
          assertEquals(want, Losses.mse(p, t).item(), 0.0, dtype + " n " + n + " offset " + offset);
        }
      }
    }
  }

  @Test
  void float64MseEqualsTheMeanOfSquaredDifferencesBitForBit() {
    for (int n : new int[] {1, 8, 13, 1000}) {
      Tensor p = view(DType.FLOAT64, 2, n, 1.0);
      Tensor t = view(DType.FLOAT64, 0, n, 0.25);
      double viaOps = p.sub(t).pow(2).mean().item();
      assertEquals(viaOps, Losses.mse(p, t).item(), 0.0, "n " + n);
    }
  }
}

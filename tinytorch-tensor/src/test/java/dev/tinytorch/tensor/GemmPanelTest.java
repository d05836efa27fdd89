package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocked GEMM runs depth blocks outermost and reuses a packed panel of A when B has several
 * column blocks and the call has at most PANEL_ROWS rows, and the classic column-blocks-outermost
 * order otherwise. Both must give every element of C bit for bit: here the same rows are computed
 * in one call over more than PANEL_ROWS rows (classic order) and in two calls of half as many
 * (panel order), for a row-major and a transposed A, in both dtypes.
 */
class GemmPanelTest {
  private static final int M = GemmDouble.PANEL_ROWS + 6; // one call over M rows: classic; two of M / 2: panel
  private static final int K = 300; // more than one depth block of doubles (KC 256-258)
  private static final int N = 530; // more than one column block of doubles and of floats

  @Test
  void panelOrderAndClassicOrderGiveIdenticalDoubles() {
    Random r = new Random(1);
    double[] a = new double[M * K];
    double[] b = new double[K * N];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextGaussian();
    }
    for (boolean transposed : new boolean[] {false, true}) {
      int ars = transposed ? 1 : K; // a transposed A reads the same values as a K x M matrix's columns
      int acs = transposed ? M : 1;
      double[] whole = new double[M * N];
      double[] halves = new double[M * N];
      GemmDouble.gemm(0, M, N, K, a, 0, ars, acs, b, 0, N, 1, whole, 0, N);
      GemmDouble.gemm(0, M / 2, N, K, a, 0, ars, acs, b, 0, N, 1, halves, 0, N);
      GemmDouble.gemm(M / 2, M, N, K, a, 0, ars, acs, b, 0, N, 1, halves, 0, N);
      for (int i = 0; i < whole.length; i++) {
        assertEquals(whole[i], halves[i], 0.0, (transposed ? "A.T" : "A") + " at " + i);
      }
    }
  }

  @Test
  void panelOrderAndClassicOrderGiveIdenticalFloats() {
    Random r = new Random(2);
    int m = GemmFloat.PANEL_ROWS + 6;
    int k = GemmFloat.KC + 50; // more than one depth block of floats
    float[] a = new float[m * k];
    float[] b = new float[k * N];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextGaussian();
    }
    for (boolean transposed : new boolean[] {false, true}) {
      int ars = transposed ? 1 : k;
      int acs = transposed ? m : 1;
      float[] whole = new float[m * N];
      float[] halves = new float[m * N];
      GemmFloat.gemm(0, m, N, k, a, 0, ars, acs, b, 0, N, 1, whole, 0, N);
      GemmFloat.gemm(0, m / 2, N, k, a, 0, ars, acs, b, 0, N, 1, halves, 0, N);
      GemmFloat.gemm(m / 2, m, N, k, a, 0, ars, acs, b, 0, N, 1, halves, 0, N);
      for (int i = 0; i < whole.length; i++) {
        assertEquals(whole[i], halves[i], 0.0f, (transposed ? "A.T" : "A") + " at " + i);
      }
    }
  }
}

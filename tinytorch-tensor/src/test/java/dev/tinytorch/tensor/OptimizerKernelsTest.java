package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The fused optimizer kernels against plain per-element reference loops written from torch.optim's
 * formulas, on small tensors and on ones large enough to be split over threads; versions bumped,
 * refused calls writing nothing. (PyTorch parity itself: nn's OptimizerParityTest.)
 */
class OptimizerKernelsTest {
  private static final int LARGE = 4 * Parallel.MEMORY_GRAIN + 17;

  private static Tensor rand(long seed, DType dtype, int n) {
    return Tensor.randn(new Generator(seed), dtype, n);
  }

  @Test
  void sgdMatchesReference() {
    for (int n : new int[] {7, LARGE}) {
      for (boolean nesterov : new boolean[] {false, true}) {
        Tensor p = rand(1, DType.FLOAT64, n);
        Tensor g = rand(2, DType.FLOAT64, n);
        Tensor buf = rand(3, DType.FLOAT64, n);
        double[] pv = p.toDoubleArray();
        double[] gv = g.toDoubleArray();
        double[] bv = buf.toDoubleArray();
        double lr = 0.05, mom = 0.9, damp = nesterov ? 0 : 0.2, wd = 0.01;
        for (int i = 0; i < n; i++) {
          double d = gv[i] + wd * pv[i];
          bv[i] = bv[i] * mom + (1 - damp) * d;
          d = nesterov ? d + mom * bv[i] : bv[i];
          pv[i] = pv[i] - lr * d;
        }
        int pVersion = p.version();
        int bVersion = buf.version();
        OptimizerKernels.sgd(p, g, buf, false, lr, mom, damp, nesterov, wd);
        assertArrayEquals(pv, p.toDoubleArray(), 1e-15);
        assertArrayEquals(bv, buf.toDoubleArray(), 1e-15);
        assertEquals(pVersion + 1, p.version());
        assertEquals(bVersion + 1, buf.version());
      }
    }
  }

  @Test
  void sgdFirstStepStartsTheBufferFromTheGradient() {
    Tensor p = Tensor.of(new double[] {1, 2});
    Tensor g = Tensor.of(new double[] {0.5, -1});
    Tensor buf = Tensor.of(new double[] {100, 100});
    OptimizerKernels.sgd(p, g, buf, true, 0.1, 0.9, 0.5, false, 0);
    assertArrayEquals(new double[] {0.5, -1}, buf.toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {0.95, 2.1}, p.toDoubleArray(), 1e-15);
  }

  @Test
  void adamMatchesReferenceInBothDtypes() {
    for (DType dtype : DType.values()) {
      for (int n : new int[] {5, LARGE}) {
        for (int variant = 0; variant < 3; variant++) {
          boolean decoupled = variant == 1;
          boolean amsgrad = variant == 2;
          Tensor p = rand(4, dtype, n);
          Tensor g = rand(5, dtype, n);
          Tensor m = rand(6, dtype, n);
          Tensor v = rand(7, dtype, n).abs();
          Tensor mx = amsgrad ? rand(8, dtype, n).abs() : null;
          double[] pv = p.toDoubleArray();
          double[] gv = g.toDoubleArray();
          double[] mv = m.toDoubleArray();
          double[] vv = v.toDoubleArray();
          double[] xv = amsgrad ? mx.toDoubleArray() : null;
          double lr = 0.01, b1 = 0.9, b2 = 0.99, eps = 1e-8, wd = 0.1;
          long t = 3;
          double bc1 = 1 - Math.pow(b1, t);
          double bc2 = Math.sqrt(1 - Math.pow(b2, t));
          for (int i = 0; i < n; i++) {
            double gi = decoupled ? gv[i] : gv[i] + wd * pv[i];
            double pi = decoupled ? pv[i] * (1 - lr * wd) : pv[i];
            mv[i] = mv[i] * b1 + (1 - b1) * gi;
            vv[i] = vv[i] * b2 + (1 - b2) * gi * gi;
            double s = vv[i];
            if (amsgrad) {
              xv[i] = Math.max(xv[i], vv[i]);
              s = xv[i];
            }
            pv[i] = pi - lr / bc1 * mv[i] / (Math.sqrt(s) / bc2 + eps);
          }
          OptimizerKernels.adam(p, g, m, v, mx, t, lr, b1, b2, eps, wd, decoupled);
          double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-5;
          assertArrayEquals(pv, p.toDoubleArray(), tol, dtype + " variant " + variant);
          assertArrayEquals(mv, m.toDoubleArray(), tol);
          assertArrayEquals(vv, v.toDoubleArray(), tol);
          if (amsgrad) {
            assertArrayEquals(xv, mx.toDoubleArray(), tol);
          }
        }
      }
    }
  }

  @Test
  void flushSubnormalZeroesExactlyTheSubnormals() {
    float largestSubnormal = Math.nextDown(Float.MIN_NORMAL);
    float[] kept = {Float.MIN_NORMAL, -Float.MIN_NORMAL, Math.nextUp(Float.MIN_NORMAL), 1e-30f, 0.5f, 1f,
        3.9f, 4f, -1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (float x : kept) {
      assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(OptimizerKernels.flushSubnormal(x)),
          "kept " + x);
    }
    float[] flushed = {largestSubnormal, -largestSubnormal, Float.MIN_VALUE, -Float.MIN_VALUE,
        4 * Float.MIN_VALUE, 0x1p-127f, 0f};
    for (float x : flushed) {
      assertEquals(0f, Math.abs(OptimizerKernels.flushSubnormal(x)), 0f, "flushed " + x);
    }
    assertEquals(-0f, OptimizerKernels.flushSubnormal(-0f), 0f);
    assertEquals(true, Float.isNaN(OptimizerKernels.flushSubnormal(Float.NaN)));
  }

  /**
   * FLOAT32 Adam flushes a first moment that decays into the subnormals (the moments of a weight
   * whose gradient stays zero) and leaves the parameter bit for bit where the unflushed update
   * puts it; every other moment is the reference's. Both float loops: the plain one (offset 0)
   * and the general one (a view at an offset, AMSGrad).
   */
  @Test
  void float32AdamFlushesSubnormalFirstMomentsOnly() {
    int n = LARGE;
    for (int variant = 0; variant < 2; variant++) {
      boolean general = variant == 1;
      float[] pv = new float[n];
      float[] gv = new float[n];
      float[] mv = new float[n];
      float[] vv = new float[n];
      for (int i = 0; i < n; i++) {
        pv[i] = 0.01f + i % 97 * 1e-3f;
        boolean dead = i % 3 == 0;
        gv[i] = dead ? 0f : 1e-3f * (i % 7 - 3);
        mv[i] = dead ? (i % 2 == 0 ? 1.2e-38f : -1.3e-38f) : 1e-4f; // 0.9 * m is subnormal for the dead ones
        vv[i] = 1e-6f;
      }
      Tensor p = general ? Tensor.of(concat(pv)).narrow(0, 1, n) : Tensor.of(pv.clone());
      Tensor m = Tensor.of(mv.clone());
      Tensor v = Tensor.of(vv.clone());
      Tensor mx = general ? Tensor.zeros(DType.FLOAT32, n) : null;
      float stepSize = (float) (0.01 / (1 - Math.pow(0.9, 2)));
      float bc2 = (float) Math.sqrt(1 - Math.pow(0.999, 2));
      OptimizerKernels.adam(p, Tensor.of(gv.clone()), m, v, mx, 2, 0.01, 0.9, 0.999, 1e-8, 0, false);
      float[] gotP = p.contiguous().toFloatArray();
      float[] gotM = m.toFloatArray();
      for (int i = 0; i < n; i++) {
        float mi = mv[i] * (float) 0.9 + (float) (1 - 0.9) * gv[i];
        float vi = vv[i] * (float) 0.999 + (float) (1 - 0.999) * gv[i] * gv[i];
        float want = pv[i] + -stepSize * mi / ((float) Math.sqrt(vi) / bc2 + (float) 1e-8);
        assertEquals(want, gotP[i], 0f, "parameter " + i + " variant " + variant);
        if (Math.abs(mi) < Float.MIN_NORMAL) {
          assertEquals(0f, gotM[i], 0f, "flushed moment " + i);
        } else {
          assertEquals(mi, gotM[i], 0f, "moment " + i);
        }
      }
      assertEquals(true, gotM[0] == 0f && mv[0] * 0.9f != 0f, "the test sees a subnormal");
    }
  }

  private static float[] concat(float[] tail) {
    float[] out = new float[tail.length + 1];
    out[0] = 7f;
    System.arraycopy(tail, 0, out, 1, tail.length);
    return out;
  }

  @Test
  void refusedCallsWriteNothing() {
    Tensor p = Tensor.of(new double[] {1, 2, 3});
    Tensor before = p.clone();
    Tensor m = Tensor.zeros(DType.FLOAT64, 3);
    Tensor v = Tensor.zeros(DType.FLOAT64, 3);
    assertThrows(IllegalArgumentException.class,
        () -> OptimizerKernels.sgd(p, Tensor.of(new double[] {1, 2}), null, false, 0.1, 0, 0, false, 0));
    assertThrows(IllegalArgumentException.class,
        () -> OptimizerKernels.sgd(p, Tensor.of(new float[] {1, 2, 3}), null, false, 0.1, 0, 0, false, 0));
    assertThrows(IllegalArgumentException.class,
        () -> OptimizerKernels.adam(p, p.clone(), m, Tensor.zeros(DType.FLOAT64, 4), null, 1, 0.1, 0.9, 0.99, 1e-8, 0, false));
    Tensor wide = Tensor.zeros(DType.FLOAT64, 3, 2);
    assertThrows(IllegalArgumentException.class,
        () -> OptimizerKernels.adam(wide.transpose(0, 1), Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 2, 3),
            Tensor.zeros(DType.FLOAT64, 2, 3), null, 1, 0.1, 0.9, 0.99, 1e-8, 0, false));
    assertThrows(NullPointerException.class,
        () -> OptimizerKernels.sgd(p, p.clone(), null, false, 0.1, 0.9, 0, false, 0));
    assertArrayEquals(before.toDoubleArray(), p.toDoubleArray(), 0.0);
    assertArrayEquals(new double[3], m.toDoubleArray(), 0.0);
    assertArrayEquals(new double[3], v.toDoubleArray(), 0.0);
  }

  @Test
  void sumOfSquaresAndClamp() {
    Tensor t = Tensor.of(new float[] {3, -4, 0.5f, -0.25f});
    assertEquals(9 + 16 + 0.25 + 0.0625, OptimizerKernels.sumOfSquares(t), 0.0);
    Tensor view = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).transpose(0, 1);
    assertEquals(30, OptimizerKernels.sumOfSquares(view), 0.0);
    int version = t.version();
    OptimizerKernels.clampInPlace(t, -1, 1);
    assertArrayEquals(new double[] {1, -1, 0.5, -0.25}, t.toDoubleArray(), 0.0);
    assertEquals(version + 1, t.version());
  }
}

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

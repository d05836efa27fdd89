package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.KernelOps;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * indexSelect, indexAdd, where, maskedFill, maxPool2d and avgPool2d compared with PyTorch 1.13 in
 * float64: forward values, gradients and (for indexAdd and avgPool2d) second-order gradients.
 * Every constant is printed by tools/golden/index_ops.py (run with /usr/bin/python3), whose inputs
 * match the ones here; PyTorch's int64 indices are whole-number doubles here.
 */
class GoldenIndexOpsTest {
  private static final double TOL = 1e-13;

  static final double[] SELECT_ROWS = {1.25, 1.5, 1.75, -1.0, -0.75, -0.5, 1.25, 1.5, 1.75, -0.25, 0.0, 0.25, 1.25, 1.5, 1.75};
  static final double[] SELECT_ROWS_GRAD = {3.0, 1.5, -1.0, -0.5, 1.0, 2.5, 0.0, 0.0, 0.0, 2.25, 1.0, 1.5};
  static final double[] SELECT_COLS = {-0.5, -0.5, -1.0, -0.5, 0.25, 0.25, -0.25, 0.25, 1.0, 1.0, 0.5, 1.0, 1.75, 1.75, 1.25, 1.75};
  static final double[] SELECT_COLS_GRAD = {1.0, 0.0, 2.0, 3.0, 0.0, 8.0, 5.0, 0.0, 14.0, 7.0, 0.0, 20.0};
  static final double[] INDEX_ADD = {0.125, -0.125, 1.125, 1.625, -0.875, -1.125, 3.125, 3.625, 4.125, 3.125};
  static final double[] INDEX_ADD_GRAD_SELF = {1.0, 2.0, -1.0, 0.5, 3.0, -2.0, 0.25, 0.75, 1.5, -0.5};
  static final double[] INDEX_ADD_GRAD_SOURCE = {1.5, -0.5, 1.0, 2.0, 1.5, -0.5, 3.0, -2.0};
  static final double[] INDEX_ADD_SQ_GRAD_SOURCE = {12.375, -3.125, 0.25, -0.5, 12.375, -3.125, -5.25, 4.5};
  static final double[] INDEX_ADD_SQ_GG_SELF = {3.0, 0.0, -2.0, 1.0, -57.0, -40.0, 0.5, 1.5, 151.5, 11.5};
  static final double[] INDEX_ADD_SQ_GG_SOURCE = {151.5, 11.5, 3.0, 0.0, 151.5, 11.5, -57.0, -40.0};
  static final double[] WHERE = {0.5, -0.5, 0.5, -1.0, -0.5, -1.0, 2.0, -0.5, 2.0, 1.25, -0.5, 1.25, 3.0, -0.5, 0.5, 3.0, -0.5, -1.0, 3.0, -0.5, 2.0, 3.0, -0.5, 1.25};
  static final double[] WHERE_GRAD_A = {-4.625, -2.375, -0.125, 2.125};
  static final double[] WHERE_GRAD_B = {5.0, 0.0, 0.0};
  static final double[] MASKED_SOFTMAX = {0.6224593312018546, 0.0, 0.37754066879814546, 0.0, 0.0, 0.6652409557748218, 0.09003057317038045, 0.2447284710547976};
  static final double[] MASKED_SOFTMAX_GRAD = {-0.4700074244031891, 0.0, 0.47000742440318893, 0.0, 0.0, -0.17123973781213053, 0.11187108133740269, 0.05936865647472793};
  static final double[] MAXPOOL = {3.0, 3.0, 5.0, 5.0, 5.0, 5.0, -1.0, -1.0, 4.0, 4.0, 4.0, 4.0};
  static final double[] MAXPOOL_INDICES = {1.0, 2.0, 12.0, 12.0, 12.0, 12.0, 0.0, 2.0, 10.0, 12.0, 10.0, 12.0};
  static final double[] MAXPOOL_GRAD = {0.0, 0.5, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.5, 0.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 0.0, 11.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  static final double[] MAXPOOL_PLATEAU = {2.0, 2.0, 7.0, 7.0};
  static final double[] MAXPOOL_PLATEAU_GRAD = {0.0, 0.0, 11.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1000.0};
  static final double[] AVGPOOL = {0.45, 0.55, 0.65, 1.2500000000000002, 1.3500000000000003, 1.45, -0.04999999999999999, 0.050000000000000024, 0.15000000000000005, 0.75, 0.8500000000000001, 0.9500000000000001};
  static final double[] AVGPOOL_GRAD = {-0.4166666666666667, -0.75, -0.5833333333333333, -0.25, -0.4166666666666667, -0.75, -0.5833333333333333, -0.25, -0.5833333333333334, -1.0, -0.6666666666666666, -0.25, -0.16666666666666666, -0.25, -0.08333333333333333, 0.0, -0.16666666666666666, -0.25, -0.08333333333333333, 0.0, 0.08333333333333333, 0.25, 0.41666666666666663, 0.25, 0.08333333333333333, 0.25, 0.41666666666666663, 0.25, 0.41666666666666663, 1.0, 1.3333333333333333, 0.75, 0.3333333333333333, 0.75, 0.9166666666666667, 0.5, 0.3333333333333333, 0.75, 0.9166666666666667, 0.5};
  static final double[] AVGPOOL_SQ_GRAD = {-0.375, -0.7416666666666667, -0.6916666666666667, -0.325, -0.375, -0.7416666666666667, -0.6916666666666667, -0.325, -0.7916666666666667, -1.3833333333333335, -0.9166666666666667, -0.325, -0.41666666666666674, -0.6416666666666668, -0.22500000000000006, 0.0, -0.41666666666666674, -0.6416666666666668, -0.22500000000000006, 0.0, -0.008333333333333331, 0.008333333333333342, 0.0916666666666667, 0.07500000000000002, -0.008333333333333331, 0.008333333333333342, 0.0916666666666667, 0.07500000000000002, 0.4916666666666667, 1.2166666666666668, 1.75, 1.0250000000000001, 0.5, 1.2083333333333335, 1.6583333333333334, 0.9500000000000001, 0.5, 1.2083333333333335, 1.6583333333333334, 0.9500000000000001};
  static final double[] AVGPOOL_SQ_GG = {1.2245370370370374, 2.3726851851851856, 1.6939814814814815, 0.5458333333333334, 1.2245370370370374, 2.3726851851851856, 1.6939814814814815, 0.5458333333333334, 1.7013888888888893, 3.0736111111111115, 1.9180555555555556, 0.5458333333333334, 0.47685185185185186, 0.700925925925926, 0.22407407407407412, 0.0, 0.47685185185185186, 0.700925925925926, 0.22407407407407412, 0.0, 0.09490740740740743, 0.4467592592592593, 0.8699074074074075, 0.5180555555555556, 0.09490740740740743, 0.4467592592592593, 0.8699074074074075, 0.5180555555555556, 1.2337962962962963, 4.002314814814815, 5.9504629629629635, 3.181944444444445, 1.1388888888888888, 3.555555555555556, 5.080555555555556, 2.663888888888889, 1.1388888888888888, 3.555555555555556, 5.080555555555556, 2.663888888888889};

  /** {@code rows x cols} values {@code scale * (i * cols + j) + shift}, as index_ops.py's grid(). */
  private static Tensor grid(int rows, int cols, double scale, double shift) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        v[i * cols + j] = scale * (i * cols + j) + shift;
      }
    }
    return Tensor.of(v, rows, cols).requiresGrad(true);
  }

  private static Tensor index(double... positions) {
    return Tensor.of(positions);
  }

  /** {@code (arange(n) + shift) * scale} in the given shape, as the weights in index_ops.py. */
  private static Tensor weights(double shift, double scale, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Tensor.arange(DType.FLOAT64, 0, n, 1).add(shift).mul(scale).reshape(shape);
  }

  private static void close(double[] expected, Tensor actual) {
    assertArrayEquals(expected, actual.toDoubleArray(), TOL);
  }

  @Test
  void indexSelectWithRepeats() {
    Tensor x = grid(4, 3, 0.25, -1.0);
    Tensor w = Tensor.of(new double[][] {{1.0, -2.0, 0.5}, {3.0, 1.5, -1.0}, {0.25, 2.0, 4.0}, {-0.5, 1.0, 2.5},
        {1.0, 1.0, -3.0}});
    Tensor rows = x.indexSelect(0, index(3, 0, 3, 1, 3));
    assertArrayEquals(new int[] {5, 3}, rows.shape());
    close(SELECT_ROWS, rows);
    rows.mul(w).sum().backward();
    close(SELECT_ROWS_GRAD, x.grad());
    Tensor x2 = grid(4, 3, 0.25, -1.0);
    Tensor cols = x2.indexSelect(1, index(2, 2, 0, 2));
    close(SELECT_COLS, cols);
    cols.mul(weights(0, 0.5, 4, 4)).sum().backward();
    close(SELECT_COLS_GRAD, x2.grad());
  }

  @Test
  void indexAddWithRepeatsToFirstAndSecondOrder() {
    Tensor idx = index(4, 0, 4, 2);
    Tensor w = Tensor.of(new double[][] {{1.0, 2.0}, {-1.0, 0.5}, {3.0, -2.0}, {0.25, 0.75}, {1.5, -0.5}});
    Tensor s = grid(5, 2, 0.5, 0.125);
    Tensor src = grid(4, 2, -0.75, 1.5);
    Tensor y = s.indexAdd(0, idx, src);
    close(INDEX_ADD, y);
    y.mul(w).sum().backward();
    close(INDEX_ADD_GRAD_SELF, s.grad());
    close(INDEX_ADD_GRAD_SOURCE, src.grad());
    Tensor s2 = grid(5, 2, 0.5, 0.125);
    Tensor src2 = grid(4, 2, -0.75, 1.5);
    Tensor f = s2.indexAdd(0, idx, src2).pow(2).mul(w).sum();
    Tensor[] g = Autograd.grad(f, new Tensor[] {s2, src2}, null, true, true);
    close(INDEX_ADD_SQ_GRAD_SOURCE, g[1]);
    g[0].sum().add(g[1].mul(g[1]).sum()).backward();
    close(INDEX_ADD_SQ_GG_SELF, s2.grad());
    close(INDEX_ADD_SQ_GG_SOURCE, src2.grad());
  }

  @Test
  void whereBroadcastingAllThree() {
    Tensor cond = Tensor.of(new double[] {1, 0, 1, 0, 0, 1}, 2, 1, 3);
    Tensor a = Tensor.of(new double[] {0.5, -1.0, 2.0, 1.25}, 4, 1).requiresGrad(true);
    Tensor b = Tensor.of(new double[] {3.0, -0.5, 0.75}).requiresGrad(true);
    Tensor y = Tensor.where(cond, a, b);
    assertArrayEquals(new int[] {2, 4, 3}, y.shape());
    close(WHERE, y);
    y.mul(weights(-11.5, 0.25, 2, 4, 3)).sum().backward();
    close(WHERE_GRAD_A, a.grad());
    close(WHERE_GRAD_B, b.grad());
  }

  @Test
  void maskedFillWithMinusInfinityThenSoftmax() {
    Tensor scores = Tensor.of(new double[][] {{1.0, 2.0, 0.5, -1.0}, {0.0, 3.0, 1.0, 2.0}}).requiresGrad(true);
    Tensor mask = Tensor.of(new double[][] {{0, 1, 0, 1}, {1, 0, 0, 0}});
    Tensor p = scores.maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(-1);
    close(MASKED_SOFTMAX, p);
    p.mul(Tensor.of(new double[][] {{1.0, 2.0, 3.0, 4.0}, {-1.0, 0.5, 2.0, 1.0}})).sum().backward();
    close(MASKED_SOFTMAX_GRAD, scores.grad());
  }

  private static final double[] MP = {1, 3, 3, 0, 2, 3, 1, 0, 3, 2, 0, 0, 5, 5, 1, 5, 0, 1, 1, 5,
      -1, -1, -1, -1, -1, -2, -1, -3, -1, -2, 4, 2, 4, 2, 4, 0.5, 4, 0.5, 4, 0.5};

  @Test
  void maxPoolWithTiesAndStrideOtherThanKernel() {
    Tensor x = Tensor.of(MP, 1, 2, 4, 5).requiresGrad(true);
    Tensor y = x.maxPool2d(2, 3, 1, 2);
    assertArrayEquals(new int[] {1, 2, 3, 2}, y.shape());
    close(MAXPOOL, y);
    // PyTorch's indices are flat within each plane; ours are flat over the whole input.
    Tensor flat = KernelOps.INSTANCE.maxPool2dWithIndices(x.detach(), 2, 3, 1, 2)[1];
    Tensor planeStart = Tensor.of(new double[] {0, 20}).reshape(1, 2, 1, 1);
    close(MAXPOOL_INDICES, flat.sub(planeStart));
    y.mul(weights(1, 0.5, 1, 2, 3, 2)).sum().backward();
    close(MAXPOOL_GRAD, x.grad());
  }

  @Test
  void maxPoolOverAPlateauSharedByWindows() {
    Tensor x = Tensor.of(new double[] {1, 1, 2, 2, 2, 1, 1, 2, 2, 2, 0, 0, 2, 2, 2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 7},
        1, 1, 5, 5).requiresGrad(true);
    Tensor y = x.maxPool2d(3, 3, 2, 2);
    close(MAXPOOL_PLATEAU, y);
    y.mul(Tensor.of(new double[] {1, 10, 100, 1000}, 1, 1, 2, 2)).sum().backward();
    close(MAXPOOL_PLATEAU_GRAD, x.grad());
  }

  @Test
  void avgPoolToFirstAndSecondOrder() {
    double[] av = new double[40];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 4; j++) {
          av[n * 20 + i * 4 + j] = 0.1 * (i * 4 + j) - 0.5 * n;
        }
      }
    }
    Tensor w = weights(-5, 0.5, 2, 1, 2, 3);
    Tensor x = Tensor.of(av, 2, 1, 5, 4).requiresGrad(true);
    Tensor y = x.avgPool2d(3, 2, 2, 1);
    assertArrayEquals(new int[] {2, 1, 2, 3}, y.shape());
    close(AVGPOOL, y);
    y.mul(w).sum().backward();
    close(AVGPOOL_GRAD, x.grad());
    Tensor x2 = Tensor.of(av, 2, 1, 5, 4).requiresGrad(true);
    Tensor[] g = Autograd.grad(x2.avgPool2d(3, 2, 2, 1).pow(2).mul(w).sum(), new Tensor[] {x2}, null, true, true);
    close(AVGPOOL_SQ_GRAD, g[0]);
    g[0].mul(g[0]).sum().backward();
    close(AVGPOOL_SQ_GG, x2.grad());
  }
}

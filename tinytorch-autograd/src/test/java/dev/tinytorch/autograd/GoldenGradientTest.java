package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.Losses;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradients compared with PyTorch 1.13 in float64. Every constant is printed by
 * tools/golden/autograd.py (run with /usr/bin/python3), whose inputs match the ones here.
 */
class GoldenGradientTest {
  private static final double TOL = 1e-13;

  static final double[] GELU_GRAD = {-0.01194564720418392, -0.08331547058768635, 0.13250487534383712, 0.5, 0.8674951246561629, 1.0833154705876864, 1.011945647204184};
  static final double[] GELU_TANH_GRAD = {-0.011584166630969648, -0.08296408384578252, 0.13263009646535764, 0.5, 0.8673699035346424, 1.0829640838457826, 1.0115841666309695};
  static final double[] SOFTMAX_GRAD = {-0.005368491552911496, -0.08801161435095449, 0.09338010590386599, 0.012343745429488493, 0.08444259051585241, -0.09678633594534092};
  static final double[] CROSS_ENTROPY_GRAD = {-0.3158773962904983, 0.005257627200805697, 0.28705671872792965, 0.023563050361763004, 0.14133483883270676, 0.14133483883270676, 0.019127590444625375, -0.30179726811003893, 0.00693694886003912, -0.26414293972358416, 0.10321993802654453, 0.15398605283700048};
  static final double[] BCE_GRAD_P = {0.27777777777777773, -0.5, -0.2777777777777778, 0.059523809523809514};
  static final double[] BCE_GRAD_T = {0.5493061443340548, 0.0, -0.5493061443340549, 0.21182446509680092};
  static final double[] MSE_GRAD_P = {0.3333333333333333, -0.3333333333333333, -0.3333333333333333};
  static final double[] MSE_GRAD_T = {-0.3333333333333333, 0.3333333333333333, 0.3333333333333333};
  static final double[] VAR_GRAD = {-3.6666666666666665, 0.3333333333333333, -2.333333333333333, 5.666666666666666, 0.3333333333333333, 1.0, -1.3333333333333333, -0.0};
  static final double[] MAX_GRAD = {0.0, 2.0, 0.0, 1.0, 0.0, 3.0};
  static final double[] BMM_GRAD_A = {0.5, 0.5, -0.95, -0.25, 1.5, 0.15000000000000002, 0.5, 0.5, -0.95, -0.25, 1.5, 0.15000000000000002};
  static final double[] BMM_GRAD_B = {-0.2999999999999999, 0.8, 5.551115123125783e-17, 1.0, 0.3000000000000001, 1.2000000000000002};
  static final double[] SUM_DIM0_GRAD = {1.0, 2.0, 3.0, 1.0, 2.0, 3.0};
  static final double[] MAXIMUM_GRAD_A = {0.5, 0.0, 1.0};
  static final double[] MAXIMUM_GRAD_B = {0.5, 1.0, 0.0};
  static final double[] LAYERNORM_GRAD_X = {1.3744696969259806, -2.0617260215316744, 0.6872563246056942, -0.20366021225184813, 0.271544347372388, -0.06788413512053995};
  static final double[] LAYERNORM_GRAD_G = {-0.08846255291383331, -0.7306365614324419, 4.352108385426378};
  static final double[] LAYERNORM_GRAD_B = {0.0, 2.5, 3.25};
  static final double[] TANH3_GRAD = {0.23298390877606737, 0.6359483943631237, 0.7395374614923497};
  static final double[] TANH3_HVP = {1.3280610301054054, -1.1899145694327677, 0.13153942910448235};

  private static Tensor leaf(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  private static Tensor leaf(double[][] v) {
    return Tensor.of(v).requiresGrad(true);
  }

  private static void close(double[] expected, Tensor grad) {
    assertArrayEquals(expected, grad.toDoubleArray(), TOL);
  }

  @Test
  void geluBothForms() {
    double[] xs = {-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0};
    Tensor x = leaf(xs);
    x.gelu().sum().backward();
    close(GELU_GRAD, x.grad());
    Tensor y = leaf(xs);
    y.gelu(GeluApproximation.TANH).sum().backward();
    close(GELU_TANH_GRAD, y.grad());
  }

  @Test
  void softmaxWeighted() {
    Tensor x = leaf(new double[][] {{1.0, 2.0, 3.0}, {-1.0, 0.5, 4.0}});
    Tensor w = Tensor.of(new double[][] {{0.1, -0.2, 0.3}, {1.0, 2.0, -1.0}});
    x.softmax(1).mul(w).sum().backward();
    close(SOFTMAX_GRAD, x.grad());
  }

  @Test
  void crossEntropyWithClassIndices() {
    Tensor z = leaf(new double[][] {{0.2, -1.0, 3.0, 0.5}, {1.5, 1.5, -0.5, 0.0}, {-2.0, 0.3, 0.7, 1.1}});
    Losses.crossEntropy(z, Tensor.of(new double[] {0, 3, 1})).backward();
    close(CROSS_ENTROPY_GRAD, z.grad());
  }

  @Test
  void binaryCrossEntropyBothInputs() {
    Tensor p = leaf(0.1, 0.5, 0.9, 0.3);
    Tensor y = leaf(0.0, 1.0, 1.0, 0.25);
    Losses.binaryCrossEntropy(p, y).backward();
    close(BCE_GRAD_P, p.grad());
    close(BCE_GRAD_T, y.grad());
  }

  @Test
  void meanSquaredError() {
    Tensor p = leaf(1.0, 2.0, -0.5);
    Tensor y = leaf(0.5, 2.5, 0.0);
    Losses.mse(p, y).backward();
    close(MSE_GRAD_P, p.grad());
    close(MSE_GRAD_T, y.grad());
  }

  @Test
  void unbiasedVarianceOverADim() {
    Tensor x = leaf(new double[][] {{1.0, 4.0, 2.0, 8.0}, {0.5, -0.5, 3.0, 1.0}});
    x.var(1, false).mul(Tensor.of(new double[] {2.0, -1.0})).sum().backward();
    close(VAR_GRAD, x.grad());
  }

  @Test
  void maxOverDimZeroWithKeepDim() {
    Tensor x = leaf(new double[][] {{1.0, 5.0, 2.0}, {3.0, 4.0, 6.0}});
    x.max(0, true).mul(Tensor.of(new double[][] {{1.0, 2.0, 3.0}})).sum().backward();
    close(MAX_GRAD, x.grad());
  }

  @Test
  void batchedMatmulWithBroadcastBatch() {
    double[] av = new double[12];
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 2; j++) {
        for (int i = 0; i < 3; i++) {
          av[k * 6 + j * 3 + i] = 0.1 * (i + 3 * j + 6 * k) - 0.5;
        }
      }
    }
    Tensor a = Tensor.of(av, 2, 1, 2, 3).requiresGrad(true);
    Tensor b = leaf(new double[][] {{0.3, -0.2}, {1.0, 0.5}, {-0.7, 0.25}});
    Tensor w = Tensor.of(new double[][] {{1.0, -1.0}, {0.5, 2.0}});
    a.matmul(b).mul(w).sum().backward();
    close(BMM_GRAD_A, a.grad());
    close(BMM_GRAD_B, b.grad());
  }

  @Test
  void sumOverDimZeroWithoutKeepDim() {
    Tensor x = leaf(new double[][] {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
    x.sum(0).mul(Tensor.of(new double[] {1.0, 2.0, 3.0})).sum().backward();
    close(SUM_DIM0_GRAD, x.grad());
  }

  @Test
  void maximumSplitsTiesInHalf() {
    Tensor a = leaf(1.0, 2.0, 3.0);
    Tensor b = leaf(1.0, 3.0, 2.0);
    a.maximum(b).sum().backward();
    close(MAXIMUM_GRAD_A, a.grad());
    close(MAXIMUM_GRAD_B, b.grad());
  }

  @Test
  void layerNormWrittenWithTensorOps() {
    Tensor x = leaf(new double[][] {{1.0, 2.0, 4.0}, {-1.0, 0.0, 3.0}});
    Tensor g = leaf(1.5, -0.5, 2.0);
    Tensor b = leaf(0.1, 0.2, 0.3);
    Tensor mu = x.mean(1, true);
    Tensor var = x.var(new int[] {1}, 0, true);
    Tensor y = x.sub(mu).div(var.add(1e-5).sqrt()).mul(g).add(b);
    y.mul(Tensor.of(new double[][] {{1.0, 2.0, 3.0}, {-1.0, 0.5, 0.25}})).sum().backward();
    close(LAYERNORM_GRAD_X, x.grad());
    close(LAYERNORM_GRAD_G, g.grad());
    close(LAYERNORM_GRAD_B, b.grad());
  }

  @Test
  void hessianVectorProductOfTanhCubed() {
    Tensor x = leaf(0.3, -1.2, 0.8);
    Tensor gx = Autograd.grad(x.tanh().pow(3).sum(), x, true)[0];
    close(TANH3_GRAD, gx);
    Tensor hv = Autograd.grad(gx.mul(Tensor.of(new double[] {1.0, -2.0, 0.5})).sum(), x, false)[0];
    close(TANH3_HVP, hv);
  }
}

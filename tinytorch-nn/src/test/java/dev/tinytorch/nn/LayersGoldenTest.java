package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Linear and the activation layers against PyTorch 1.13 in float64. Every constant is printed by
 * tools/golden/layers.py (run with /usr/bin/python3), whose inputs match the ones here.
 */
class LayersGoldenTest {
  private static final double TOL = 1e-14;

  static final double[] LINEAR_Y = {-1.2, 0.6, 0.6500000000000001, -0.75};
  static final double[] LINEAR_GRAD_X = {0.5, -0.5, -1.7, -0.55, 1.35, 1.5499999999999998};
  static final double[] LINEAR_GRAD_W = {1.25, 3.5, -0.875, 2.75, 1.625, -6.25};
  static final double[] LINEAR_GRAD_B = {1.5, 1.0};
  static final double[] LEAKY_Y = {-0.2, -0.05, 0.0, 0.5, 3.0};
  static final double[] LEAKY_GRAD = {0.1, -0.1, 0.2, 0.5, -0.25};
  static final double[] SIGMOID_Y = {0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546, 0.9525741268224334};
  static final double[] SIGMOID_GRAD = {0.1049935854035065, -0.2350037122015945, 0.5, 0.11750185610079725, -0.011294164932728};
  static final double[] TANH_Y = {-0.9640275800758169, -0.46211715726000974, 0.0, 0.46211715726000974, 0.9950547536867305};
  static final double[] TANH_GRAD = {0.07065082485316443, -0.7864477329659274, 2.0, 0.3932238664829637, -0.0024665092913600415};
  static final double[] RELU_Y = {0.0, 0.0, 0.0, 0.5, 3.0};
  static final double[] RELU_GRAD = {0.0, 0.0, 0.0, 0.5, -0.25};
  static final double[] GELU_Y = {-0.04550026389635842, -0.15426876936299344, 0.0, 0.34573123063700656, 2.99595030590511};
  static final double[] GELU_GRAD = {-0.08523180107819692, -0.13250487534383712, 1.0, 0.4337475623280814, -0.252986411801046};
  static final double[] GELU_TANH_Y = {-0.04540230591222494, -0.15428599017485606, 0.0, 0.34571400982514394, 2.996362607918227};
  static final double[] GELU_TANH_GRAD = {-0.0860992566236183, -0.13263009646535764, 1.0, 0.4336849517673212, -0.2528960416577424};
  static final double[] SOFTMAX_Y = {0.25949646034241913, 0.7053845126982412, 0.03511902695933973, 0.01746820354063342, 0.028800198738361614, 0.953731597721005};
  static final double[] SOFTMAX_GRAD = {0.3569763052644929, -0.44040682160556227, 0.0834305163410694, 0.058435693785827206, 0.08914412162822222, -0.1475798154140491};
  static final double[] LOG_SOFTMAX_Y = {-1.3490122167681864, -0.34901221676818633, -3.349012216768186, -4.04737299122649, -3.54737299122649, -0.04737299122649002};
  static final double[] LOG_SOFTMAX_GRAD = {0.48100707931516173, -2.4107690253964824, 1.9297619460813205, 0.5393034579664252, 0.3148004471613136, -0.8541039051277387};

  private static final double[] XS = {-2.0, -0.5, 0.0, 0.5, 3.0};
  private static final double[] UP = {1.0, -1.0, 2.0, 0.5, -0.25};

  @Test
  void linearLayerMatchesPyTorch() {
    Linear fc = new Linear(3, 2);
    fc.to(DType.FLOAT64);
    fc.loadStateDict(java.util.Map.of(
        "weight", Tensor.of(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}),
        "bias", Tensor.of(new double[] {0.05, -0.1})));
    Tensor x = Tensor.of(new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}}).requiresGrad(true);
    Tensor y = fc.forward(x);
    y.mul(Tensor.of(new double[][] {{1.0, -2.0}, {0.5, 3.0}})).sum().backward();
    assertArrayEquals(LINEAR_Y, y.toDoubleArray(), TOL);
    assertArrayEquals(LINEAR_GRAD_X, x.grad().toDoubleArray(), TOL);
    assertArrayEquals(LINEAR_GRAD_W, fc.weight().grad().toDoubleArray(), TOL);
    assertArrayEquals(LINEAR_GRAD_B, fc.bias().grad().toDoubleArray(), TOL);
  }

  private static void elementwise(Module m, double[] expectedY, double[] expectedGrad) {
    Tensor x = Tensor.of(XS.clone()).requiresGrad(true);
    Tensor y = m.forward(x);
    y.mul(Tensor.of(UP)).sum().backward();
    assertArrayEquals(expectedY, y.toDoubleArray(), TOL, m.toString());
    assertArrayEquals(expectedGrad, x.grad().toDoubleArray(), TOL, m.toString());
  }

  @Test
  void activationsMatchPyTorch() {
    elementwise(new LeakyReLU(0.1), LEAKY_Y, LEAKY_GRAD);
    elementwise(new Sigmoid(), SIGMOID_Y, SIGMOID_GRAD);
    elementwise(new Tanh(), TANH_Y, TANH_GRAD);
    elementwise(new ReLU(), RELU_Y, RELU_GRAD);
    elementwise(new GELU(), GELU_Y, GELU_GRAD);
    elementwise(new GELU(GeluApproximation.TANH), GELU_TANH_Y, GELU_TANH_GRAD);
  }

  private static void rows(UnaryOperator<Tensor> f, double[] expectedY, double[] expectedGrad) {
    Tensor x = Tensor.of(new double[][] {{1.0, 2.0, -1.0}, {0.0, 0.5, 4.0}}).requiresGrad(true);
    Tensor y = f.apply(x);
    y.mul(Tensor.of(new double[][] {{1.0, -1.0, 2.0}, {0.5, 0.25, -3.0}})).sum().backward();
    assertArrayEquals(expectedY, y.toDoubleArray(), TOL);
    assertArrayEquals(expectedGrad, x.grad().toDoubleArray(), TOL);
  }

  @Test
  void softmaxLayersMatchPyTorch() {
    rows(x -> new Softmax(1).forward(x), SOFTMAX_Y, SOFTMAX_GRAD);
    rows(x -> new LogSoftmax(-1).forward(x), LOG_SOFTMAX_Y, LOG_SOFTMAX_GRAD);
    rows(x -> F.logSoftmax(x, 1), LOG_SOFTMAX_Y, LOG_SOFTMAX_GRAD);
  }
}

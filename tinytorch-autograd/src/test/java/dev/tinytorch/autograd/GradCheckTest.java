package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GradCheck itself: it must pass right rules, catch wrong ones, and leave the caller's tensors alone. */
class GradCheckTest {
  /** x^2 whose backward forgets the factor 2. */
  static final class WrongSquare extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0]);
      return in[0].square();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {gradOutput.mul(savedTensors()[0])};
    }
  }

  /** x^2 with a right first derivative that is not differentiable itself (it detaches x). */
  static final class FlatSquare extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0]);
      return in[0].square();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {gradOutput.mul(savedTensors()[0].detach()).mul(2)};
    }
  }

  private static Tensor randn(long seed, int... shape) {
    return Tensor.randn(new Generator(seed), DType.FLOAT64, shape).requiresGrad(true);
  }

  @Test
  void passesOnCorrectRules() {
    Tensor a = randn(1, 3, 4);
    Tensor b = randn(2, 4, 2);
    GradCheck.Result r = GradCheck.defaults().check(in -> in[0].matmul(in[1]).tanh(), a, b);
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void catchesAWrongRuleAndNamesTheWorstElement() {
    Tensor x = Tensor.of(new double[] {1.0, -3.0, 2.0}).requiresGrad(true);
    GradCheck.Result r = GradCheck.defaults().check(in -> new WrongSquare().apply(in[0]).sum(), x);
    assertFalse(r.passed());
    assertEquals(0, r.input());
    assertArrayEquals(new int[] {1}, r.index()); // largest |x|, largest error
    assertEquals(-6.0, r.numerical(), 1e-6);
    assertEquals(-3.0, r.analytical(), 1e-12);
    AssertionError e = assertThrows(AssertionError.class,
        () -> GradCheck.defaults().assertGradients(in -> new WrongSquare().apply(in[0]).sum(), x));
    assertTrue(e.getMessage().contains("analytical -3.0"), e.getMessage());
  }

  @Test
  void neverChangesTheCallersInputs() {
    Tensor x = Tensor.of(new float[] {0.5f, 1.5f}).requiresGrad(true);
    GradCheck.Result r = GradCheck.defaults().check(in -> in[0].exp().sum(), x);
    assertTrue(r.passed(), r.toString());
    assertArrayEquals(new float[] {0.5f, 1.5f}, x.toFloatArray());
    assertEquals(0, x.version());
    assertNull(x.grad());
  }

  @Test
  void constantsArePassedThroughUnchecked() {
    Tensor x = randn(3, 5);
    Tensor c = Tensor.randn(new Generator(4), DType.FLOAT64, 5);
    assertTrue(GradCheck.defaults().check(in -> in[0].mul(in[1]).sum(), x, c).passed());
  }

  @Test
  void refusesWhenNothingRequiresGrad() {
    Tensor c = Tensor.of(new double[] {1.0});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().check(in -> in[0].sum(), c));
    assertTrue(e.getMessage().contains("requiresGrad(true)"), e.getMessage());
  }

  @Test
  void secondOrderCheckPassesForRealRulesAndCatchesFlatOnes() {
    Tensor x = randn(5, 4);
    assertTrue(GradCheck.defaults().checkSecondOrder(in -> in[0].pow(3).sum(), x).passed());
    assertTrue(GradCheck.defaults().checkSecondOrder(in -> new WrongSquare().apply(in[0]).sum(), x).passed(),
        "the wrong first derivative x is still differentiated correctly (to 1)");
    GradCheck.Result flat = GradCheck.defaults().checkSecondOrder(in -> new FlatSquare().apply(in[0]).sum(), x);
    assertFalse(flat.passed(), flat.toString());
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().withEps(0));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().withAtol(-1));
  }
}

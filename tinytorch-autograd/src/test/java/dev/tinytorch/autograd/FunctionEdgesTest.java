package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.GradFn;
import dev.tinytorch.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node's edges: producers, leaves, and the shape and dtype a gradient sent along each edge must
 * have (taken from the producer's output, or from the input itself when its gradFn was set by hand).
 */
class FunctionEdgesTest {
  /** Identity as a user's rule. */
  static final class Ident extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].clone();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {gradOutput};
    }
  }

  @Test
  void edgesNameProducersAndLeavesAndSkipInputsWithoutGrad() {
    Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
    Tensor x = Tensor.of(new double[] {3, 4});
    Tensor h = w.mul(x);
    Function add = (Function) h.add(w).add(x).gradFn();
    List<GradFn> next = add.nextFunctions();
    assertEquals(2, next.size());
    assertEquals("AddBackward", next.get(0).name());
    assertNull(next.get(1), "x needs no gradient");
    assertTrue(add.needsInputGrad(0));
    assertFalse(add.needsInputGrad(1));
    Function inner = (Function) next.get(0);
    assertSame(h.gradFn(), inner.nextFunctions().get(0));
    assertNull(inner.nextFunctions().get(1), "w is a leaf: no producer");
    assertTrue(inner.needsInputGrad(1));
  }

  @Test
  void aGradientIsCastToTheDtypeOfTheNodeThatProducedTheInput() {
    Tensor w = Tensor.of(new float[] {1f, 2f}).requiresGrad(true);
    Tensor h = w.mul(2.0); // FLOAT32
    Tensor y = h.mul(Tensor.of(new double[] {0.5, 0.25})).sum(); // FLOAT64 from here on
    assertSame(DType.FLOAT64, y.dtype());
    y.backward();
    assertSame(DType.FLOAT32, w.grad().dtype());
    assertArrayEquals(new double[] {1.0, 0.5}, w.grad().toDoubleArray());
  }

  @Test
  void aBroadcastGradientIsSummedToTheShapeOfTheProducersOutput() {
    Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
    Tensor h = w.mul(2.0).reshape(1, 3);
    h.mul(Tensor.ones(DType.FLOAT64, 4, 3)).sum().backward(); // h's gradient arrives as [4, 3]
    assertArrayEquals(new double[] {8, 8, 8}, w.grad().toDoubleArray());
  }

  @Test
  void aGradFnSetByHandOnATensorOfAnotherShapeKeepsThatTensorsShape() {
    Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
    Tensor y = new Ident().apply(x); // the node's output is [3]
    Tensor z = Tensor.of(new double[] {4}).setGradFn(y.gradFn()); // [1], pointing at the same node
    Tensor out = z.mul(Tensor.of(new double[] {1, 1, 1})).sum();
    // z's gradient is summed to z's shape [1] (not left at the node's [3]), so Ident hands x a
    // [1] gradient, which the engine refuses naming the rule.
    IllegalStateException e = assertThrows(IllegalStateException.class, out::backward);
    assertTrue(e.getMessage().contains("Ident") && e.getMessage().contains("[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("[3]"), e.getMessage());
  }
}

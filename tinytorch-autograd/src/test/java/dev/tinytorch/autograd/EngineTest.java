package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine: ordering, accumulation, freeing, version checks, grad mode and the seed's recursion bugs. */
class EngineTest {
  private static Tensor leaf(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  /** Identity that counts how often its backward runs. */
  static final class Counting extends Function {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].clone();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      CALLS.incrementAndGet();
      return new Tensor[] {gradOutput};
    }
  }

  @Test
  void hundredThousandChainedOpsBackPropagateWithoutRecursion() {
    Tensor x = leaf(1.0);
    Tensor y = x;
    int n = 100_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      y = y.mul(1.00001);
    }
    y.sum().backward();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("100,000-op chain forward+backward: " + ms + " ms");
    // d/dx of x * 1.00001^n, the same product computed directly
    assertEquals(Math.pow(1.00001, n), x.grad().item(), 1e-9 * Math.pow(1.00001, n));
  }

  @Test
  void sharedSubgraphRunsEachNodeOnce() {
    // TinyTorch's recursive backward walks y = y + y 2^depth times; ours once per node.
    Tensor x = leaf(1.0);
    Tensor y = x;
    int depth = 20;
    Counting.CALLS.set(0);
    for (int i = 0; i < depth; i++) {
      y = new Counting().apply(y.add(y));
    }
    long t0 = System.nanoTime();
    y.backward();
    System.out.println("20 nested shared doublings backward: " + (System.nanoTime() - t0) / 1000 + " us");
    assertEquals(depth, Counting.CALLS.get());
    assertEquals(1 << depth, x.grad().item());
  }

  @Test
  void nonScalarOutputNeedsAGradient() {
    Tensor x = leaf(1, 2, 3);
    Tensor y = x.mul(2);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("backward(gradient)"), e.getMessage());
    assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    y.backward(Tensor.of(new double[] {1, 10, 100}));
    assertArrayEquals(new double[] {2, 20, 200}, x.grad().toDoubleArray());
  }

  @Test
  void gradientOfWrongShapeIsRefused() {
    Tensor y = leaf(1, 2, 3).mul(2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.of(new double[] {1, 2})));
    assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
  }

  @Test
  void gradientsAccumulateAndZeroGradClears() {
    Tensor x = leaf(2.0);
    x.mul(x).backward(); // 2x = 4
    x.mul(3).backward(); // + 3
    assertEquals(7.0, x.grad().item());
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void secondBackwardThroughFreedGraphFails() {
    Tensor x = leaf(3.0);
    Tensor y = x.mul(x);
    y.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("second time"), e.getMessage());
    assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
  }

  @Test
  void retainGraphAllowsASecondBackward() {
    Tensor x = leaf(3.0);
    Tensor y = x.mul(x);
    y.backward(Tensor.onesLike(y), true, false);
    y.backward(Tensor.onesLike(y), false, false);
    assertEquals(12.0, x.grad().item());
  }

  @Test
  void inPlaceChangeOfASavedTensorIsDetected() {
    Tensor w = leaf(1.0, 2.0);
    Tensor x = Tensor.of(new double[] {3.0, 4.0});
    Tensor loss = w.mul(x).sum();
    x.addInPlace(Tensor.of(new double[] {1, 1})); // x is saved by MulBackward for w's gradient
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("MulBackward"), e.getMessage());
    assertTrue(e.getMessage().contains("in-place"), e.getMessage());
    assertTrue(e.getMessage().contains("version 0") && e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void leafThatRequiresGradCannotChangeInPlaceWhileRecording() {
    Tensor w = leaf(1.0, 2.0);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> w.addInPlace(Tensor.of(new double[] {1, 1})));
    assertTrue(e.getMessage().contains("GradMode.off()"), e.getMessage());
    assertArrayEquals(new double[] {1.0, 2.0}, w.toDoubleArray());
    try (var off = GradMode.off()) {
      w.addInPlace(Tensor.of(new double[] {1, 1}), -0.5);
    }
    assertArrayEquals(new double[] {0.5, 1.5}, w.toDoubleArray());
    assertEquals(1, w.version());
  }

  @Test
  void gradModeScopesNestAndAreThreadLocal() throws Exception {
    Tensor x = leaf(1.0);
    try (var off = GradMode.off()) {
      assertFalse(x.mul(2).requiresGrad());
      try (var on = GradMode.on()) {
        assertTrue(x.mul(2).requiresGrad());
      }
      assertFalse(GradMode.isEnabled());
      boolean[] otherThread = new boolean[1];
      Thread t = new Thread(() -> otherThread[0] = GradMode.isEnabled());
      t.start();
      t.join();
      assertTrue(otherThread[0], "another thread keeps its own grad mode");
    }
    assertTrue(GradMode.isEnabled());
    assertTrue(x.mul(2).requiresGrad());
  }

  @Test
  void detachCutsTheGraph() {
    Tensor x = leaf(2.0);
    Tensor y = x.mul(3);
    Tensor d = y.detach();
    assertFalse(d.requiresGrad());
    assertTrue(d.isLeaf());
    assertEquals(6.0, d.item());
    y.mul(d).backward(); // d is a constant: grad = 3 * d
    assertEquals(18.0, x.grad().item());
  }

  @Test
  void requiresGradFalseOnANonLeafIsRefused() {
    Tensor y = leaf(1.0).mul(2);
    assertFalse(y.isLeaf());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
    assertTrue(e.getMessage().contains("detach()"), e.getMessage());
  }

  @Test
  void backwardOfATensorThatNeedsNoGradFails() {
    Tensor y = Tensor.of(new double[] {1.0}).mul(2);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("requiresGrad(true)"), e.getMessage());
  }

  @Test
  void broadcastGradientsAreSummedBackToTheInputShape() {
    Tensor bias = leaf(1, 2, 3);
    Tensor x = Tensor.ones(DType.FLOAT64, 4, 3).requiresGrad(true);
    x.add(bias).sum().backward();
    assertArrayEquals(new double[] {4, 4, 4}, bias.grad().toDoubleArray());
    assertArrayEquals(new int[] {4, 3}, x.grad().shape());
  }

  @Test
  void gradientKeepsTheLeafDtype() {
    Tensor w = Tensor.of(new float[] {1f, 2f}).requiresGrad(true);
    Tensor x = Tensor.of(new double[] {0.5, 0.25});
    w.mul(x).sum().backward();
    assertSame(DType.FLOAT32, w.grad().dtype());
    assertArrayEquals(new double[] {0.5, 0.25}, w.grad().toDoubleArray());
  }

  @Test
  void leafGradientsNeverAliasEachOther() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    a.add(b).sum().backward();
    try (var off = GradMode.off()) {
      a.grad().mulInPlace(10);
    }
    assertArrayEquals(new double[] {1, 1}, b.grad().toDoubleArray());
  }

  @Test
  void backwardOnALeafSetsItsGrad() {
    Tensor x = Tensor.scalar(5.0, DType.FLOAT64).requiresGrad(true);
    x.backward();
    assertEquals(1.0, x.grad().item());
  }

  @Test
  void customFunctionTakesPartInTheGraph() {
    final class Cube extends Function {
      @Override
      protected Tensor forward(Tensor... in) {
        saveForBackward(in[0]);
        return in[0].pow(3);
      }

      @Override
      public Tensor[] backward(Tensor gradOutput) {
        Tensor x = savedTensors()[0];
        return new Tensor[] {gradOutput.mul(x.square()).mul(3)};
      }
    }
    Tensor x = leaf(2.0);
    Tensor y = new Cube().apply(x).mul(2);
    assertEquals("Cube", y.gradFn() instanceof Function f ? ((Function) f.nextFunctions().get(0)).name() : "");
    y.backward();
    assertEquals(24.0, x.grad().item());
  }

  @Test
  void gradFnNamesFollowPyTorch() {
    Tensor x = leaf(1.0, 2.0);
    assertEquals("MulBackward", x.mul(x).gradFn().name());
    assertEquals("SumBackward", x.sum().gradFn().name());
    assertEquals("MatmulBackward", x.matmul(x).gradFn().name());
    assertNull(x.gradFn());
  }
}

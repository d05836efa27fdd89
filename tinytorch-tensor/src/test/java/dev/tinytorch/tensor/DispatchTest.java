package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * tinytorch-tensor on its own: the plain op table is in use, backward() says which module to add,
 * and the dormant gradient slots behave as plain fields.
 */
class DispatchTest {
  @Test
  void withoutAutogradThePlainTableIsInUse() {
    assertSame(KernelOps.INSTANCE, Dispatch.current());
    assertFalse(Dispatch.current().isGradEnabled());
  }

  @Test
  void backwardSaysToAddTinytorchAutograd() {
    Tensor loss = Tensor.scalar(2).requiresGrad(true);
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("backward:"), e.getMessage());
    assertTrue(e.getMessage().contains("dev.tinytorch:tinytorch-autograd"), e.getMessage());
    Tensor v = Tensor.zeros(2).requiresGrad(true);
    IllegalStateException withGradient = assertThrows(IllegalStateException.class,
        () -> v.backward(Tensor.ones(2), true, true));
    assertTrue(withGradient.getMessage().contains("tinytorch-autograd"), withGradient.getMessage());
    IllegalStateException nullGradient = assertThrows(IllegalStateException.class, () -> loss.backward(null));
    assertTrue(nullGradient.getMessage().contains("tinytorch-autograd"), nullGradient.getMessage());
    assertNull(loss.grad());
  }

  @Test
  void backwardChecksItsArgumentsFirst() {
    Tensor v = Tensor.zeros(2, 3);
    IllegalStateException implicit = assertThrows(IllegalStateException.class, v::backward);
    assertTrue(implicit.getMessage().contains("only for one-element outputs"), implicit.getMessage());
    assertTrue(implicit.getMessage().contains("[2, 3]"), implicit.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> v.backward(Tensor.ones(3)));
    assertTrue(shape.getMessage().contains("backward: gradient shape [3] differs from the output shape [2, 3]"),
        shape.getMessage());
  }

  @Test
  void requiresGradIsAFlagOnLeaves() {
    Tensor t = Tensor.zeros(2);
    assertFalse(t.requiresGrad());
    assertTrue(t.isLeaf());
    assertSame(t, t.requiresGrad(true));
    assertTrue(t.requiresGrad());
    assertTrue(t.isLeaf());
    t.requiresGrad(false);
    assertFalse(t.requiresGrad());
  }

  @Test
  void gradSlotHoldsATensorOfTheSameShape() {
    Tensor t = Tensor.zeros(2, 2).requiresGrad(true);
    assertNull(t.grad());
    Tensor g = Tensor.ones(2, 2);
    t.setGrad(g);
    assertSame(g, t.grad());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setGrad(Tensor.ones(4)));
    assertTrue(e.getMessage().contains("setGrad: gradient shape [4] differs from tensor shape [2, 2]"), e.getMessage());
    assertSame(g, t.grad(), "a refused setGrad keeps the old gradient");
    t.zeroGrad();
    assertNull(t.grad());
    t.setGrad(g);
    t.setGrad(null);
    assertNull(t.grad());
  }

  @Test
  void gradFnMarksANonLeafThatRequiresGrad() {
    Tensor t = Tensor.zeros(3);
    GradFn fn = () -> "AddBackward0";
    assertSame(t, t.setGradFn(fn));
    assertSame(fn, t.gradFn());
    assertEquals("AddBackward0", t.gradFn().name());
    assertFalse(t.isLeaf());
    assertTrue(t.requiresGrad());
  }

  @Test
  void detachSharesDataButNotTheGraph() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).t().requiresGrad(true);
    t.setGrad(Tensor.ones(2, 2));
    Tensor d = t.detach();
    assertNotSame(t, d);
    assertFalse(d.requiresGrad());
    assertTrue(d.isLeaf());
    assertNull(d.grad());
    assertNull(d.gradFn());
    assertArrayEquals(t.shape(), d.shape());
    assertArrayEquals(t.stride(), d.stride());
    d.fill(0);
    assertEquals(1, t.version(), "detach shares storage and version counter");
    assertArrayEquals(new double[4], t.toDoubleArray(), 0.0);

    Tensor nonLeaf = Tensor.ones(2).setGradFn(() -> "MulBackward0");
    Tensor cut = nonLeaf.detach();
    assertTrue(cut.isLeaf());
    assertFalse(cut.requiresGrad());
    assertNull(cut.gradFn());
  }

  @Test
  void thePlainTableRecordsNothing() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
    for (Tensor y : new Tensor[] {x.t(), x.reshape(4), x.unsqueeze(0), x.narrow(0, 0, 1), x.expand(3, 2, 2),
        Tensor.cat(new Tensor[] {x, x}, 0), x.contiguous(), x.to(DType.FLOAT32)}) {
      assertNull(y.gradFn());
      assertTrue(y.isLeaf());
    }
    assertFalse(x.t().requiresGrad(), "a view made by the plain table does not inherit requiresGrad");
  }
}

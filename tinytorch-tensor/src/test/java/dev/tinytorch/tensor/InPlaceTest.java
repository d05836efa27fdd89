package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The in-place writes optimizers use: values on contiguous and strided targets, broadcasting and
 * dtype conversion of the source, the version counter, and refusals that leave the tensor as it
 * was.
 */
class InPlaceTest {
  private static Tensor m23() {
    return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
  }

  /** Runs a call that must be refused and checks it changed neither the values nor the version. */
  private static <E extends RuntimeException> E refused(Class<E> type, Tensor target, Executable call,
      String... fragments) {
    double[] before = target.toDoubleArray();
    int version = target.version();
    E e = assertThrows(type, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
    assertArrayEquals(before, target.toDoubleArray(), 0.0, "a refused call left values changed");
    assertEquals(version, target.version(), "a refused call bumped the version");
    return e;
  }

  @Test
  void copyFromWritesValuesAndReturnsTheTarget() {
    Tensor t = m23();
    Tensor r = t.copyFrom(Tensor.of(new double[] {6, 5, 4, 3, 2, 1}, 2, 3));
    assertSame(t, r);
    assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, t.toDoubleArray(), 0.0);
    assertEquals(1, t.version());
  }

  @Test
  void copyFromBroadcastsAndConvertsTheSource() {
    Tensor t = Tensor.zeros(2, 3);
    t.copyFrom(Tensor.of(new double[] {0.1, 0.2, 0.3}));
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f}, t.toFloatArray(), 0f);
    assertEquals(DType.FLOAT32, t.dtype());
    Tensor d = Tensor.zeros(DType.FLOAT64, 2, 2);
    d.copyFrom(Tensor.scalar(0.1));
    assertArrayEquals(new double[] {0.1f, 0.1f, 0.1f, 0.1f}, d.toDoubleArray(), 0.0);
    d.copyFrom(Tensor.of(new double[] {1, 2}, 2, 1));
    assertArrayEquals(new double[] {1, 1, 2, 2}, d.toDoubleArray(), 0.0);
  }

  @Test
  void writesThroughStridedViewsReachOnlyTheirElements() {
    Tensor base = m23();
    base.t().copyFrom(Tensor.of(new double[] {10, 40, 20, 50, 30, 60}, 3, 2));
    assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, base.toDoubleArray(), 0.0);
    base.narrow(1, 1, 2).fill(0);
    assertArrayEquals(new double[] {10, 0, 0, 40, 0, 0}, base.toDoubleArray(), 0.0);
    base.select(1, 0).zero();
    assertArrayEquals(new double[6], base.toDoubleArray(), 0.0);
    Tensor every = Tensor.arange(DType.FLOAT64, 0, 12, 1).reshape(3, 4);
    every.narrow(0, 1, 2).narrow(1, 1, 2).t().fill(-1);
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, -1, -1, 7, 8, -1, -1, 11}, every.toDoubleArray(), 0.0);
    assertEquals(3, base.version());
  }

  @Test
  void copyFromASourceSharingTheTargetsStorageReadsItBeforeWriting() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    t.copyFrom(t.t());
    assertArrayEquals(new double[] {1, 3, 2, 4}, t.toDoubleArray(), 0.0);
    Tensor v = Tensor.of(new double[] {1, 2, 3, 4});
    v.narrow(0, 1, 3).copyFrom(v.narrow(0, 0, 3));
    assertArrayEquals(new double[] {1, 1, 2, 3}, v.toDoubleArray(), 0.0);
  }

  @Test
  void fillAndZero() {
    Tensor s = Tensor.scalar(3);
    assertSame(s, s.fill(2.5));
    assertEquals(2.5, s.item());
    Tensor f = Tensor.ones(3);
    f.fill(Double.NaN);
    assertTrue(Double.isNaN(f.get(1)));
    f.zero();
    assertArrayEquals(new double[3], f.toDoubleArray(), 0.0);
    assertEquals(2, f.version());
    // A size-1 dim with stride 0 names one element once, so writing through it is fine.
    Tensor one = Tensor.scalar(1, DType.FLOAT64);
    one.expand(1, 1).fill(7);
    assertEquals(7.0, one.item());
  }

  @Test
  void expandedViewsAreRefused() {
    Tensor small = Tensor.of(new double[] {1, 2, 3});
    Tensor wide = small.expand(2, 3);
    refused(IllegalArgumentException.class, small, () -> wide.fill(0), "fill:", "expanded view", "[2, 3]",
        "strides [0, 1]", "contiguous()");
    refused(IllegalArgumentException.class, small, () -> wide.copyFrom(Tensor.zeros(2, 3)), "copyFrom:",
        "expanded view");
    refused(IllegalArgumentException.class, small, () -> wide.zero(), "fill:");
  }

  @Test
  void shapesThatDoNotFitAreRefused() {
    Tensor t = m23();
    refused(IllegalArgumentException.class, t, () -> t.copyFrom(Tensor.zeros(4)), "copyFrom:", "[2, 3]", "[4]",
        "cannot be broadcast");
    refused(IllegalArgumentException.class, t, () -> t.copyFrom(Tensor.zeros(2, 2, 3)), "copyFrom:",
        "shape [2, 2, 3] does not fit a tensor of shape [2, 3]");
  }

  @Test
  void tensorsInAGraphAreRefused() {
    Tensor t = m23().setGradFn(() -> "MulBackward0");
    refused(IllegalStateException.class, t, () -> t.fill(0), "fill:", "produced by MulBackward0", "out-of-place");
    refused(IllegalStateException.class, t, () -> t.copyFrom(m23()), "copyFrom:", "MulBackward0");
  }

  @Test
  void leavesThatRequireGradCanBeUpdatedWhileNothingRecords() {
    // Without tinytorch-autograd gradients are never recorded, so parameters may be written freely.
    Tensor p = m23().requiresGrad(true);
    p.fill(1);
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, p.toDoubleArray(), 0.0);
    assertTrue(p.requiresGrad());
  }

  @Test
  void everyWriteBumpsTheVersionOnce() {
    Tensor t = Tensor.zeros(3);
    assertEquals(0, t.version());
    t.fill(1);
    t.zero();
    t.copyFrom(Tensor.ones(3));
    assertEquals(3, t.version());
    Tensor view = t.narrow(0, 0, 1);
    view.fill(5);
    assertEquals(4, t.version());
    assertEquals(4, view.version());
  }

  @Test
  void addInPlaceWithAndWithoutAlpha() {
    Tensor t = m23();
    assertSame(t, t.addInPlace(Tensor.of(new double[] {1, 1, 1})));
    assertArrayEquals(new double[] {2, 3, 4, 5, 6, 7}, t.toDoubleArray(), 0.0);
    t.addInPlace(Tensor.of(new double[] {10, 20, 30, 40, 50, 60}, 2, 3), -0.5);
    assertArrayEquals(new double[] {-3, -7, -11, -15, -19, -23}, t.toDoubleArray(), 0.0);
    assertEquals(2, t.version());
    Tensor f = Tensor.zeros(2);
    f.addInPlace(Tensor.of(new double[] {0.1, 0.2}), 3);
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new float[] {(float) 0.3, (float) 0.6}, f.toFloatArray(), 1e-7f);
  }

  @Test
  void subAndMulInPlaceOnStridedViews() {
    Tensor base = m23();
    base.t().subInPlace(Tensor.of(new double[] {1, 2}));
    assertArrayEquals(new double[] {0, 1, 2, 2, 3, 4}, base.toDoubleArray(), 0.0);
    base.narrow(1, 1, 2).mulInPlace(10);
    assertArrayEquals(new double[] {0, 10, 20, 2, 30, 40}, base.toDoubleArray(), 0.0);
    assertEquals(2, base.version());
  }

  @Test
  void refusedArithmeticLeavesTheTensorUnchanged() {
    Tensor t = m23();
    refused(IllegalArgumentException.class, t, () -> t.addInPlace(Tensor.zeros(DType.FLOAT64, 2, 2, 3)), "addInPlace:",
        "does not fit");
    refused(IllegalArgumentException.class, t, () -> t.subInPlace(Tensor.zeros(DType.FLOAT64, 4)), "[2, 3]", "[4]");
    Tensor wide = Tensor.of(new double[] {1, 2, 3}).expand(2, 3);
    refused(IllegalArgumentException.class, wide, () -> wide.mulInPlace(2), "mulInPlace:", "expanded view");
    refused(IllegalArgumentException.class, wide, () -> wide.addInPlace(Tensor.ones(DType.FLOAT64, 3), 2),
        "addInPlace:", "expanded view");
  }
}

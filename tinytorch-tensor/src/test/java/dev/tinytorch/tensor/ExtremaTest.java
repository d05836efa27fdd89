package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** argmax/argmin (first index on ties, NaN as the extremum) and the first-extremum mask. */
class ExtremaTest {
  private static final double NAN = Double.NaN;
  private static final KernelOps K = KernelOps.INSTANCE;

  /** [[3, 1, 3], [0, 5, 5]]: ties in both rows. */
  private static Tensor ties() {
    return Tensor.of(new double[] {3, 1, 3, 0, 5, 5}, 2, 3);
  }

  private static void assertIndices(Tensor t, int[] shape, double... values) {
    assertEquals(DType.FLOAT64, t.dtype(), "indices are FLOAT64");
    assertArrayEquals(shape, t.shape());
    assertArrayEquals(values, t.toDoubleArray(), 0.0);
  }

  @Test
  void argmaxAndArgminTakeTheFirstIndexOnTies() {
    Tensor x = ties();
    assertIndices(x.argmax(), new int[0], 4);
    assertIndices(x.argmin(), new int[0], 3);
    assertIndices(x.argmax(1, false), new int[] {2}, 0, 1);
    assertIndices(x.argmin(-1, true), new int[] {2, 1}, 1, 0);
    assertIndices(x.argmax(0, false), new int[] {3}, 0, 1, 1);
    assertIndices(x.argmin(0, true), new int[] {1, 3}, 1, 0, 0);
    assertIndices(Tensor.of(new float[] {2, 2, 2}).argmax(), new int[0], 0);
    assertIndices(Tensor.of(new float[] {2, 2, 2}).argmin(0, false), new int[0], 0);
  }

  @Test
  void argOfViewsIndexesTheView() {
    Tensor t = ties().t(); // [[3, 0], [1, 5], [3, 5]]
    assertIndices(t.argmax(0, false), new int[] {2}, 0, 1);
    assertIndices(t.argmax(1, false), new int[] {3}, 0, 1, 1);
    assertIndices(t.argmax(), new int[0], 3); // flattened in the view's row-major order
    assertIndices(t.argmin(), new int[0], 1);
    Tensor n = Tensor.arange(DType.FLOAT32, 0, 12, 1).reshape(3, 4).narrow(1, 1, 2); // [[1,2],[5,6],[9,10]]
    assertIndices(n.argmax(), new int[0], 5);
    assertIndices(n.argmin(0, false), new int[] {2}, 0, 0);
  }

  @Test
  void nanIsTheExtremumForBothArgmaxAndArgmin() {
    Tensor x = Tensor.of(new double[] {1, NAN, 5, NAN});
    assertIndices(x.argmax(), new int[0], 1);
    assertIndices(x.argmin(), new int[0], 1);
    Tensor y = Tensor.of(new double[] {9, 1, 2, NAN}, 2, 2);
    assertIndices(y.argmax(1, false), new int[] {2}, 0, 1);
    assertIndices(y.argmin(0, false), new int[] {2}, 1, 1);
  }

  @Test
  void zeroDimensionalInputHasIndexZero() {
    Tensor s = Tensor.scalar(4.0);
    assertIndices(s.argmax(), new int[0], 0);
    assertIndices(s.argmin(0, true), new int[0], 0);
  }

  @Test
  void emptyInputsAreRejectedWithOpAndShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).argmax());
    assertTrue(e.getMessage().startsWith("argmax: the tensor of shape [0, 3] is empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).argmin(0, false));
    assertTrue(e.getMessage().startsWith("argmin: cannot reduce over dim 0 of size 0 in shape [0, 3]"), e.getMessage());
    // reducing a non-empty dim of an empty tensor is fine: an empty result
    assertIndices(Tensor.zeros(0, 3).argmax(1, false), new int[] {0});
  }

  @Test
  void maskMarksTheFirstExtremumOfEachGroup() {
    Tensor x = ties();
    assertMask(K.extremumMask(x, new int[] {1}, true), DType.FLOAT64, 1, 0, 0, 0, 1, 0);
    assertMask(K.extremumMask(x, new int[] {1}, false), DType.FLOAT64, 0, 1, 0, 1, 0, 0);
    assertMask(K.extremumMask(x, new int[] {0}, true), DType.FLOAT64, 1, 0, 0, 0, 1, 1);
    assertMask(K.extremumMask(x, new int[] {0, 1}, true), DType.FLOAT64, 0, 0, 0, 0, 1, 0);
    assertMask(K.extremumMask(x, new int[] {0, 1}, false), DType.FLOAT64, 0, 0, 0, 1, 0, 0);
    // no reduced dims: every element is its own group
    assertMask(K.extremumMask(x, new int[0], true), DType.FLOAT64, 1, 1, 1, 1, 1, 1);
  }

  @Test
  void maskOfFloat32ViewsKeepsShapeAndDtype() {
    Tensor b = Tensor.of(new float[] {2, 7, 7, 1, 0, 7, 4, 4}, 2, 2, 2);
    // over dims {0, 2} group j holds (i, k) in row-major order: j=0 -> 2,7,0,7 ; j=1 -> 7,1,4,4
    Tensor m = K.extremumMask(b, new int[] {0, 2}, true);
    assertMask(m, DType.FLOAT32, 0, 1, 1, 0, 0, 0, 0, 0);
    assertArrayEquals(new int[] {2, 2, 2}, m.shape());
    Tensor t = b.permute(2, 0, 1); // element (k, i, j) = b[i, j, k]
    Tensor mt = K.extremumMask(t, new int[] {0}, false);
    assertArrayEquals(K.extremumMask(t.contiguous(), new int[] {0}, false).toDoubleArray(), mt.toDoubleArray(), 0.0);
    assertArrayEquals(new int[] {2, 2, 2}, mt.shape());
  }

  @Test
  void maskTreatsNanAsTheExtremumAndHandlesEdgeShapes() {
    Tensor x = Tensor.of(new double[] {1, NAN, NAN, 3}, 2, 2);
    assertMask(K.extremumMask(x, new int[] {1}, true), DType.FLOAT64, 0, 1, 1, 0);
    assertMask(K.extremumMask(x, new int[] {0, 1}, false), DType.FLOAT64, 0, 1, 0, 0);
    assertMask(K.extremumMask(Tensor.scalar(2.0), new int[0], true), DType.FLOAT32, 1);
    assertArrayEquals(new int[] {0, 3}, K.extremumMask(Tensor.zeros(0, 3), new int[] {0}, true).shape());
  }

  private static void assertMask(Tensor m, DType dtype, double... values) {
    assertEquals(dtype, m.dtype());
    assertTrue(m.isContiguous());
    assertArrayEquals(values, m.toDoubleArray(), 0.0);
  }
}

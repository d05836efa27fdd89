package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * {@code addInPlace} of a row over every row of a dense tensor (InPlace's fused path, which
 * F.linear uses to add its bias without a graph) gives bit for bit what the broadcasting
 * {@code add} gives, in both float dtypes, and counts as one write.
 */
class InPlaceRowsTest {
  @Test
  void rowAddedInPlaceEqualsTheBroadcastAdd() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Generator g = new Generator(3);
      Tensor y = Tensor.randn(g, dtype, 2, 3, 5);
      Tensor row = Tensor.randn(g, dtype, 5);
      Tensor plane = Tensor.randn(g, dtype, 3, 5);
      Tensor expected = y.add(row);
      Tensor expectedPlane = y.add(row).add(plane);
      int version = y.version();
      Tensor r = y.addInPlace(row);
      assertSame(y, r);
      assertEquals(version + 1, y.version(), dtype + ": one write");
      assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 0.0, dtype + ": row");
      y.addInPlace(plane);
      assertArrayEquals(expectedPlane.toDoubleArray(), y.toDoubleArray(), 0.0, dtype + ": trailing [3, 5]");
    }
  }

  @Test
  void rowOfAViewAddsFromItsOffset() {
    Tensor y = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).to(DType.FLOAT32);
    Tensor source = Tensor.of(new double[] {100, 10, 20, 30}).to(DType.FLOAT32).narrow(0, 1, 3);
    y.addInPlace(source);
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, y.toDoubleArray(), 0.0);
  }
}

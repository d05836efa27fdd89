package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sumToSize, the inverse of broadcasting that autograd reduces gradients with. */
class SumToSizeTest {
  private final Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void sumsLeadingAndSizeOneDims() {
    assertArrayEquals(new double[] {5, 7, 9}, x.sumToSize(3).toDoubleArray());
    assertArrayEquals(new int[] {3}, x.sumToSize(3).shape());
    assertArrayEquals(new double[] {6, 15}, x.sumToSize(2, 1).toDoubleArray());
    assertArrayEquals(new int[] {2, 1}, x.sumToSize(2, 1).shape());
    assertArrayEquals(new double[] {21}, x.sumToSize(1, 1).toDoubleArray());
    assertArrayEquals(new int[0], x.sumToSize().shape());
    assertArrayEquals(new double[] {21}, x.sumToSize().toDoubleArray());
  }

  @Test
  void sameShapeIsTheTensorItself() {
    assertSame(x, x.sumToSize(2, 3));
  }

  @Test
  void worksOnViews() {
    Tensor t = x.transpose(0, 1); // [3, 2]
    assertArrayEquals(new double[] {6, 15}, t.sumToSize(1, 2).toDoubleArray());
  }

  @Test
  void refusesShapesThatDoNotBroadcast() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sumToSize(2));
    assertTrue(e.getMessage().contains("sumToSize") && e.getMessage().contains("[2, 3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> x.sumToSize(1, 2, 3, 1));
  }
}

package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Dtype conversions of dense rows ({@link Strided}'s unit-stride widen and narrow loops) at rows
 * that start at other offsets than the rows they are written to: views into larger tensors, rows
 * of a narrowed matrix, a copy large enough to be split between threads mid-row, and a transposed
 * view that still takes the strided loop. Every value must be the exact cast.
 */
class ConversionRowsTest {
  /** Values that are not floats, so narrowing rounds, with both signs and a few specials. */
  private static double value(int i) {
    return switch (i % 97) {
      case 0 -> Double.NaN;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> -0.0;
      case 3 -> 1e300; // overflows to infinity as a float
      case 4 -> 1e-300; // underflows to zero as a float
      default -> ((i * 7919) % 1009) * 0.0137 - 6.9 + 1.0 / (3 + i);
    };
  }

  private static Tensor source(DType dtype, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = value(i);
    }
    return Tensor.of(v, n).to(dtype);
  }

  private static double cast(DType to, double v) {
    return to == DType.FLOAT32 ? (float) v : v;
  }

  /** Element by element through get(), which reads storage directly, not through the copy loops under test. */
  private static void assertConverted(String what, Tensor from, Tensor to) {
    assertEquals(from.numel(), to.numel(), what + ": numel");
    int rows = from.dim() == 1 ? 1 : from.size(0);
    int cols = from.size(from.dim() - 1);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double x = from.dim() == 1 ? from.get(c) : from.get(r, c);
        double y = from.dim() == 1 ? to.get(c) : to.get(r, c);
        double want = cast(to.dtype(), x);
        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(y),
            what + " at " + r + "," + c + ": " + want + " vs " + y);
      }
    }
  }

  private static DType other(DType d) {
    return d == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
  }

  @Test
  void offsetViewsConvertEveryElementExactly() {
    for (DType dtype : DType.values()) {
      for (int n : new int[] {1, 2, 7, 16, 17, 1000}) {
        Tensor view = source(dtype, n + 5).narrow(0, 5, n);
        assertEquals(5, view.offset);
        Tensor out = view.to(other(dtype));
        assertEquals(0, out.offset);
        assertConverted(dtype + " -> " + other(dtype) + " n " + n, view, out);
      }
    }
  }

  @Test
  void rowsOfANarrowedMatrixConvertToTheirOwnRows() {
    for (DType dtype : DType.values()) {
      // Source rows are 9 apart and start at 3, destination rows are 5 apart and start at 0.
      Tensor view = source(dtype, 4 * 9).reshape(4, 9).narrow(1, 3, 5);
      assertConverted(dtype + " narrowed rows", view, view.to(other(dtype)));
      Tensor target = Tensor.zeros(other(dtype), 4, 5);
      target.copyFrom(view);
      assertConverted(dtype + " copyFrom", view, target);
    }
  }

  @Test
  void aCopySplitBetweenThreadsMidRowConvertsEveryElement() {
    for (DType dtype : DType.values()) {
      int cols = 50_001;
      Tensor view = source(dtype, 3 * (cols + 2)).reshape(3, cols + 2).narrow(1, 2, cols);
      assertConverted(dtype + " large narrowed", view, view.to(other(dtype)));
    }
  }

  @Test
  void transposedViewsStillTakeTheStridedLoop() {
    for (DType dtype : DType.values()) {
      Tensor t = source(dtype, 6 * 7).reshape(6, 7).transpose(0, 1);
      assertConverted(dtype + " transposed", t, t.to(other(dtype)));
    }
  }
}

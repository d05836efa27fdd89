package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Operands that do not start where their output does: views into a larger tensor, and bias rows
 * broadcast over an output. The kernels copy them into the output block by block ({@link Lanes})
 * before running the op in place; these tests check every such route element by element, at
 * lengths just under, at and over the block size, for both dtypes and for non-commutative ops.
 */
class LanesTest {
  private static final int B = Lanes.BLOCK;
  private static final int[] LENGTHS = {1, 7, B - 1, B, B + 1, 3 * B + 5};

  /** Values i * 0.37 - 100, cut to the dtype: varied signs, no zeros on the integer grid. */
  private static Tensor ramp(DType dtype, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 911) * 0.37 - 100.125;
    }
    return Tensor.of(v, n).to(dtype);
  }

  /** n elements of a larger tensor, starting at {@code offset}: contiguous, but not at 0. */
  private static Tensor view(DType dtype, int offset, int n) {
    Tensor v = ramp(dtype, n + offset + 9).mul(0.5).add(0.75).narrow(0, offset, n);
    assertEquals(true, v.isContiguous());
    return v;
  }

  /** The op in double, rounded to float for FLOAT32 (exact for +, -, *, / and sqrt of floats). */
  private static double round(DType dtype, double v) {
    return dtype == DType.FLOAT32 ? (float) v : v;
  }

  private static void assertBinary(String what, Tensor out, Tensor a, Tensor b, DoubleBinaryOperator op) {
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    double[] o = out.toDoubleArray();
    assertEquals(x.length, o.length, what + ": length");
    for (int i = 0; i < o.length; i++) {
      double expected = round(out.dtype(), op.applyAsDouble(x[i], y.length == 1 ? y[0] : y[i]));
      assertEquals(expected, o[i], 0.0, what + " at " + i + " of " + o.length);
    }
  }

  @Test
  void binaryOpsWithOneOrBothOperandsOffsetMatchTheDefinition() {
    for (DType dtype : DType.values()) {
      for (int n : LENGTHS) {
        Tensor fresh = ramp(dtype, n);
        Tensor shifted = view(dtype, 3, n);
        Tensor other = view(dtype, 5, n); // a second offset: no copy lines both up
        assertBinary("shifted + fresh", shifted.add(fresh), shifted, fresh, Double::sum);
        assertBinary("fresh - shifted", fresh.sub(shifted), fresh, shifted, (x, y) -> x - y);
        assertBinary("shifted - fresh", shifted.sub(fresh), shifted, fresh, (x, y) -> x - y);
        assertBinary("fresh / shifted", fresh.div(shifted), fresh, shifted, (x, y) -> x / y);
        assertBinary("shifted * other", shifted.mul(other), shifted, other, (x, y) -> x * y);
        assertBinary("maximum(shifted, fresh)", shifted.maximum(fresh), shifted, fresh, Math::max);
      }
    }
  }

  @Test
  void scalarOperandsAgainstAnOffsetViewMatchTheDefinition() {
    for (DType dtype : DType.values()) {
      for (int n : LENGTHS) {
        Tensor shifted = view(dtype, 3, n);
        Tensor two = Tensor.full(dtype, 2.5);
        assertBinary("shifted - 2.5", shifted.sub(two), shifted, two, (x, y) -> x - y);
        assertBinary("2.5 - shifted", two.sub(shifted), shifted, two, (x, y) -> y - x);
        assertBinary("2.5 / shifted", two.div(shifted), shifted, two, (x, y) -> y / x);
        assertBinary("shifted * 2.5", shifted.mul(two), shifted, two, (x, y) -> x * y);
        assertBinary("2.5 + shifted", two.add(shifted), shifted, two, Double::sum);
      }
    }
  }

  @Test
  void aBiasRowBroadcastOverLongAndShortRowsMatchesTheDefinition() {
    for (DType dtype : DType.values()) {
      for (int cols : new int[] {7, B + 3}) {
        int rows = 5;
        Tensor x = ramp(dtype, rows * cols).reshape(rows, cols);
        Tensor bias = view(dtype, 2, cols); // offset too, so neither the bias nor later rows line up
        double[] out = x.add(bias).toDoubleArray();
        double[] minus = bias.sub(x).toDoubleArray();
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            double xv = x.get(r, c);
            double bv = bias.get(c);
            assertEquals(round(dtype, xv + bv), out[r * cols + c], 0.0, "x + bias at " + r + "," + c);
            assertEquals(round(dtype, bv - xv), minus[r * cols + c], 0.0, "bias - x at " + r + "," + c);
          }
        }
      }
    }
  }

  private static void assertUnary(String what, Tensor out, Tensor a, DoubleUnaryOperator op) {
    double[] x = a.toDoubleArray();
    double[] o = out.toDoubleArray();
    for (int i = 0; i < o.length; i++) {
      assertEquals(round(out.dtype(), op.applyAsDouble(x[i])), o[i], 0.0, what + " at " + i + " of " + o.length);
    }
  }

  @Test
  void oneInputKernelsOnAnOffsetViewMatchTheDefinition() {
    for (DType dtype : DType.values()) {
      for (int n : LENGTHS) {
        Tensor shifted = view(dtype, 3, n);
        assertUnary("neg", shifted.neg(), shifted, v -> -v);
        assertUnary("relu", shifted.relu(), shifted, v -> Math.max(v, 0));
        assertUnary("abs", shifted.abs(), shifted, Math::abs);
        assertUnary("exp", shifted.mul(0.01).exp(), shifted.mul(0.01), Math::exp);
        assertUnary("pow 2", shifted.pow(2), shifted, v -> v * v);
        assertUnary("pow -1", shifted.pow(-1), shifted, v -> 1 / v);
        assertUnary("pow 1", shifted.pow(1), shifted, v -> v);
        assertUnary("pow 0", shifted.pow(0), shifted, v -> 1);
        assertUnary("clamp", shifted.clamp(-3, 4), shifted, v -> Math.min(Math.max(v, -3), 4));
      }
    }
  }

  @Test
  void inPlaceUpdatesWithEqualAndUnequalOffsetsMatchTheDefinition() {
    for (DType dtype : DType.values()) {
      for (int n : LENGTHS) {
        Tensor g = view(dtype, 5, n);
        Tensor aligned = view(dtype, 5, n); // the same offset as g: the vector loop
        Tensor shifted = view(dtype, 3, n); // another offset: the scalar loop
        double[] grad = g.toDoubleArray();
        for (Tensor p : new Tensor[] {aligned, shifted}) {
          double[] before = p.toDoubleArray();
          p.addInPlace(g, -0.25).mulInPlace(2);
          double[] after = p.toDoubleArray();
          for (int i = 0; i < n; i++) {
            double expected = dtype == DType.FLOAT32
                ? (float) ((float) (before[i] + (float) -0.25 * (float) grad[i]) * 2f)
                : (before[i] + -0.25 * grad[i]) * 2;
            assertEquals(expected, after[i], 0.0, "p (offset " + p.offset + ") at " + i + " of " + n);
          }
        }
      }
    }
  }
}

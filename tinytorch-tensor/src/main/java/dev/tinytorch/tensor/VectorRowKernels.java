package dev.tinytorch.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row loops that C2 on JDK 17 leaves scalar, with the Vector API: a bias added to every row of a
 * product ({@link InPlace}) and a FLOAT32 row summed into double accumulators ({@link
 * SpreadRows}, the bias gradient {@code g.sum(0)}). C2 vectorises a loop only when its arrays
 * share one index expression ({@code y[yo + j] += x[j]} has two) and, on JDK 17, not a float to
 * double conversion; the two took 4 % of the TinyDigits step each (Vector API). Reached only
 * behind {@link Kernels#VECTOR}; the same operations per element, so the same results.
 */
final class VectorRowKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  /** Doubles per vector; the floats converted per step are as many, read as a half-width vector. */
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int DL = D.length();
  private static final VectorSpecies<Float> HALF =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  private VectorRowKernels() {}

  /** {@code y[r, :] += x} for the rows of n values from {@code yo} to {@code end}. */
  static void addRows(float[] y, int yo, int end, float[] x, int xo, int n) {
    for (int r = yo; r < end; r += n) {
      int j = 0;
      for (; j + FL <= n; j += FL) {
        FloatVector.fromArray(F, y, r + j).add(FloatVector.fromArray(F, x, xo + j)).intoArray(y, r + j);
      }
      for (; j < n; j++) {
        y[r + j] += x[xo + j];
      }
    }
  }

  /** {@code acc[d + i] += x[s + i]} for i below n, each float widened to double exactly. */
  static void sumInto(double[] acc, int d, float[] x, int s, int n) {
    int i = 0;
    for (; i + DL <= n; i += DL) {
      DoubleVector w = (DoubleVector) FloatVector.fromArray(HALF, x, s + i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector.fromArray(D, acc, d + i).add(w).intoArray(acc, d + i);
    }
    for (; i < n; i++) {
      acc[d + i] += x[s + i];
    }
  }
}

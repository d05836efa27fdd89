package dev.tinytorch.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row loops that C2 on JDK 17 leaves scalar, with the Vector API: a bias added to every row of a
 * product ({@link InPlace}). C2 vectorises a loop only when its arrays share one index expression
 * ({@code y[yo + j] += x[j]} has two); it took 4 % of the TinyDigits step (Vector API). Reached
 * only behind {@link Kernels#VECTOR}; the same operation per element, so the same results.
 *
 * <p>Tried and not kept (2026-12-03): the bias gradient's FLOAT32 row summed into double
 * accumulators ({@link SpreadRows}) with {@code convertShape(F2D)}: 3.0 to 1.5 us for [32, 256]
 * alone. But in a JVM that had warmed up several models (the step benchmark's server) a Vector
 * API Adam that widened floats to doubles the same way ran its shape changes uncompiled ({@code
 * AbstractVector.convert0}, boxing every vector; JFR): the TinyDigits step went from 107 to 456
 * us. This one was taken out with it, unmeasured in that setting: no shape changes in the
 * library until that is understood.
 */
final class VectorRowKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int FL = F.length();

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
}

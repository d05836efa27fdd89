package dev.tinytorch.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GradKernels}' loops that C2 leaves scalar, written with the Vector API; reached only
 * behind {@link Kernels#VECTOR}. The results are the same bit for bit.
 */
final class VectorGradKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorGradKernels() {}

  /**
   * {@code o = g * (x > 0 ? 1 : 0)}, as GradKernels' bit trick computes it. C2 on JDK 17 does not
   * vectorise the float-to-int bit moves that trick needs, so it ran one element at a time: 8.6 %
   * of the TinyDigits step (Vector API) for a [32, 256] tensor. A compare gives the same mask (x
   * greater than zero: not a zero, not negative, not NaN), and the product is the same one.
   */
  static void reluFloat(float[] g, int go, float[] x, int xo, float[] o, int from, int to) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (; i + L <= to; i += L) {
      VectorMask<Float> keep = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, 0f);
      FloatVector.fromArray(S, g, go + i).mul(zero.blend(one, keep)).intoArray(o, i);
    }
    for (; i < to; i++) {
      o[i] = g[go + i] * (x[xo + i] > 0f ? 1f : 0f);
    }
  }
}

package dev.tinytorch.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT32 Adam update of {@link OptimizerKernels} (no weight decay, no AMSGrad, dense arrays at
 * offset 0) in Vector API code that does not slow down on subnormal moments. Loaded only when
 * {@link Kernels#VECTOR} is on.
 *
 * <p>Why: a weight whose gradient stays exactly zero (a dead ReLU unit's row, a pixel that is
 * black in every image of the batch) has its first moment multiplied by {@code beta1 = 0.9} at
 * every step, so some 700-800 steps after its last non-zero gradient it falls below 2^-126, and it
 * stays there for good: the decay stops at 4 * 2^-149, as 0.9 * 4 rounds back to 4. On this Xeon
 * a float multiply or divide with a subnormal operand or result takes a microcode assist (a loop of {@code x * 1} over 235K subnormal floats:
 * 630 us against 29 us for normal ones; adds, and conversions between float and double, run at
 * full speed either way). In the Fashion-MNIST MLP (784-256-128-10) 10 % of the first layer's
 * moments were subnormal from step ~600 on, spread over 80 % of its 16-float vectors, and Adam's
 * time went from 230 us per step to 2-2.5 ms, a quarter of the epoch. Java has no way to set the
 * flush-to-zero bits, and they would change the results anyway.
 *
 * <p>So the three operations that see a subnormal first moment, {@code m * beta1}, {@code
 * -stepSize * m} and the division by the denominator, are done in double, where those values are
 * normal, and rounded to float after each: a product of two floats is exact in double, so one
 * rounding gives the float product; for the quotient, double rounding through binary64 is
 * innocuous for division (53 bits against 2 * 24 + 2, and the argument holds down to the
 * subnormal grid, whose spacing only coarsens the second rounding). The results are bit for bit
 * those of the scalar loop ({@code VectorAdamTest} compares them, subnormals included). The
 * rest (the second moment, whose {@code beta2 = 0.999} decay takes some 80,000 steps to reach the
 * subnormals, and the square root) stays in float.
 *
 * <p>Measured on 235K parameters (one thread, AVX-512 Xeon, 2026-12-03, 300 updates each): the
 * float loop 140-155 us with normal moments, 2.1-2.2 ms with all of them subnormal, 680-700 us
 * with every tenth one subnormal; this kernel 250-260 us in all three cases. In the MLP epoch
 * that is about 100 us lost per step for the first ~500 steps and 1-2 ms gained per step after.
 *
 * <p>Tried and not kept: the same double formulation in plain Java was bit-identical but C2
 * (JDK 17) does not vectorise a loop that mixes float and double: 1.3 ms whatever the values, so
 * the plain kernel keeps the float loop. In Vector API code, 16-float vectors split into double
 * halves with {@code convertShape} or {@code reinterpretShape}: 1.0-1.4 ms, the shape changes
 * are not intrinsified on JDK 17; 8-float (256-bit) loads cast to 8 doubles (512-bit) are, hence
 * the 8-lane loop. A test per 16-float vector for subnormal-range moments (integer compare on
 * the bits, {@code anyTrue}) to keep the float path for clean vectors: 820 us to 1.4 ms, the mask
 * test itself was the cost.
 */
final class VectorAdam {
  /** Eight floats: {@code castShape} to eight doubles (a 512-bit vector) is intrinsified. */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
  private static final int L = F.length();

  /**
   * Whether this kernel runs: 512-bit double vectors, that is AVX-512 (on AVX2 the preferred
   * double species is 256 bits and the cast would split again).
   */
  static final boolean ON = DoubleVector.SPECIES_PREFERRED.length() >= 8;

  private VectorAdam() {}

  /**
   * Elements {@code [from, to)} of the update; the same operations in the same order as
   * {@code OptimizerKernels.adamFloatPlain}, the three that can see a subnormal in double.
   */
  static void update(float[] p, float[] g, float[] m, float[] v, float stepSize, float bc2Sqrt, float b1,
      float b2, float k1, float k2, float eps, int from, int to) {
    double db1 = b1;
    double negStep = -stepSize;
    int i = from;
    for (int end = from + F.loopBound(to - from); i < end; i += L) {
      FloatVector gi = FloatVector.fromArray(F, g, i);
      FloatVector mi = narrow(widen(FloatVector.fromArray(F, m, i)).mul(db1)).add(gi.mul(k1));
      FloatVector vi = FloatVector.fromArray(F, v, i).mul(b2).add(gi.mul(k2).mul(gi));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(bc2Sqrt).add(eps);
      FloatVector num = narrow(widen(mi).mul(negStep));
      FloatVector q = narrow(widen(num).div(widen(denom)));
      FloatVector.fromArray(F, p, i).add(q).intoArray(p, i);
    }
    for (; i < to; i++) {
      float gi = g[i];
      float mi = (float) (m[i] * db1) + k1 * gi;
      float vi = v[i] * b2 + k2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
      p[i] = p[i] + (float) ((double) (float) (negStep * mi) / denom);
    }
  }

  private static DoubleVector widen(FloatVector x) {
    return (DoubleVector) x.castShape(D, 0);
  }

  /** Rounds each lane to float, as a {@code (float)} cast does. */
  private static FloatVector narrow(DoubleVector x) {
    return (FloatVector) x.castShape(F, 0);
  }
}

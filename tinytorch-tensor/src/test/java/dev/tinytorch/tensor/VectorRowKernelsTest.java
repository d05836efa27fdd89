package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorRowKernels} gives the scalar loop's results bit for bit (row lengths with and
 * without tails, offsets, infinities and NaN among the values), and through the public ops the
 * bias add and {@code sum(0)} still equal their definitions.
 */
class VectorRowKernelsTest {
  private static final int[] LENGTHS = {1, 7, 8, 10, 16, 17, 256, 300};

  @Test
  void addRowsEqualsTheScalarLoop() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(47);
    for (int n : LENGTHS) {
      int rows = 1 + r.nextInt(5);
      float[] y = random(r, 3 + rows * n + 2);
      float[] x = random(r, 4 + n);
      float[] expected = y.clone();
      for (int yo = 3; yo < 3 + rows * n; yo += n) {
        for (int j = 0; j < n; j++) {
          expected[yo + j] += x[4 + j];
        }
      }
      VectorRowKernels.addRows(y, 3, 3 + rows * n, x, 4, n);
      for (int i = 0; i < y.length; i++) {
        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(y[i]), "n " + n + ", element " + i);
      }
    }
  }

  @Test
  void biasAddAndBatchSumThroughTheOps() {
    Tensor g = Tensor.of(new float[] {1f, 2f, 3f, 1e8f, -1e8f, 0.5f, 4f, 5f, 6f}, 3, 3);
    // Sums in double, rounded once: 1e8 + 1 + 4 would lose the 1 and 4 in float steps.
    assertEquals(3, g.sum(0).numel());
    float[] s = g.sum(0).toFloatArray();
    assertEquals((float) (1.0 + 1e8 + 4.0), s[0]);
    assertEquals((float) (2.0 - 1e8 + 5.0), s[1]);
    assertEquals(9.5f, s[2]);
    Tensor y = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3).addInPlace(Tensor.of(new float[] {10f, 20f, 30f}, 3));
    float[] v = y.toFloatArray();
    float[] want = {11f, 22f, 33f, 14f, 25f, 36f};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], v[i], "element " + i);
    }
  }

  private static float[] random(Random r, int length) {
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      int pick = r.nextInt(20);
      x[i] = pick == 0 ? Float.POSITIVE_INFINITY : pick == 1 ? Float.NaN : (float) r.nextGaussian();
    }
    return x;
  }
}

package dev.tinytorch.tensor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generators keep their promises, and cover the cases they exist for. */
class GenTest {
  private static final int TRIES = 500;

  @Test
  void shapesRespectBoundsAndReachThem() {
    Generator g = new Generator(1);
    Set<Integer> ranks = new HashSet<>();
    Set<Integer> sizes = new HashSet<>();
    for (int i = 0; i < TRIES; i++) {
      int[] s = Gen.shape(g, 3, 4);
      ranks.add(s.length);
      for (int x : s) {
        sizes.add(x);
      }
    }
    assertEquals(Set.of(0, 1, 2, 3), ranks);
    assertEquals(Set.of(1, 2, 3, 4), sizes);

    Set<Integer> withEmpty = new HashSet<>();
    for (int i = 0; i < TRIES; i++) {
      int[] s = Gen.shape(g, 2, 3, 0, 2);
      assertTrue(s.length >= 2 && s.length <= 3, Arrays.toString(s));
      for (int x : s) {
        withEmpty.add(x);
      }
    }
    assertEquals(Set.of(0, 1, 2), withEmpty);
    assertThrows(IllegalArgumentException.class, () -> Gen.shape(g, 3, 2, 0, 1));
  }

  @Test
  void broadcastPairsBroadcastWithRankDifferencesAndOnesOnBothSides() {
    Generator g = new Generator(2);
    boolean aShorter = false;
    boolean bShorter = false;
    boolean aOneAgainstBig = false;
    boolean bOneAgainstBig = false;
    for (int i = 0; i < TRIES; i++) {
      Gen.ShapePair p = Gen.broadcastPair(g, 4, 3);
      int[] out = Shapes.broadcast("test", p.a(), p.b()); // throws if not broadcastable
      aShorter |= p.a().length < p.b().length;
      bShorter |= p.b().length < p.a().length;
      int lead = out.length;
      for (int d = 1; d <= Math.min(p.a().length, p.b().length); d++) {
        int x = p.a()[p.a().length - d];
        int y = p.b()[p.b().length - d];
        aOneAgainstBig |= x == 1 && y > 1;
        bOneAgainstBig |= y == 1 && x > 1;
      }
      assertTrue(lead <= 4);
    }
    assertTrue(aShorter && bShorter && aOneAgainstBig && bOneAgainstBig);
  }

  @Test
  void broadcastableToAlwaysExpandsToItsTarget() {
    Generator g = new Generator(3);
    for (int i = 0; i < TRIES; i++) {
      int[] target = Gen.shape(g, 4, 4);
      int[] small = Gen.broadcastableTo(g, target);
      assertArrayEquals(target, Shapes.broadcast("test", small, target));
    }
  }

  @Test
  void matmulPairsHaveMatchingInnerDimsAndCoverEveryKind() {
    Generator g = new Generator(4);
    Set<String> kinds = new HashSet<>();
    for (int i = 0; i < TRIES; i++) {
      Gen.ShapePair p = Gen.matmulPair(g, 2, 3);
      int[] a = p.a();
      int[] b = p.b();
      int k = a[a.length - 1];
      int bk = b.length == 1 ? b[0] : b[b.length - 2];
      assertEquals(k, bk, p.toString());
      if (a.length > 2 && b.length > 2) {
        Shapes.broadcast("test", Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
      }
      kinds.add((a.length == 1 ? "v" : a.length == 2 ? "m" : "b") + (b.length == 1 ? "v" : b.length == 2 ? "m" : "b"));
    }
    assertEquals(Set.of("vv", "vm", "vb", "mv", "mm", "mb", "bv", "bm", "bb"), kinds);
  }

  @Test
  void dimsAreDistinctInRangeAndUseBothSigns() {
    Generator g = new Generator(5);
    boolean negative = false;
    boolean positive = false;
    for (int i = 0; i < TRIES; i++) {
      int rank = Gen.intIn(g, 1, 4);
      int[] dims = Gen.dims(g, rank);
      int[] wrapped = Shapes.normalizeDims("test", dims, rank); // throws on repeats or out of range
      assertTrue(dims.length >= 1 && dims.length <= rank);
      assertEquals(dims.length, wrapped.length);
      int d = Gen.dim(g, rank);
      Shapes.normalizeDim("test", d, rank);
      negative |= d < 0;
      positive |= d >= 0;
    }
    assertTrue(negative && positive);
    assertArrayEquals(new int[0], Gen.dims(g, 0));
    int d0 = Gen.dim(g, 0);
    assertTrue(d0 == 0 || d0 == -1);
  }

  @Test
  void permutationsArePermutationsAndInverseUndoesThem() {
    Generator g = new Generator(6);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < TRIES; i++) {
      int[] p = Gen.permutation(g, 3);
      int[] sorted = p.clone();
      Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2}, sorted);
      int[] inv = Gen.inverse(p);
      for (int j = 0; j < 3; j++) {
        assertEquals(j, p[inv[j]]);
      }
      seen.add(Arrays.toString(p));
    }
    assertEquals(6, seen.size());
  }

  @Test
  void valuesStayInRangeAndAwayFromKinksAfterRoundingToTheDtype() {
    Generator g = new Generator(7);
    Values v = Values.uniform(-1, 1).awayFrom(0, 0.25).awayFrom(0.5, 0.1);
    assertEquals("uniform(-1.0, 1.0).awayFrom(0.0, 0.25).awayFrom(0.5, 0.1)", v.toString());
    for (DType dtype : DType.values()) {
      Tensor t = Gen.tensor(g, dtype, new int[] {50, 20}, v);
      assertEquals(dtype, t.dtype());
      assertArrayEquals(new int[] {50, 20}, t.shape());
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double x : t.toDoubleArray()) {
        assertTrue(v.accepts(x), "value " + x);
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      assertTrue(min < -0.95 && max > 0.95, min + " " + max);
    }
    for (double x : Gen.positive(g, DType.FLOAT32, new int[] {1000}).toDoubleArray()) {
      assertTrue(x >= 0.1 && x <= 3.0, "value " + x);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Values.uniform(-1, 1).awayFrom(0, 2).draw(g));
    assertTrue(e.getMessage().contains("uniform(-1.0, 1.0).awayFrom(0.0, 2.0)"), e.getMessage());
  }

  @Test
  void distinctValuesHaveNoNearTies() {
    Generator g = new Generator(8);
    double[] v = Gen.distinct(g, DType.FLOAT64, new int[] {4, 25}, -1, 1).toDoubleArray();
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      assertTrue(sorted[i] - sorted[i - 1] >= 0.25 * 2.0 / 100 - 1e-12, "gap at " + i);
    }
    assertTrue(sorted[0] >= -1 && sorted[sorted.length - 1] <= 1);
    assertFalse(Arrays.equals(sorted, v), "values are shuffled, not sorted");
  }

  @Test
  void relayoutKeepsValuesButChangesLayout() {
    Generator g = new Generator(9);
    int nonContiguous = 0;
    int couldBe = 0; // one element or none is contiguous whatever its strides
    int samePrint = 0;
    for (int i = 0; i < TRIES; i++) {
      DType dtype = Gen.dtype(g);
      int[] shape = Gen.shape(g, 0, 4, 0, 4);
      Tensor t = Gen.tensor(g, dtype, shape);
      Tensor r = Gen.relayout(g, t);
      assertArrayEquals(shape, r.shape());
      assertEquals(dtype, r.dtype());
      assertTrue(r.equal(t), "values differ for shape " + Arrays.toString(shape));
      assertTrue(r.isLeaf() && !r.requiresGrad());
      nonContiguous += r.isContiguous() ? 0 : 1;
      couldBe += t.numel() > 1 ? 1 : 0;
      samePrint += r.toString().equals(t.toString()) ? 1 : 0;
    }
    assertEquals(TRIES, samePrint, "prints the same values");
    assertTrue(nonContiguous > couldBe * 2 / 3, "non-contiguous " + nonContiguous + " of " + couldBe);
    Tensor original = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor moved = Gen.relayout(new Generator(10), original);
    moved.fill(0);
    assertArrayEquals(new double[] {1, 2, 3, 4}, original.toDoubleArray(), 0.0);
  }

  @Test
  void expandedViewsRepeatValuesWithZeroStrides() {
    Generator g = new Generator(11);
    int zeroStride = 0;
    for (int i = 0; i < 100; i++) {
      int[] shape = Gen.shape(g, 1, 3, 2, 3);
      Tensor e = Gen.expanded(g, DType.FLOAT64, shape, Values.uniform(-1, 1));
      assertArrayEquals(shape, e.shape());
      for (int s : e.stride()) {
        zeroStride += s == 0 ? 1 : 0;
      }
    }
    assertTrue(zeroStride > 20, "zero strides " + zeroStride);
  }

  @Test
  void sameSeedSameTensors() {
    Tensor a = Gen.tensor(new Generator(12), DType.FLOAT32, new int[] {3, 4});
    Tensor b = Gen.tensor(new Generator(12), DType.FLOAT32, new int[] {3, 4});
    assertTrue(a.equal(b));
    assertFalse(a.equal(Gen.tensor(new Generator(13), DType.FLOAT32, new int[] {3, 4})));
  }
}

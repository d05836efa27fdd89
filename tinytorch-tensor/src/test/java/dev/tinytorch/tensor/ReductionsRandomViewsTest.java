package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reductions of random views (permuted, narrowed, expanded, and combinations) against a naive
 * reference that walks the row-major values of the view index by index. Exercises the stride
 * sorting and dim merging of the reduction plan on shapes nobody would write by hand.
 */
class ReductionsRandomViewsTest {
  private static final long SEED = 20240607L;
  private static final int CASES = 400;

  @Test
  void randomViewsMatchTheNaiveReference() {
    Generator g = new Generator(SEED);
    for (int c = 0; c < CASES; c++) {
      DType dtype = g.nextInt(2) == 0 ? DType.FLOAT32 : DType.FLOAT64;
      Tensor view = randomView(g, dtype);
      int rank = view.dim();
      int[] dims = randomDims(g, rank);
      boolean keepDim = g.nextInt(2) == 0;
      String where = "case " + c + " (seed " + SEED + "): shape " + Arrays.toString(view.shape()) + " strides "
          + Arrays.toString(view.stride()) + " dims " + Arrays.toString(dims) + " keepDim " + keepDim + " " + dtype;
      try {
        check(view, dims, keepDim, dtype);
      } catch (AssertionError e) {
        fail(where + ": " + e.getMessage(), e);
      }
    }
  }

  private static void check(Tensor view, int[] dims, boolean keepDim, DType dtype) {
    double[] x = view.toDoubleArray();
    int[] shape = view.shape();
    Reference ref = new Reference(x, shape, dims);
    double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
    int[] outShape = outShape(shape, dims, keepDim);

    Tensor sum = view.sum(dims, keepDim);
    assertArrayEquals(outShape, sum.shape());
    assertEquals(dtype, sum.dtype());
    assertArrayEquals(ref.sum(), sum.toDoubleArray(), tol, "sum");
    assertArrayEquals(ref.mean(), view.mean(dims, keepDim).toDoubleArray(), tol, "mean");
    assertArrayEquals(ref.var(1), view.var(dims, 1, keepDim).toDoubleArray(), tol, "var");
    if (view.numel() > 0) {
      assertArrayEquals(ref.max(), view.max(dims, keepDim).toDoubleArray(), 0.0, "max");
      assertArrayEquals(ref.min(), view.min(dims, keepDim).toDoubleArray(), 0.0, "min");
      double[] mask = KernelOps.INSTANCE.extremumMask(view, dims, true).toDoubleArray();
      assertArrayEquals(ref.firstMaxMask(), mask, 0.0, "extremumMask");
    }
  }

  /** A random tensor of rank 0..4 (sizes 0..4, mostly non-zero) seen through a random chain of views. */
  private static Tensor randomView(Generator g, DType dtype) {
    int rank = g.nextInt(5);
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = g.nextInt(10) == 0 ? 0 : 1 + g.nextInt(4);
    }
    int kind = g.nextInt(4);
    if (kind == 1 && rank > 0) { // narrowed: a bigger base, cut down
      int d = g.nextInt(rank);
      int[] big = shape.clone();
      big[d] += 3;
      return permuteRandomly(g, values(g, dtype, big).narrow(d, 1 + g.nextInt(2), shape[d]), g.nextInt(2) == 0);
    }
    if (kind == 2 && rank > 0) { // expanded: size-1 base dims broadcast with stride 0
      int[] small = shape.clone();
      for (int i = 0; i < rank; i++) {
        if (g.nextInt(2) == 0) {
          small[i] = 1;
        }
      }
      return permuteRandomly(g, values(g, dtype, small).expand(shape), g.nextInt(2) == 0);
    }
    return permuteRandomly(g, values(g, dtype, shape), kind == 3);
  }

  private static Tensor permuteRandomly(Generator g, Tensor t, boolean doIt) {
    int rank = t.dim();
    if (!doIt || rank < 2) {
      return t;
    }
    int[] perm = Shapes.allDims(rank);
    for (int i = rank - 1; i > 0; i--) {
      int j = g.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    return t.permute(perm);
  }

  private static Tensor values(Generator g, DType dtype, int[] shape) {
    return Tensor.randn(g, dtype, shape);
  }

  private static int[] randomDims(Generator g, int rank) {
    int[] dims = new int[rank];
    int n = 0;
    boolean all = g.nextInt(4) == 0;
    for (int i = 0; i < rank; i++) {
      if (all || g.nextInt(2) == 0) {
        dims[n++] = i;
      }
    }
    return Arrays.copyOf(dims, n);
  }

  private static int[] outShape(int[] shape, int[] dims, boolean keepDim) {
    int[] out = new int[shape.length];
    int n = 0;
    for (int i = 0; i < shape.length; i++) {
      boolean reduced = Arrays.binarySearch(dims, i) >= 0;
      if (!reduced) {
        out[n++] = shape[i];
      } else if (keepDim) {
        out[n++] = 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Group-by over the row-major values: group = the flat index over the kept dims. */
  private static final class Reference {
    final double[] x;
    final int[] group;
    final int groups;
    final int count;

    Reference(double[] x, int[] shape, int[] dims) {
      this.x = x;
      int kept = 1;
      int reducedCount = 1;
      for (int i = 0; i < shape.length; i++) {
        if (Arrays.binarySearch(dims, i) >= 0) {
          reducedCount *= shape[i];
        } else {
          kept *= shape[i];
        }
      }
      groups = kept;
      count = reducedCount;
      group = new int[x.length];
      int[] idx = new int[shape.length];
      for (int f = 0; f < x.length; f++) {
        int rem = f;
        for (int i = shape.length - 1; i >= 0; i--) {
          idx[i] = rem % shape[i];
          rem /= shape[i];
        }
        int gi = 0;
        for (int i = 0; i < shape.length; i++) {
          if (Arrays.binarySearch(dims, i) < 0) {
            gi = gi * shape[i] + idx[i];
          }
        }
        group[f] = gi;
      }
    }

    double[] sum() {
      double[] s = new double[groups];
      for (int f = 0; f < x.length; f++) {
        s[group[f]] += x[f];
      }
      return s;
    }

    double[] mean() {
      double[] s = sum();
      for (int i = 0; i < s.length; i++) {
        s[i] /= count;
      }
      return s;
    }

    double[] var(double correction) {
      double[] m = mean();
      double[] s = new double[groups];
      for (int f = 0; f < x.length; f++) {
        double e = x[f] - m[group[f]];
        s[group[f]] += e * e;
      }
      for (int i = 0; i < s.length; i++) {
        s[i] /= Math.max(0, count - correction);
      }
      return s;
    }

    double[] max() {
      double[] s = new double[groups];
      Arrays.fill(s, Double.NEGATIVE_INFINITY);
      for (int f = 0; f < x.length; f++) {
        s[group[f]] = Math.max(s[group[f]], x[f]);
      }
      return s;
    }

    double[] min() {
      double[] s = new double[groups];
      Arrays.fill(s, Double.POSITIVE_INFINITY);
      for (int f = 0; f < x.length; f++) {
        s[group[f]] = Math.min(s[group[f]], x[f]);
      }
      return s;
    }

    /** Row-major order within a group is the flat order restricted to the group. */
    double[] firstMaxMask() {
      double[] best = max();
      boolean[] seen = new boolean[groups];
      double[] mask = new double[x.length];
      for (int f = 0; f < x.length; f++) {
        if (!seen[group[f]] && x[f] == best[group[f]]) {
          seen[group[f]] = true;
          mask[f] = 1;
        }
      }
      return mask;
    }
  }
}

package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * How one reduction walks its input: every input element is combined into the output slot its
 * kept indices select. Each input dim carries two strides, one into the input and one into the
 * contiguous output (0 on reduced dims), so the walk is a two-stride odometer like
 * {@link Strided#copy}, and no view is ever copied.
 *
 * <p>The dims are reordered by input stride (memory order, so a transposed view is read
 * sequentially), size-1 dims are dropped, and neighbours that are contiguous in both input and
 * output are merged. The innermost remaining dim then decides the loop: reduced (output stride 0)
 * means a flat fold of a row into one accumulator; kept means a row is combined elementwise into
 * an output row, e.g. sum over dim 0 of [N, M] adds N contiguous rows into one row of M.
 */
final class ReducePlan {
  /** Shape of the result (size-1 dims kept for keepDim). */
  final int[] outShape;
  /** Number of output elements. */
  final int outNumel;
  /** Number of input elements folded into each output element (0 for an empty reduced extent). */
  final int count;

  private final int[] sizes;
  private final int[] in;
  private final int[] out;
  private final int inOffset;
  private final int numel;

  private ReducePlan(int[] outShape, int count, int[] sizes, int[] in, int[] out, int inOffset, int numel) {
    this.outShape = outShape;
    this.outNumel = Shapes.numel("reduce", outShape);
    this.count = count;
    this.sizes = sizes;
    this.in = in;
    this.out = out;
    this.inOffset = inOffset;
    this.numel = numel;
  }

  /** The plan for reducing {@code a} over {@code dims} (sorted, wrapped, unique). */
  static ReducePlan of(Tensor a, int[] dims, boolean keepDim) {
    int rank = a.shape.length;
    boolean[] reduced = new boolean[rank];
    for (int d : dims) {
      reduced[d] = true;
    }
    int[] outShape = new int[keepDim ? rank : rank - dims.length];
    int[] outStride = new int[rank];
    int stride = 1;
    int count = 1;
    int j = outShape.length - 1;
    for (int k = rank - 1; k >= 0; k--) {
      if (reduced[k]) {
        count *= a.shape[k];
        if (keepDim) {
          outShape[j--] = 1;
        }
      } else {
        outStride[k] = stride;
        stride *= Math.max(a.shape[k], 1);
        outShape[j--] = a.shape[k];
      }
    }

    int m = 0;
    int[] sizes = new int[rank];
    int[] in = new int[rank];
    int[] out = new int[rank];
    for (int k = 0; k < rank; k++) {
      if (a.shape[k] != 1) {
        sizes[m] = a.shape[k];
        in[m] = a.strides[k];
        out[m] = outStride[k];
        m++;
      }
    }
    sortByInputStride(sizes, in, out, m);
    m = coalesce(sizes, in, out, m);
    if (m == 0) {
      return new ReducePlan(outShape, count, new int[] {1}, new int[] {0}, new int[] {0}, a.offset, a.numel);
    }
    return new ReducePlan(outShape, count, Arrays.copyOf(sizes, m), Arrays.copyOf(in, m),
        Arrays.copyOf(out, m), a.offset, a.numel);
  }

  // Insertion sort (rank is tiny), outermost first: larger input stride, then larger output stride.
  // Stable, so equal strides keep their row-major order.
  private static void sortByInputStride(int[] sizes, int[] in, int[] out, int m) {
    for (int i = 1; i < m; i++) {
      int sz = sizes[i];
      int si = in[i];
      int so = out[i];
      int k = i - 1;
      while (k >= 0 && (in[k] < si || (in[k] == si && out[k] < so))) {
        sizes[k + 1] = sizes[k];
        in[k + 1] = in[k];
        out[k + 1] = out[k];
        k--;
      }
      sizes[k + 1] = sz;
      in[k + 1] = si;
      out[k + 1] = so;
    }
  }

  // Merges dim k into k+1 when stepping k once equals stepping k+1 through its whole size, in the
  // input and the output alike; a full sum of a contiguous tensor becomes a single flat row.
  private static int coalesce(int[] sizes, int[] in, int[] out, int m) {
    if (m == 0) {
      return 0;
    }
    int w = 0;
    for (int k = 1; k < m; k++) {
      if ((long) in[w] == (long) in[k] * sizes[k] && (long) out[w] == (long) out[k] * sizes[k]) {
        sizes[w] *= sizes[k];
        in[w] = in[k];
        out[w] = out[k];
      } else {
        w++;
        sizes[w] = sizes[k];
        in[w] = in[k];
        out[w] = out[k];
      }
    }
    return w + 1;
  }

  /**
   * Combines every element of {@code src} (read through the planned strides) into {@code acc}, a
   * contiguous array of {@link #outNumel} accumulators already holding the identity of the op.
   * {@code mean} is only read by {@link ReduceRows.Kind#SQDEV}.
   */
  void run(ReduceRows.Kind kind, Storage src, double[] acc, double[] mean) {
    if (numel == 0) {
      return;
    }
    int m = sizes.length;
    int n = sizes[m - 1];
    int ss = in[m - 1];
    int ds = out[m - 1];
    int[] idx = new int[m];
    int s = inOffset;
    int d = 0;
    ReduceRows.Scratch scratch = new ReduceRows.Scratch(acc.length);
    for (int done = 0; done < numel; done += n) {
      if (ds == 0) {
        acc[d] = ReduceRows.fold(kind, src, s, ss, n, acc[d], mean == null ? 0 : mean[d], scratch);
      } else {
        ReduceRows.spread(kind, src, s, ss, acc, d, ds, n, mean, scratch);
      }
      for (int k = m - 2; k >= 0; k--) {
        idx[k]++;
        s += in[k];
        d += out[k];
        if (idx[k] < sizes[k]) {
          break;
        }
        s -= in[k] * sizes[k];
        d -= out[k] * sizes[k];
        idx[k] = 0;
      }
    }
  }
}

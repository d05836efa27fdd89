package dev.tinytorch.tensor.testing;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Random test inputs drawn from a {@link Generator}: shapes, broadcastable and matmul-compatible
 * shape pairs, dims, permutations, tensors with controlled values, and the same values in other
 * memory layouts (permuted, narrowed out of a NaN-padded buffer, expanded). Every method is a
 * pure function of the generator's state, so a seed fixes the whole case.
 */
public final class Gen {
  private Gen() {}

  /** A shape that prints and compares by value, for use as a component of a case record. */
  public record Shape(int[] dims) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
      return Arrays.toString(dims);
    }
  }

  /** Two shapes generated together (broadcastable, or valid matmul operands). */
  public record ShapePair(int[] a, int[] b) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ShapePair p && Arrays.equals(a, p.a) && Arrays.equals(b, p.b);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(a) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
      return Arrays.toString(a) + " and " + Arrays.toString(b);
    }
  }

  // ------------------------------------------------------------------ numbers

  /** Uniform integer in [lo, hi], both inclusive. */
  public static int intIn(Generator g, int lo, int hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("Gen.intIn: lo " + lo + " > hi " + hi);
    }
    return lo + g.nextInt(hi - lo + 1);
  }

  public static boolean bool(Generator g) {
    return g.nextInt(2) == 1;
  }

  /** True with probability {@code p}. */
  public static boolean chance(Generator g, double p) {
    return g.nextDouble() < p;
  }

  @SafeVarargs
  public static <T> T oneOf(Generator g, T... options) {
    return options[g.nextInt(options.length)];
  }

  public static DType dtype(Generator g) {
    return oneOf(g, DType.values());
  }

  // ------------------------------------------------------------------ shapes

  /** Rank 0..maxRank, every size 1..maxSize (no empty tensors: what most property tests want). */
  public static int[] shape(Generator g, int maxRank, int maxSize) {
    return shape(g, 0, maxRank, 1, maxSize);
  }

  /** Rank minRank..maxRank, sizes minSize..maxSize; {@code minSize = 0} lets empty dims appear. */
  public static int[] shape(Generator g, int minRank, int maxRank, int minSize, int maxSize) {
    if (minRank < 0 || minRank > maxRank || minSize < 0 || minSize > maxSize) {
      throw new IllegalArgumentException("Gen.shape: need 0 <= minRank <= maxRank and 0 <= minSize <= maxSize, got rank "
          + minRank + ".." + maxRank + ", size " + minSize + ".." + maxSize);
    }
    int[] s = new int[intIn(g, minRank, maxRank)];
    for (int i = 0; i < s.length; i++) {
      s[i] = intIn(g, minSize, maxSize);
    }
    return s;
  }

  /**
   * A shape that broadcasts to {@code target}: half the time with fewer (leading) dims, and each
   * kept dim set to 1 with probability 1/3.
   */
  public static int[] broadcastableTo(Generator g, int[] target) {
    int drop = bool(g) ? 0 : intIn(g, 0, target.length);
    int[] s = Arrays.copyOfRange(target, drop, target.length);
    for (int i = 0; i < s.length; i++) {
      if (g.nextInt(3) == 0) {
        s[i] = 1;
      }
    }
    return s;
  }

  /** Two shapes that broadcast together, with rank differences and size-1 dims on either side. */
  public static ShapePair broadcastPair(Generator g, int maxRank, int maxSize) {
    int[] joint = shape(g, maxRank, maxSize);
    return new ShapePair(broadcastableTo(g, joint), broadcastableTo(g, joint));
  }

  /**
   * Operands for {@code a.matmul(b)}: vector-vector, matrix-vector, vector-matrix and (batched)
   * matrix-matrix, with broadcastable batch dims of rank up to {@code maxBatchRank}.
   */
  public static ShapePair matmulPair(Generator g, int maxBatchRank, int maxSize) {
    int k = intIn(g, 1, maxSize);
    int m = intIn(g, 1, maxSize);
    int n = intIn(g, 1, maxSize);
    ShapePair batch = broadcastPair(g, maxBatchRank, maxSize);
    boolean aVector = g.nextInt(4) == 0;
    boolean bVector = g.nextInt(4) == 0;
    int[] a = aVector ? new int[] {k} : concat(batch.a(), new int[] {m, k});
    int[] b = bVector ? new int[] {k} : concat(batch.b(), new int[] {k, n});
    return new ShapePair(a, b);
  }

  private static int[] concat(int[] x, int[] y) {
    int[] out = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  // ------------------------------------------------------------------ dims

  /** A dim of a rank-{@code rank} tensor in [-rank, rank) (negative half the time); 0 or -1 for rank 0. */
  public static int dim(Generator g, int rank) {
    int r = Math.max(rank, 1);
    int d = g.nextInt(r);
    return bool(g) ? d - r : d;
  }

  /**
   * 1..rank distinct dims in random order, each possibly written negatively; empty for rank 0
   * (an empty list would mean "all dims" to PyTorch, so it is never drawn for rank >= 1).
   */
  public static int[] dims(Generator g, int rank) {
    if (rank == 0) {
      return new int[0];
    }
    int[] p = permutation(g, rank);
    int[] out = Arrays.copyOf(p, intIn(g, 1, rank));
    for (int i = 0; i < out.length; i++) {
      if (bool(g)) {
        out[i] -= rank;
      }
    }
    return out;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  public static int[] permutation(Generator g, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = g.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /** The permutation that undoes {@code p}. */
  public static int[] inverse(int[] p) {
    int[] inv = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      inv[p[i]] = i;
    }
    return inv;
  }

  // ------------------------------------------------------------------ tensors

  /** Values uniform in [-2, 2]. */
  public static Tensor tensor(Generator g, DType dtype, int[] shape) {
    return tensor(g, dtype, shape, Values.uniform(-2, 2));
  }

  /** A fresh contiguous tensor whose elements are drawn from {@code values} (checked after rounding to dtype). */
  public static Tensor tensor(Generator g, DType dtype, int[] shape, Values values) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double x = values.draw(g);
      while (dtype == DType.FLOAT32 && !values.accepts((float) x)) {
        x = values.draw(g);
      }
      v[i] = x;
    }
    return of(v, shape, dtype);
  }

  /** Strictly positive values, {@link Values#positive()}. */
  public static Tensor positive(Generator g, DType dtype, int[] shape) {
    return tensor(g, dtype, shape, Values.positive());
  }

  /**
   * Values in [lo, hi] that differ pairwise by at least a quarter of {@code (hi - lo) / numel}: no
   * ties, so max, min, argmax and sort have one answer and their gradients a clear target.
   */
  public static Tensor distinct(Generator g, DType dtype, int[] shape, double lo, double hi) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double step = (hi - lo) / Math.max(n, 1);
    int[] slot = permutation(g, n);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + step * (slot[i] + 0.75 * g.nextDouble());
    }
    return of(v, shape, dtype);
  }

  private static Tensor of(double[] v, int[] shape, DType dtype) {
    if (dtype == DType.FLOAT64) {
      return Tensor.of(v, shape);
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.of(f, shape);
  }

  // ------------------------------------------------------------------ layouts

  /**
   * The values of {@code t} (same shape and dtype) in a random non-standard layout: stored in a
   * random dim order, narrowed out of a larger buffer and often interleaved with unused elements,
   * all NaN, so a kernel that ignores strides or offsets reads NaN and fails loudly. The result is a fresh leaf that shares
   * nothing with {@code t}; call {@code requiresGrad(true)} on it to use it as a parameter.
   */
  public static Tensor relayout(Generator g, Tensor t) {
    Tensor src = t.detach();
    int rank = src.dim();
    if (rank == 0) {
      Tensor buffer = Tensor.full(src.dtype(), Double.NaN, intIn(g, 1, 4));
      Tensor view = buffer.select(0, g.nextInt(buffer.size(0)));
      return view.copyFrom(src);
    }
    int[] order = permutation(g, rank);
    Tensor permuted = src.permute(order);
    int[] stored = permuted.shape();
    int[] padded = stored.clone();
    int[] starts = new int[rank];
    for (int i = 0; i < rank; i++) {
      if (bool(g)) {
        int pad = intIn(g, 1, 3);
        padded[i] += pad;
        starts[i] = g.nextInt(pad + 1);
      }
    }
    // Half the time every element gets NaN neighbours in an extra inner dim, so even the last
    // dim has a stride above 1 and no contiguous fast path applies.
    int interleave = bool(g) ? intIn(g, 2, 3) : 1;
    int[] buffer = Arrays.copyOf(padded, rank + 1);
    buffer[rank] = interleave;
    Tensor view = Tensor.full(src.dtype(), Double.NaN, buffer).select(rank, g.nextInt(interleave));
    for (int i = 0; i < rank; i++) {
      view = view.narrow(i, starts[i], stored[i]);
    }
    view.copyFrom(permuted);
    return view.permute(inverse(order));
  }

  /**
   * A tensor of {@code shape} that is an expanded (stride-0) view of a smaller random tensor
   * drawn from {@code values}: repeated values, shared memory.
   */
  public static Tensor expanded(Generator g, DType dtype, int[] shape, Values values) {
    return tensor(g, dtype, broadcastableTo(g, shape), values).expand(shape);
  }
}

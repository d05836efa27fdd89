package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * torch.matmul semantics and the GEMM kernels behind them. Expected values come from hand
 * arithmetic, from PyTorch ({@code tools/golden/matmul.py}), or from {@link MatMulReference}, a
 * naive triple loop in double precision written independently of the code under test.
 */
class MatMulTest {

  // ------------------------------------------------------------------ exact small cases

  @Test
  void seedExampleRowTimesColumn() {
    Tensor c = Tensor.of(new float[][] {{1, 2}}).matmul(Tensor.of(new float[][] {{3}, {4}}));
    assertArrayEquals(new int[] {1, 1}, c.shape());
    assertEquals(DType.FLOAT32, c.dtype());
    assertArrayEquals(new double[] {11}, c.toDoubleArray());
    Tensor d = Tensor.of(new double[][] {{1, 2}}).matmul(Tensor.of(new double[][] {{3}, {4}}));
    assertEquals(DType.FLOAT64, d.dtype());
    assertArrayEquals(new double[] {11}, d.toDoubleArray());
  }

  @Test
  void twoByThreeTimesThreeByTwo() {
    Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor b = Tensor.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});
    Tensor c = a.matmul(b);
    assertArrayEquals(new int[] {2, 2}, c.shape());
    // [1*7+2*9+3*11, 1*8+2*10+3*12; 4*7+5*9+6*11, 4*8+5*10+6*12]
    assertArrayEquals(new double[] {58, 64, 139, 154}, c.toDoubleArray());
  }

  @Test
  void vectorDotVectorIsZeroDimensional() {
    Tensor c = Tensor.of(new double[] {1, 2, 3}).matmul(Tensor.of(new double[] {4, -5, 6}));
    assertArrayEquals(new int[0], c.shape());
    assertEquals(12.0, c.item());
  }

  @Test
  void matrixTimesVectorDropsTheColumn() {
    Tensor c = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}).matmul(Tensor.of(new double[] {10, 1}));
    assertArrayEquals(new int[] {3}, c.shape());
    assertArrayEquals(new double[] {12, 34, 56}, c.toDoubleArray());
  }

  @Test
  void vectorTimesMatrixDropsTheRow() {
    Tensor c = Tensor.of(new double[] {1, -1, 2}).matmul(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
    assertArrayEquals(new int[] {2}, c.shape());
    assertArrayEquals(new double[] {8, 10}, c.toDoubleArray());
  }

  // ------------------------------------------------------------------ PyTorch golden values

  @Test
  void batchedBroadcastMatchesPyTorch() {
    Tensor a = arange(12, 0.5, 5, 2, 1, 2, 3);
    Tensor b = arange(18, 0.25, 7, 3, 3, 2);
    Tensor c = a.matmul(b);
    assertArrayEquals(new int[] {2, 3, 2, 2}, c.shape());
    // tools/golden/matmul.py: batched [2,1,2,3] @ [3,3,2]
    double[] torch = {8.0, 6.5, 2.375, 2.0, -1.0, -2.5, 0.125, -0.25, -10.0, -11.5, -2.125, -2.5, -3.25,
        -2.5, -8.875, -7.0, 1.25, 2.0, 2.375, 4.25, 5.75, 6.5, 13.625, 15.5};
    assertArrayEquals(torch, c.toDoubleArray(), 1e-12);
  }

  @Test
  void vectorTimesBatchMatchesPyTorch() {
    Tensor c = arange(3, 1.0, -1, 3).matmul(arange(24, 0.5, 10, 2, 3, 4));
    assertArrayEquals(new int[] {2, 4}, c.shape());
    // tools/golden/matmul.py: vector [3] @ [2,3,4]
    assertArrayEquals(new double[] {-14.0, -11.0, -8.0, -5.0, 22.0, 25.0, 28.0, 31.0}, c.toDoubleArray(), 1e-12);
  }

  @Test
  void batchTimesVectorMatchesPyTorch() {
    Tensor c = arange(24, 0.5, 10, 2, 3, 4).matmul(arange(4, 1.5, 2, 4));
    assertArrayEquals(new int[] {2, 3}, c.shape());
    // tools/golden/matmul.py: [2,3,4] @ vector [4]
    assertArrayEquals(new double[] {16.5, 10.5, 4.5, -1.5, -7.5, -13.5}, c.toDoubleArray(), 1e-12);
  }

  @Test
  void fourDimsTimesTransposedMatrixMatchesPyTorch() {
    Tensor c = arange(48, 0.125, 20, 2, 2, 3, 4).matmul(arange(20, 0.5, 9, 5, 4).transpose(0, 1));
    assertArrayEquals(new int[] {2, 2, 3, 5}, c.shape());
    // tools/golden/matmul.py: [2,2,3,4] @ [5,4].T
    double[] torch = {35.0, 16.5, -2.0, -20.5, -39.0, 27.5, 13.0, -1.5, -16.0, -30.5, 20.0, 9.5, -1.0, -11.5,
        -22.0, 12.5, 6.0, -0.5, -7.0, -13.5, 5.0, 2.5, 0.0, -2.5, -5.0, -2.5, -1.0, 0.5, 2.0, 3.5, -10.0, -4.5,
        1.0, 6.5, 12.0, -17.5, -8.0, 1.5, 11.0, 20.5, -25.0, -11.5, 2.0, 15.5, 29.0, -32.5, -15.0, 2.5, 20.0,
        37.5, -40.0, -18.5, 3.0, 24.5, 46.0, -47.5, -22.0, 3.5, 29.0, 54.5};
    assertArrayEquals(torch, c.toDoubleArray(), 1e-12);
  }

  // ------------------------------------------------------------------ every rank combination vs the reference

  @Test
  void allRankCombinationsMatchTheReference() {
    int[][][] cases = {
        {{5}, {5}, {}},
        {{4, 5}, {5}, {4}},
        {{5}, {5, 3}, {3}},
        {{4, 5}, {5, 3}, {4, 3}},
        {{5}, {2, 5, 3}, {2, 3}},
        {{2, 4, 5}, {5}, {2, 4}},
        {{2, 4, 5}, {5, 3}, {2, 4, 3}},
        {{4, 5}, {2, 5, 3}, {2, 4, 3}},
        {{2, 4, 5}, {2, 5, 3}, {2, 4, 3}},
        {{2, 1, 3, 4}, {5, 4, 6}, {2, 5, 3, 6}},
        {{3, 1, 4, 5}, {1, 2, 5, 3}, {3, 2, 4, 3}},
        {{1, 4, 5}, {3, 5, 2}, {3, 4, 2}},
        {{2, 2, 1, 4, 5}, {5, 3}, {2, 2, 1, 4, 3}},
    };
    Generator g = new Generator(11);
    for (DType dtype : DType.values()) {
      for (int[][] cs : cases) {
        Tensor a = Tensor.randn(g, dtype, cs[0]);
        Tensor b = Tensor.randn(g, dtype, cs[1]);
        Tensor c = a.matmul(b);
        String what = dtype + " " + Shapes.str(cs[0]) + " @ " + Shapes.str(cs[1]);
        assertArrayEquals(cs[2], c.shape(), what);
        assertEquals(dtype, c.dtype(), what);
        assertMatchesReference(a, b, c, what);
      }
    }
  }

  // ------------------------------------------------------------------ sizes around the blocking and threading

  @Test
  void randomSizesMatchTheReference() {
    int[][] sizes = {
        {1, 1, 1}, {1, 7, 1}, {3, 1, 40}, {1, 300, 64}, {2, 50, 70}, {7, 3, 33}, {3, 3, 32}, {6, 6, 31},
        {5, 17, 64}, {13, 31, 37}, {31, 33, 35}, {64, 64, 64}, {65, 63, 129}, {100, 7, 100}, {8, 257, 40},
        {37, 400, 65}, {19, 193, 600}, {300, 200, 170}, {129, 385, 257},
    };
    Generator g = new Generator(7);
    for (DType dtype : DType.values()) {
      for (int[] s : sizes) {
        Tensor a = Tensor.randn(g, dtype, s[0], s[1]);
        Tensor b = Tensor.randn(g, dtype, s[1], s[2]);
        Tensor c = a.matmul(b);
        String what = dtype + " " + s[0] + "x" + s[1] + " @ " + s[1] + "x" + s[2];
        assertArrayEquals(new int[] {s[0], s[2]}, c.shape(), what);
        assertMatchesReference(a, b, c, what);
      }
    }
  }

  @Test
  void largeBatchesSplitAcrossThreadsMatchTheReference() {
    Generator g = new Generator(3);
    for (DType dtype : DType.values()) {
      // 4 * 100 * 80 * 90 multiply-adds: above the threading threshold, split by batch.
      Tensor a = Tensor.randn(g, dtype, 4, 100, 80);
      Tensor b = Tensor.randn(g, dtype, 4, 80, 90);
      assertMatchesReference(a, b, a.matmul(b), dtype + " batched");
      // A shared weight: the batches fold into one 600-row product.
      Tensor x = Tensor.randn(g, dtype, 3, 200, 70);
      Tensor w = Tensor.randn(g, dtype, 70, 110);
      assertMatchesReference(x, w, x.matmul(w), dtype + " folded");
    }
  }

  @Test
  void thinResultsAndTinyProductsMatchTheReference() {
    // Few columns of C: contiguous dots, the transposed blocked path (also when split across
    // threads) and scalar loops, with every combination of transposed operands.
    int[][] sizes = {{50, 40, 1}, {70, 30, 5}, {200, 40, 1}, {40, 600, 3}, {17, 16, 15}, {3000, 50, 10},
        {4, 3, 4}, {2, 5, 3}, {7, 7, 7}, {16, 2, 1}};
    Generator g = new Generator(17);
    for (DType dtype : DType.values()) {
      for (int[] s : sizes) {
        for (int mode = 0; mode < 4; mode++) {
          Tensor a = (mode & 1) == 0 ? Tensor.randn(g, dtype, s[0], s[1])
              : Tensor.randn(g, dtype, s[1], s[0]).transpose(0, 1);
          Tensor b = (mode & 2) == 0 ? Tensor.randn(g, dtype, s[1], s[2])
              : Tensor.randn(g, dtype, s[2], s[1]).transpose(0, 1);
          String what = dtype + " " + s[0] + "x" + s[1] + "x" + s[2] + " mode " + mode;
          Tensor c = a.matmul(b);
          assertArrayEquals(new int[] {s[0], s[2]}, c.shape(), what);
          assertMatchesReference(a, b, c, what);
        }
      }
    }
  }

  // ------------------------------------------------------------------ views read in place

  @Test
  void transposedOperandsEqualTheContiguousProduct() {
    Generator g = new Generator(5);
    int[][] sizes = {{4, 6, 5}, {40, 70, 50}, {150, 90, 260}};
    for (DType dtype : DType.values()) {
      for (int[] s : sizes) {
        int m = s[0];
        int k = s[1];
        int n = s[2];
        Tensor at = Tensor.randn(g, dtype, k, m);
        Tensor bt = Tensor.randn(g, dtype, n, k);
        Tensor a = at.transpose(0, 1);
        Tensor b = bt.transpose(0, 1);
        Tensor expected = copy(a).matmul(copy(b));
        String what = dtype + " " + m + "x" + k + "x" + n;
        assertClose(expected, a.matmul(b), k, what + " A.T @ B.T");
        assertClose(expected, copy(a).matmul(b), k, what + " A @ B.T");
        assertClose(expected, a.matmul(copy(b)), k, what + " A.T @ B");
        assertMatchesReference(a, b, a.matmul(b), what);
      }
    }
  }

  /**
   * A transposed A over several column blocks of B (the weight gradient x.T @ dy) is packed once
   * per depth block and reused across column blocks, with depth blocks outermost: every element
   * must still sum the same products in the same order as for the row-major copy, bit for bit.
   * Sizes cross the column block (NC: 256 doubles, 512 floats), the depth block (KC, about 256),
   * the six-row blocks and the split across threads.
   */
  @Test
  void transposedAOverManyColumnBlocksIsBitIdenticalToItsCopy() {
    Generator g = new Generator(11);
    int[][] sizes = {{101, 600, 1100}, {7, 300, 530}, {64, 784, 1030}};
    for (DType dtype : DType.values()) {
      for (int[] s : sizes) {
        Tensor a = Tensor.randn(g, dtype, s[1], s[0]).transpose(0, 1); // m x k, a transposed view
        Tensor b = Tensor.randn(g, dtype, s[1], s[2]);
        double[] expected = copy(a).matmul(b).toDoubleArray();
        double[] actual = a.matmul(b).toDoubleArray();
        String what = dtype + " " + s[0] + "x" + s[1] + "x" + s[2];
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 0.0, what + " at " + i);
        }
      }
    }
  }

  @Test
  void narrowedAndExpandedOperandsEqualTheContiguousProduct() {
    Generator g = new Generator(9);
    for (DType dtype : DType.values()) {
      Tensor big = Tensor.randn(g, dtype, 90, 120);
      Tensor a = big.narrow(0, 5, 60).narrow(1, 7, 50);
      Tensor b = Tensor.randn(g, dtype, 80, 70).narrow(0, 10, 50).narrow(1, 3, 40);
      assertClose(copy(a).matmul(copy(b)), a.matmul(b), 50, dtype + " narrowed");

      Tensor row = Tensor.randn(g, dtype, 1, 30);
      Tensor rows = row.expand(45, 30);
      Tensor col = Tensor.randn(g, dtype, 30, 1);
      Tensor cols = col.expand(30, 40);
      Tensor expected = copy(rows).matmul(copy(cols));
      assertClose(expected, rows.matmul(cols), 30, dtype + " expanded");
      assertMatchesReference(rows, cols, rows.matmul(cols), dtype + " expanded");

      Tensor x = Tensor.randn(g, dtype, 1, 20, 30).expand(3, 20, 30);
      Tensor w = Tensor.randn(g, dtype, 30, 40);
      Tensor c = x.matmul(w);
      assertArrayEquals(new int[] {3, 20, 40}, c.shape());
      assertClose(copy(x).matmul(w), c, 30, dtype + " batch-expanded");
    }
  }

  @Test
  void batchDimsThatCannotFoldStillMatchTheReference() {
    Generator g = new Generator(13);
    // [50, 3, 40] viewed as [3, 50, 40]: batch stride 40, row stride 120, so no single row stride.
    Tensor a = Tensor.randn(g, DType.FLOAT32, 50, 3, 40).transpose(0, 1);
    Tensor w = Tensor.randn(g, DType.FLOAT32, 40, 60);
    assertMatchesReference(a, w, a.matmul(w), "transposed batch");
    Tensor b = Tensor.randn(g, DType.FLOAT64, 2, 3, 40, 60).narrow(1, 1, 2);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 2, 1, 50, 40);
    assertMatchesReference(x, b, x.matmul(b), "narrowed batch");
  }

  // ------------------------------------------------------------------ empty dims, dtypes, inputs

  @Test
  void emptyDimsGiveEmptyOrZeroResults() {
    Tensor c = Tensor.zeros(0, 3).matmul(Tensor.ones(3, 4));
    assertArrayEquals(new int[] {0, 4}, c.shape());
    Tensor d = Tensor.ones(3, 4).matmul(Tensor.ones(4, 0));
    assertArrayEquals(new int[] {3, 0}, d.shape());
    Tensor e = Tensor.ones(2, 0).matmul(Tensor.ones(0, 3));
    assertArrayEquals(new int[] {2, 3}, e.shape());
    assertArrayEquals(new double[6], e.toDoubleArray());
    Tensor f = Tensor.ones(DType.FLOAT64, 0).matmul(Tensor.ones(DType.FLOAT64, 0));
    assertArrayEquals(new int[0], f.shape());
    assertEquals(0.0, f.item());
    Tensor h = Tensor.ones(0, 2, 3).matmul(Tensor.ones(3, 4));
    assertArrayEquals(new int[] {0, 2, 4}, h.shape());
    Tensor big = Tensor.ones(200, 0).matmul(Tensor.ones(0, 300));
    assertArrayEquals(new double[200 * 300], big.toDoubleArray());
  }

  @Test
  void float32WithFloat64PromotesToFloat64() {
    Tensor a = Tensor.of(new float[][] {{0.1f, 2}, {3, 4}});
    Tensor b = Tensor.of(new double[][] {{1, 0.1}, {1, 1}});
    Tensor c = a.matmul(b);
    assertEquals(DType.FLOAT64, c.dtype());
    double a00 = 0.1f;
    assertArrayEquals(new double[] {a00 + 2, a00 * 0.1 + 2, 7, 3 * 0.1 + 4}, c.toDoubleArray(), 0.0);
    assertEquals(DType.FLOAT64, b.matmul(a).dtype());
  }

  @Test
  void inputsAreNotChangedAndTheResultIsFresh() {
    Generator g = new Generator(21);
    Tensor a = Tensor.randn(g, DType.FLOAT32, 70, 60);
    double[] before = a.toDoubleArray();
    Tensor c = a.matmul(a.transpose(0, 1));
    assertArrayEquals(before, a.toDoubleArray());
    assertTrue(c.isContiguous());
    assertMatchesReference(a, a.transpose(0, 1), c, "a @ a.T");
  }

  // ------------------------------------------------------------------ errors

  @Test
  void zeroDimensionalOperandsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.scalar(2.0).matmul(Tensor.ones(3)));
    assertTrue(e.getMessage().startsWith("matmul: "), e.getMessage());
    assertTrue(e.getMessage().contains("[] @ [3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.ones(3).matmul(Tensor.scalar(1.0)));
  }

  @Test
  void innerDimensionMismatchNamesBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ones(3, 4).matmul(Tensor.ones(5, 2)));
    assertTrue(e.getMessage().startsWith("matmul: inner dimensions differ: [3, 4] @ [5, 2] (4 != 5); "),
        e.getMessage());
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ones(3).matmul(Tensor.ones(4)));
    assertTrue(v.getMessage().contains("[3] @ [4] (3 != 4)"), v.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ones(2, 3).matmul(Tensor.ones(2)));
    assertTrue(m.getMessage().contains("[2, 3] @ [2] (3 != 2)"), m.getMessage());
  }

  @Test
  void unbroadcastableBatchDimsNameBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ones(2, 3, 4, 5).matmul(Tensor.ones(4, 5, 6)));
    String msg = e.getMessage();
    assertTrue(msg.startsWith("matmul: batch dims [2, 3] of [2, 3, 4, 5] and [4] of [4, 5, 6] cannot be broadcast"),
        msg);
    assertTrue(msg.contains("3 vs 4"), msg);
  }

  // ------------------------------------------------------------------ helpers

  /** {@code ((i - shift) * scale)} for i in [0, count), shaped; tools/golden/matmul.py builds the same. */
  private static Tensor arange(int count, double scale, double shift, int... shape) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = (i - shift) * scale;
    }
    return Tensor.of(v, shape);
  }

  private static Tensor copy(Tensor t) {
    return t.dtype() == DType.FLOAT32 ? Tensor.of(t.toFloatArray(), t.shape()) : Tensor.of(t.toDoubleArray(), t.shape());
  }

  private static double eps(DType dtype) {
    return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
  }

  /** Elementwise |x - y| within the rounding a k-term dot product may accumulate. */
  private static void assertClose(Tensor expected, Tensor actual, int k, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what);
    assertEquals(expected.dtype(), actual.dtype(), what);
    double[] x = expected.toDoubleArray();
    double[] y = actual.toDoubleArray();
    double tol = 4 * (k + 1) * eps(actual.dtype());
    for (int i = 0; i < x.length; i++) {
      if (!(Math.abs(x[i] - y[i]) <= tol * (Math.abs(x[i]) + Math.sqrt(k + 1.0)))) {
        fail(what + ": element " + i + " is " + y[i] + ", expected " + x[i]);
      }
    }
  }

  /** Compares {@code c} with {@link MatMulReference}, allowing the rounding of a k-term float sum. */
  private static void assertMatchesReference(Tensor a, Tensor b, Tensor c, String what) {
    double[][] ref = MatMulReference.compute(a.toDoubleArray(), a.shape(), b.toDoubleArray(), b.shape());
    double[] got = c.toDoubleArray();
    assertEquals(ref[0].length, got.length, what + ": element count");
    int k = a.shape()[a.dim() - 1];
    double tol = 4 * (k + 1) * eps(c.dtype());
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - ref[0][i]) <= tol * ref[1][i] + Double.MIN_NORMAL)) {
        fail(what + ": element " + i + " is " + got[i] + ", expected " + ref[0][i] + " (sum |a b| " + ref[1][i] + ")");
      }
    }
  }
}

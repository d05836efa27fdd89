package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shape ops: results compared with PyTorch's shape, strides, storage offset and values, and
 * views checked to share storage with their base (copies not to).
 */
class ViewsTest {
  /** What PyTorch reports for a view. */
  record Expect(int[] shape, int[] stride, int offset, double[] values) {}

  /** {@code torch.arange(start, start + n, dtype=float64).reshape(shape)}, as tools/golden/views.py builds it. */
  private static Tensor arFrom(int start, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Tensor.arange(DType.FLOAT64, start, start + n, 1).reshape(shape);
  }

  private static Tensor ar(int... shape) {
    return arFrom(0, shape);
  }

  private static void check(Expect e, Tensor t) {
    assertArrayEquals(e.shape(), t.shape(), "shape");
    assertArrayEquals(e.stride(), t.stride(), "strides");
    if (t.numel() > 0) { // torch keeps a meaningless offset on empty views; ours may differ
      assertEquals(e.offset(), t.offset, "storage offset");
    }
    assertArrayEquals(e.values(), t.toDoubleArray(), 0.0, "values");
  }

  /** Whether {@code view} writes through to {@code base}: an in-place write to it bumps base's version. */
  private static boolean sharesStorage(Tensor base, Tensor view) {
    int before = base.version();
    view.fill(-7);
    return base.version() == before + 1;
  }

  private static IllegalArgumentException fails(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
    return e;
  }

  @Test
  void reshapeIsAViewWhenTheStridesAllowIt() {
    Tensor base = ar(4, 6);
    Tensor r = base.narrow(1, 0, 4).reshape(4, 2, 2);
    check(RESHAPE_NARROWED, r);
    assertTrue(sharesStorage(base, r));
    assertEquals(-7.0, base.get(3, 3));
    assertEquals(22.0, base.get(3, 4), "outside the narrowed columns");
    check(RESHAPE_TRANSPOSED_ADD_DIM, ar(2, 3).t().reshape(3, 2, 1));
    check(RESHAPE_INFER, ar(2, 3, 4).reshape(2, -1, 4).reshape(-1, 6));
    Tensor c = ar(2, 3, 4);
    assertTrue(sharesStorage(c, c.reshape(-1)));
    assertArrayEquals(new int[] {1}, Tensor.scalar(3).reshape(-1).shape());
    assertArrayEquals(new int[0], Tensor.of(new double[] {3}).reshape().shape());
    assertArrayEquals(new int[] {0, 5}, Tensor.zeros(0, 3).reshape(-1, 5).shape());
  }

  @Test
  void reshapeCopiesWhenTheStridesDoNotAllowAView() {
    Tensor base = ar(2, 3);
    Tensor r = base.t().reshape(6);
    check(RESHAPE_TRANSPOSED_FLAT, r);
    assertFalse(sharesStorage(base, r));
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, base.toDoubleArray(), 0.0);
    Tensor expanded = ar(3).expand(2, 3);
    Tensor flat = expanded.reshape(6);
    assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2}, flat.toDoubleArray(), 0.0);
    assertArrayEquals(new int[] {1}, flat.stride());
  }

  @Test
  void viewRefusesALayoutThatNeedsACopy() {
    Tensor t = ar(2, 3).t();
    fails(() -> t.view(6), "view:", "shape [3, 2]", "strides [1, 3]", "[6]", "reshape");
    fails(() -> ar(4, 6).narrow(1, 0, 4).view(16), "view:", "[4, 4]", "[6, 1]");
    Tensor ok = t.view(3, 2, 1);
    assertArrayEquals(new int[] {1, 3, 3}, ok.stride());
    Tensor base = ar(2, 3);
    Tensor v = base.view(-1);
    assertTrue(sharesStorage(base, v));
    fails(() -> base.view(4), "view:", "shape [4]", "6");
  }

  @Test
  void flattenMergesDims() {
    check(FLATTEN_1_2, ar(2, 3, 4).flatten(1, 2));
    check(FLATTEN_T, ar(2, 3).t().flatten());
    assertArrayEquals(new int[] {24}, ar(2, 3, 4).flatten(0, -1).shape());
    assertArrayEquals(new int[] {6, 4}, ar(2, 3, 4).flatten(-3, -2).shape());
    assertArrayEquals(new int[] {1}, Tensor.scalar(5).flatten().shape());
    assertArrayEquals(new int[] {1}, Tensor.scalar(5).flatten(0, -1).shape());
    fails(() -> ar(2, 3, 4).flatten(2, 1), "flatten:", "startDim 2", "endDim 1");
    fails(() -> ar(2, 3).flatten(0, 2), "flatten:", "dim 2", "rank 2");
  }

  @Test
  void transposeAndTSwapStrides() {
    Tensor base = ar(2, 3, 4);
    Tensor tr = base.transpose(-1, 0);
    check(TRANSPOSE_NEG, tr);
    assertFalse(tr.isContiguous());
    assertTrue(sharesStorage(base, tr));
    Tensor m = ar(2, 3);
    assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, m.t().toDoubleArray(), 0.0);
    assertArrayEquals(new int[] {1, 3}, m.t().stride());
    Tensor v = ar(3);
    assertSame(v, v.t());
    assertArrayEquals(new double[] {0, 1, 2}, v.transpose(0, -1).toDoubleArray(), 0.0);
    // 0-d: both dims name the same (virtual) dim, as in torch.
    assertEquals(4.0, Tensor.scalar(4).transpose(0, -1).item());
    fails(() -> base.t(), "t:", "[2, 3, 4]", "transpose(dim0, dim1)");
    fails(() -> base.transpose(0, 3), "transpose:", "dim 3", "rank 3");
  }

  @Test
  void permuteReordersDims() {
    check(PERMUTE_201, ar(2, 3, 4).permute(2, 0, 1));
    check(PERMUTE_NEG, ar(2, 3, 4).permute(-1, -3, -2));
    assertEquals(5.0, Tensor.scalar(5).permute().item());
    fails(() -> ar(2, 3).permute(0), "permute:", "1 dims [0]", "rank 2");
    fails(() -> ar(2, 3).permute(1, -1), "permute:", "appears more than once");
    fails(() -> ar(2, 3).permute(0, 2), "permute:", "dim 2");
  }

  @Test
  void unsqueezeAndSqueeze() {
    check(UNSQUEEZE_T_1, ar(2, 3).t().unsqueeze(1));
    check(UNSQUEEZE_T_END, ar(2, 3).t().unsqueeze(-1));
    check(UNSQUEEZE_FRONT, ar(2, 3, 4).unsqueeze(0));
    assertArrayEquals(new int[] {1}, Tensor.scalar(1).unsqueeze(-1).shape());
    fails(() -> ar(2, 3).unsqueeze(3), "unsqueeze:", "dim 3");

    check(SQUEEZE_ALL, ar(1, 3, 1, 2).squeeze());
    check(SQUEEZE_ONE, ar(1, 3, 1, 2).squeeze(2));
    check(SQUEEZE_ONE, ar(1, 3, 1, 2).squeeze(-2));
    Tensor notOne = ar(1, 3, 1, 2).squeeze(1);
    assertArrayEquals(new int[] {1, 3, 1, 2}, notOne.shape(), "squeezing a size-3 dim is a no-op, as in torch");
    assertArrayEquals(new int[0], Tensor.of(new double[] {1}, 1, 1).squeeze().shape());
    assertArrayEquals(new int[0], Tensor.scalar(2).squeeze(0).shape());
    Tensor base = ar(1, 3, 1, 2);
    assertTrue(sharesStorage(base, base.squeeze()));
  }

  @Test
  void expandBroadcastsWithZeroStrides() {
    check(EXPAND_NEW_DIMS, ar(3, 1).expand(2, 3, 4));
    check(EXPAND_KEEP, ar(3, 1).expand(-1, 2));
    Tensor e = Tensor.scalar(1.5).expand(2, 2);
    assertArrayEquals(new int[] {0, 0}, e.stride());
    assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, e.toDoubleArray(), 0.0);
    assertArrayEquals(new int[] {2, 3}, ar(3).expandAs(Tensor.zeros(2, 3)).shape());
    fails(() -> ar(3, 2).expand(3, 4), "expand:", "[3, 2]", "[3, 4]", "dim 1: 2 vs 4", "size-1");
    fails(() -> ar(3, 2).expand(2), "expand:", "fewer dims", "[3, 2]");
    fails(() -> ar(3).expand(-1, 3), "expand:", "-1", "leading dim 0");
    fails(() -> ar(3, 1).expand(3, -2), "expand:", "negative size -2");
  }

  @Test
  void narrowSliceAndSelect() {
    Tensor base = ar(3, 4);
    check(NARROW_COLS, base.narrow(1, 1, 2));
    check(NARROW_NEG_START, base.narrow(0, -2, 2));
    assertTrue(sharesStorage(base, base.narrow(1, 1, 2)));
    assertArrayEquals(new double[] {0, -7, -7, 3, 4, -7, -7, 7, 8, -7, -7, 11}, base.toDoubleArray(), 0.0);
    assertEquals(0, ar(3).narrow(0, 3, 0).numel());
    fails(() -> ar(3, 4).narrow(1, 3, 2), "narrow:", "start 3", "length 2", "size 4", "[3, 4]");
    fails(() -> ar(3).narrow(0, 0, -1), "narrow:", "length -1");
    fails(() -> Tensor.scalar(1).narrow(0, 0, 1), "narrow:");

    check(SLICE_TAIL_CLIPPED, ar(10).slice(0, -2, 100));
    check(SLICE_NEG_END, ar(3, 4).slice(1, -100, -1));
    check(SLICE_EMPTY, ar(10).slice(0, 5, 2));
    assertArrayEquals(new int[] {0}, ar(10).slice(-1, 20, 30).shape());
    fails(() -> Tensor.scalar(1).slice(0, 0, 1), "slice:", "0-d");

    check(SELECT_MIDDLE_NEG, ar(2, 3, 4).select(1, -1));
    check(SELECT_LAST, ar(2, 3, 4).select(-1, 1));
    assertEquals(2.0, ar(3).select(0, 2).item());
    assertEquals(0, ar(3).select(0, 2).dim());
    fails(() -> ar(2, 3).select(1, 3), "select:", "index 3", "size 3", "[2, 3]");
    fails(() -> ar(2, 3).select(0, -3), "select:", "index -3");
    fails(() -> Tensor.scalar(1).select(0, 0), "select:", "0-d");
  }

  @Test
  void contiguousCopiesOnlyWhenNeeded() {
    Tensor base = ar(2, 3);
    assertSame(base, base.contiguous());
    Tensor rows = base.narrow(0, 1, 1);
    assertSame(rows, rows.contiguous(), "a row block is contiguous although it starts at an offset");
    Tensor c = base.t().contiguous();
    check(CONTIGUOUS_T, c);
    assertNotSame(base.t(), c);
    assertFalse(sharesStorage(base, c));
    assertTrue(ar(3).expand(2, 3).contiguous().isContiguous());
  }

  @Test
  void catJoinsAlongAnyDimAndPromotes() {
    Tensor a = ar(2, 3);
    Tensor b = arFrom(6, 2, 3);
    check(CAT_0, Tensor.cat(new Tensor[] {a, b}, 0));
    check(CAT_1, Tensor.cat(List.of(a, b.narrow(1, 0, 2)), 1));
    check(CAT_1, Tensor.cat(List.of(a, b.narrow(1, 0, 2)), -1));
    check(CAT_NEG_3D, Tensor.cat(List.of(ar(2, 3, 4).narrow(0, 0, 1), arFrom(50, 1, 3, 4)), -3));
    check(CAT_MIDDLE_3D, Tensor.cat(List.of(ar(2, 3, 4), arFrom(100, 2, 1, 4)), 1));
    Tensor p = Tensor.cat(List.of(Tensor.of(new float[] {0.1f}), Tensor.of(new double[] {0.1})), 0);
    assertEquals(DType.FLOAT64, p.dtype());
    check(CAT_PROMOTE, p);
    Tensor one = Tensor.cat(List.of(a), 0);
    assertTrue(one.equal(a));
    assertFalse(sharesStorage(a, one), "cat copies even a single tensor");

    fails(() -> Tensor.cat(List.of(a, ar(2, 4)), 0), "cat:", "outside dim 0", "[2, 4]", "[2, 3]");
    fails(() -> Tensor.cat(List.of(a, ar(6)), 0), "cat:", "tensor 1 has shape [6]", "same rank");
    fails(() -> Tensor.cat(List.<Tensor>of(), 0), "cat:", "at least one");
    fails(() -> Tensor.cat(List.of(Tensor.scalar(1), Tensor.scalar(2)), 0), "cat:", "zero-dimensional", "stack");
    fails(() -> Tensor.cat(List.of(a, b), 2), "cat:", "dim 2", "rank 2");
  }

  @Test
  void stackAddsANewDim() {
    Tensor a = ar(2, 3);
    Tensor b = arFrom(6, 2, 3);
    check(STACK_0, Tensor.stack(new Tensor[] {a, b}, 0));
    check(STACK_1, Tensor.stack(List.of(a, b), 1));
    check(STACK_NEG, Tensor.stack(List.of(a, b), -1));
    check(STACK_NEG, Tensor.stack(List.of(a, b), 2));
    Tensor scalars = Tensor.stack(List.of(Tensor.scalar(1), Tensor.scalar(2, DType.FLOAT64)), 0);
    assertEquals(DType.FLOAT64, scalars.dtype());
    assertArrayEquals(new double[] {1, 2}, scalars.toDoubleArray(), 0.0);
    fails(() -> Tensor.stack(List.of(a, ar(3, 2)), 0), "stack:", "tensor 1 has shape [3, 2]", "[2, 3]", "equal shapes");
    fails(() -> Tensor.stack(List.<Tensor>of(), 0), "stack:", "at least one");
    fails(() -> Tensor.stack(List.of(a, b), 3), "stack:", "dim 3");
  }

  @Test
  void viewsShareStorageAndSeeItsVersion() {
    Tensor base = ar(2, 3);
    Tensor t = base.t();
    Tensor n = base.narrow(1, 1, 2);
    Tensor e = base.select(0, 1).unsqueeze(0);
    assertEquals(0, base.version());
    n.fill(9);
    assertEquals(1, base.version());
    assertEquals(1, t.version());
    assertEquals(1, e.version());
    assertArrayEquals(new double[] {0, 3, 9, 9, 9, 9}, t.toDoubleArray(), 0.0);
    t.select(0, 0).copyFrom(Tensor.of(new double[] {-1, -2}));
    assertEquals(2, n.version());
    assertArrayEquals(new double[] {-1, 9, 9, -2, 9, 9}, base.toDoubleArray(), 0.0);
    Tensor copy = base.contiguous().t().contiguous();
    copy.fill(0);
    assertEquals(2, base.version(), "a copy has its own storage and counter");
    assertEquals(base.version(), base.detach().version(), "detach shares storage");
  }

  // Produced by /usr/bin/python3 tools/golden/views.py (PyTorch 1.13); regenerate there, do not edit by hand.
  static final Expect RESHAPE_NARROWED =
      new Expect(new int[] {4, 2, 2}, new int[] {6, 2, 1}, 0,
          new double[] {0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21});
  static final Expect RESHAPE_TRANSPOSED_ADD_DIM =
      new Expect(new int[] {3, 2, 1}, new int[] {1, 3, 3}, 0,
          new double[] {0, 3, 1, 4, 2, 5});
  static final Expect RESHAPE_TRANSPOSED_FLAT =
      new Expect(new int[] {6}, new int[] {1}, 0,
          new double[] {0, 3, 1, 4, 2, 5});
  static final Expect RESHAPE_INFER =
      new Expect(new int[] {4, 6}, new int[] {6, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
  static final Expect PERMUTE_201 =
      new Expect(new int[] {4, 2, 3}, new int[] {1, 12, 4}, 0,
          new double[] {0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23});
  static final Expect PERMUTE_NEG =
      new Expect(new int[] {4, 2, 3}, new int[] {1, 12, 4}, 0,
          new double[] {0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23});
  static final Expect TRANSPOSE_NEG =
      new Expect(new int[] {4, 3, 2}, new int[] {1, 4, 12}, 0,
          new double[] {0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23});
  static final Expect UNSQUEEZE_T_1 =
      new Expect(new int[] {3, 1, 2}, new int[] {1, 6, 3}, 0,
          new double[] {0, 3, 1, 4, 2, 5});
  static final Expect UNSQUEEZE_T_END =
      new Expect(new int[] {3, 2, 1}, new int[] {1, 3, 1}, 0,
          new double[] {0, 3, 1, 4, 2, 5});
  static final Expect UNSQUEEZE_FRONT =
      new Expect(new int[] {1, 2, 3, 4}, new int[] {24, 12, 4, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
  static final Expect SQUEEZE_ALL =
      new Expect(new int[] {3, 2}, new int[] {2, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5});
  static final Expect SQUEEZE_ONE =
      new Expect(new int[] {1, 3, 2}, new int[] {6, 2, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5});
  static final Expect EXPAND_NEW_DIMS =
      new Expect(new int[] {2, 3, 4}, new int[] {0, 1, 0}, 0,
          new double[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2});
  static final Expect EXPAND_KEEP =
      new Expect(new int[] {3, 2}, new int[] {1, 0}, 0,
          new double[] {0, 0, 1, 1, 2, 2});
  static final Expect NARROW_COLS =
      new Expect(new int[] {3, 2}, new int[] {4, 1}, 1,
          new double[] {1, 2, 5, 6, 9, 10});
  static final Expect NARROW_NEG_START =
      new Expect(new int[] {2, 4}, new int[] {4, 1}, 4,
          new double[] {4, 5, 6, 7, 8, 9, 10, 11});
  static final Expect SLICE_TAIL_CLIPPED =
      new Expect(new int[] {2}, new int[] {1}, 8,
          new double[] {8, 9});
  static final Expect SLICE_NEG_END =
      new Expect(new int[] {3, 3}, new int[] {4, 1}, 0,
          new double[] {0, 1, 2, 4, 5, 6, 8, 9, 10});
  static final Expect SLICE_EMPTY =
      new Expect(new int[] {0}, new int[] {1}, 5,
          new double[] {});
  static final Expect SELECT_MIDDLE_NEG =
      new Expect(new int[] {2, 4}, new int[] {12, 1}, 8,
          new double[] {8, 9, 10, 11, 20, 21, 22, 23});
  static final Expect SELECT_LAST =
      new Expect(new int[] {2, 3}, new int[] {12, 4}, 1,
          new double[] {1, 5, 9, 13, 17, 21});
  static final Expect FLATTEN_1_2 =
      new Expect(new int[] {2, 12}, new int[] {12, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
  static final Expect FLATTEN_T =
      new Expect(new int[] {6}, new int[] {1}, 0,
          new double[] {0, 3, 1, 4, 2, 5});
  static final Expect CONTIGUOUS_T =
      new Expect(new int[] {3, 2}, new int[] {2, 1}, 0,
          new double[] {0, 3, 1, 4, 2, 5});
  static final Expect CAT_0 =
      new Expect(new int[] {4, 3}, new int[] {3, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  static final Expect CAT_1 =
      new Expect(new int[] {2, 5}, new int[] {5, 1}, 0,
          new double[] {0, 1, 2, 6, 7, 3, 4, 5, 9, 10});
  static final Expect CAT_NEG_3D =
      new Expect(new int[] {2, 3, 4}, new int[] {12, 4, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61});
  static final Expect CAT_MIDDLE_3D =
      new Expect(new int[] {2, 4, 4}, new int[] {16, 4, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 100, 101, 102, 103, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 104, 105, 106, 107});
  static final Expect CAT_PROMOTE =
      new Expect(new int[] {2}, new int[] {1}, 0,
          new double[] {0.10000000149011612, 0.1});
  static final Expect STACK_0 =
      new Expect(new int[] {2, 2, 3}, new int[] {6, 3, 1}, 0,
          new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  static final Expect STACK_1 =
      new Expect(new int[] {2, 2, 3}, new int[] {6, 3, 1}, 0,
          new double[] {0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11});
  static final Expect STACK_NEG =
      new Expect(new int[] {2, 3, 2}, new int[] {6, 2, 1}, 0,
          new double[] {0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11});
}

package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import dev.tinytorch.tensor.testing.Values;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Forward kernels of indexSelect, indexAdd, where and maskedFill: values by hand, both dtypes,
 * strided and expanded inputs against a plain element-by-element reference, and the error
 * messages (with nothing changed when an op is refused). PyTorch's values are in the autograd
 * module's golden test (tools/golden/index_ops.py).
 */
class IndexOpsTest {
  private static final Tensor M43 = Tensor.of(new double[] {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}, 4, 3);

  @Test
  void indexSelectRowsAndColumnsWithRepeats() {
    for (DType dtype : DType.values()) {
      Tensor m = M43.to(dtype);
      Tensor rows = m.indexSelect(0, Tensor.of(new double[] {3, 0, 3}));
      assertEquals(dtype, rows.dtype());
      assertArrayEquals(new int[] {3, 3}, rows.shape());
      assertArrayEquals(new double[] {30, 31, 32, 0, 1, 2, 30, 31, 32}, rows.toDoubleArray());
      Tensor cols = m.indexSelect(-1, Tensor.of(new float[] {2, 2, 0, 1}));
      assertArrayEquals(new int[] {4, 4}, cols.shape());
      assertArrayEquals(new double[] {2, 2, 0, 1, 12, 12, 10, 11, 22, 22, 20, 21, 32, 32, 30, 31}, cols.toDoubleArray());
    }
  }

  @Test
  void indexSelectWithAnEmptyIndexGivesAnEmptyDim() {
    Tensor r = M43.indexSelect(1, Tensor.of(new double[0]));
    assertArrayEquals(new int[] {4, 0}, r.shape());
  }

  @Test
  void indexSelectReadsViews() {
    // The transpose of M43, a narrowed slice and an expanded row all read through their strides.
    Tensor t = M43.transpose(0, 1); // [3, 4], row 0 = 0, 10, 20, 30
    assertArrayEquals(new double[] {0, 30, 10, 20, 1, 31, 11, 21, 2, 32, 12, 22},
        t.indexSelect(1, Tensor.of(new double[] {0, 3, 1, 2})).toDoubleArray());
    Tensor narrowed = M43.narrow(0, 1, 2); // rows 10.., 20..
    assertArrayEquals(new double[] {22, 12}, narrowed.indexSelect(1, Tensor.of(new double[] {2})).flatten()
        .indexSelect(0, Tensor.of(new double[] {1, 0})).toDoubleArray());
    Tensor expanded = Tensor.of(new double[] {5, 6}).expand(3, 2);
    assertArrayEquals(new double[] {6, 5, 6, 5, 6, 5}, expanded.indexSelect(1, Tensor.of(new double[] {1, 0})).toDoubleArray());
  }

  @Test
  void indexAddAccumulatesRepeatsInOrderAndLeavesSelfAlone() {
    for (DType dtype : DType.values()) {
      Tensor self = Tensor.ones(dtype, 3, 2);
      Tensor source = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).to(dtype);
      Tensor r = self.indexAdd(0, Tensor.of(new double[] {2, 0, 2}), source);
      assertEquals(dtype, r.dtype());
      assertArrayEquals(new double[] {4, 5, 1, 1, 7, 9}, r.toDoubleArray());
      assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, self.toDoubleArray(), "out of place");
      assertEquals(0, self.version());
      Tensor c = self.indexAdd(1, Tensor.of(new double[] {1, 1}), Tensor.ones(dtype, 3, 2));
      assertArrayEquals(new double[] {1, 3, 1, 3, 1, 3}, c.toDoubleArray());
    }
  }

  @Test
  void indexAddRoundsEachAddInFloat32() {
    // 1 + 2^-24 + 2^-24 in float: each add rounds back to 1, as a sequence of in-place adds does.
    Tensor r = Tensor.ones(DType.FLOAT32, 1).indexAdd(0, Tensor.of(new double[] {0, 0}),
        Tensor.of(new float[] {0x1p-24f, 0x1p-24f}));
    assertEquals(1.0, r.item());
  }

  @Test
  void indexOpsMatchAnElementwiseReferenceOnRandomViews() {
    Property.check("indexSelect and indexAdd vs reference", 300, 31, g -> {
      DType dtype = Gen.dtype(g);
      int[] s = Gen.shape(g, 1, 3, 1, 4);
      int dim = g.nextInt(s.length);
      int n = Gen.intIn(g, 0, 5);
      double[] idx = new double[n];
      for (int i = 0; i < n; i++) {
        idx[i] = g.nextInt(s[dim]);
      }
      int[] src = s.clone();
      src[dim] = n;
      Tensor x = Gen.relayout(g, Gen.tensor(g, dtype, s));
      Tensor source = Gen.bool(g) ? Gen.relayout(g, Gen.tensor(g, dtype, src)) : Gen.expanded(g, dtype, src,
          Values.uniform(-2, 2));
      return new Object[] {x, dim, Tensor.of(idx), source};
    }, c -> {
      Tensor x = (Tensor) c[0];
      int dim = (Integer) c[1];
      Tensor index = (Tensor) c[2];
      Tensor source = (Tensor) c[3];
      double[] idx = index.toDoubleArray();
      Tensor sel = x.indexSelect(dim, index);
      assertArrayEquals(source.shape(), sel.shape());
      forEachIndex(sel.shape(), at -> {
        int[] from = at.clone();
        from[dim] = (int) idx[at[dim]];
        assertEquals(x.get(from), sel.get(at), () -> "indexSelect at " + Arrays.toString(at));
      });
      Tensor sum = x.indexAdd(dim, index, source);
      double[] expected = x.toDoubleArray();
      int[] strides = Shapes.contiguousStrides(x.shape());
      forEachIndex(source.shape(), at -> {
        int[] to = at.clone();
        to[dim] = (int) idx[at[dim]];
        int pos = 0;
        for (int d = 0; d < to.length; d++) {
          pos += to[d] * strides[d];
        }
        expected[pos] = x.dtype() == DType.FLOAT32 ? (float) ((float) expected[pos] + (float) source.get(at))
            : expected[pos] + source.get(at);
      });
      assertArrayEquals(expected, sum.toDoubleArray());
    });
  }

  @Test
  void whereBroadcastsAllThreeAndPromotes() {
    Tensor cond = Tensor.of(new double[] {1, 0, Double.NaN}, 3, 1); // NaN is true
    Tensor a = Tensor.of(new float[] {1, 2});
    Tensor b = Tensor.scalar(-1.0, DType.FLOAT64);
    Tensor r = Tensor.where(cond, a, b);
    assertEquals(DType.FLOAT64, r.dtype());
    assertArrayEquals(new int[] {3, 2}, r.shape());
    assertArrayEquals(new double[] {1, 2, -1, -1, 1, 2}, r.toDoubleArray());
    Tensor f = Tensor.where(cond.to(DType.FLOAT32).transpose(0, 1), a.reshape(2, 1), Tensor.zeros(2, 3));
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new double[] {1, 0, 1, 2, 0, 2}, f.toDoubleArray());
  }

  @Test
  void whereMatchesAnElementwiseReferenceOnRandomViews() {
    Property.check("where vs reference", 300, 32, g -> {
      int[] joint = Gen.shape(g, 4, 3);
      Tensor c = Gen.relayout(g, Gen.tensor(g, Gen.dtype(g), Gen.broadcastableTo(g, joint))).gt(0.0);
      Tensor a = Gen.relayout(g, Gen.tensor(g, Gen.dtype(g), Gen.broadcastableTo(g, joint)));
      Tensor b = Gen.bool(g) ? Gen.relayout(g, Gen.tensor(g, Gen.dtype(g), Gen.broadcastableTo(g, joint)))
          : Gen.expanded(g, Gen.dtype(g), joint, Values.uniform(-2, 2));
      return new Tensor[] {c, a, b};
    }, t -> {
      Tensor r = Tensor.where(t[0], t[1], t[2]);
      int[] shape = Shapes.broadcast("test", Shapes.broadcast("test", t[0].shape(), t[1].shape()), t[2].shape());
      assertArrayEquals(shape, r.shape());
      assertEquals(DType.promote(t[1].dtype(), t[2].dtype()), r.dtype());
      double[] c = t[0].expandView(shape).toDoubleArray();
      double[] a = t[1].expandView(shape).toDoubleArray();
      double[] b = t[2].expandView(shape).toDoubleArray();
      double[] out = r.toDoubleArray();
      for (int i = 0; i < out.length; i++) {
        assertEquals(c[i] != 0 ? a[i] : b[i], out[i]);
      }
    });
  }

  @Test
  void whereSplitsLargeOutputsAcrossThreadsWithTheSameResult() {
    Generator g = new Generator(5);
    Tensor c = Tensor.rand(g, DType.FLOAT64, 700, 300).gt(0.5);
    Tensor a = Tensor.randn(g, DType.FLOAT32, 300, 700).transpose(0, 1);
    Tensor b = Tensor.randn(g, DType.FLOAT32, 300);
    Tensor r = Tensor.where(c, a, b);
    double[] cv = c.toDoubleArray();
    double[] av = a.toDoubleArray();
    double[] bv = b.toDoubleArray();
    double[] out = r.toDoubleArray();
    for (int i = 0; i < out.length; i++) {
      assertEquals(cv[i] != 0 ? av[i] : bv[i % 300], out[i]);
    }
  }

  @Test
  void maskedFillWithMinusInfinityGivesNoNaN() {
    Tensor scores = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor mask = Tensor.of(new double[] {0, 1, 1});
    Tensor filled = scores.maskedFill(mask, Double.NEGATIVE_INFINITY);
    assertEquals(DType.FLOAT64, filled.dtype());
    assertArrayEquals(new double[] {1, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 4,
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, filled.toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, filled.softmax(1).toDoubleArray());
    Tensor f32 = Tensor.ones(DType.FLOAT32, 2).maskedFill(Tensor.of(new double[] {1, 0}), 0.1);
    assertEquals(DType.FLOAT32, f32.dtype(), "the fill value does not widen the tensor");
    assertArrayEquals(new float[] {0.1f, 1f}, f32.toFloatArray());
  }

  @Test
  void indexSelectOfATinyCaseIsNotAView() {
    Tensor x = Tensor.of(new double[] {1, 2, 3});
    Tensor r = x.indexSelect(0, Tensor.of(new double[] {0, 1, 2}));
    assertFalse(r.sharesStorage(x));
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void badIndicesAreRefusedWithTheirPositionAndNothingChanges() {
    Tensor self = Tensor.zeros(DType.FLOAT64, 5, 3);
    Tensor source = Tensor.ones(DType.FLOAT64, 3, 3);
    Tensor idx7 = Tensor.of(new double[] {0, 1, 7});
    badArg(() -> self.indexSelect(0, idx7),
        "indexSelect: index 7 at position 2 is out of range for dim 0 of size 5 ([5, 3]); indices must be whole numbers in [0, 5)");
    badArg(() -> self.indexAdd(0, idx7, source), "indexAdd: index 7 at position 2 is out of range for dim 0");
    badArg(() -> self.indexSelect(1, Tensor.of(new double[] {-1})), "index -1 at position 0 is out of range for dim 1 of size 3");
    badArg(() -> self.indexSelect(0, Tensor.of(new double[] {1.5})), "index 1.5 at position 0 is not a whole number", "[0, 5)");
    badArg(() -> self.indexSelect(0, Tensor.of(new double[] {Double.NaN})), "index NaN at position 0 is not a whole number");
    badArg(() -> self.indexSelect(0, Tensor.of(new double[] {Double.POSITIVE_INFINITY})), "index Infinity", "not a whole number");
    badArg(() -> self.indexSelect(0, Tensor.of(new double[] {0, 1}, 1, 2)), "indexSelect: index must be 1-D", "[1, 2]", "flatten()");
    badArg(() -> self.indexSelect(0, Tensor.scalar(1)), "index must be 1-D", "shape []", "reshape(1)");
    assertNpe(() -> self.indexSelect(0, null), "indexSelect: index is null");
    badArg(() -> self.indexSelect(2, idx7), "indexSelect: dim 2 is out of range for a tensor of rank 2");
    badArg(() -> Tensor.scalar(1).indexSelect(0, Tensor.of(new double[] {0})), "indexSelect: the input is 0-d", "unsqueeze(0)");
    assertArrayEquals(new double[15], self.toDoubleArray());
    assertEquals(0, self.version());
  }

  @Test
  void indexAddChecksSourceShapeAndDtype() {
    Tensor self = Tensor.zeros(DType.FLOAT64, 5, 3);
    Tensor idx = Tensor.of(new double[] {4, 0});
    badArg(() -> self.indexAdd(0, idx, Tensor.ones(DType.FLOAT64, 3, 3)),
        "indexAdd: source has shape [3, 3] but self [5, 3] with 2 indices along dim 0 needs source of shape [2, 3]");
    badArg(() -> self.indexAdd(1, idx.narrow(0, 1, 1), Tensor.ones(DType.FLOAT64, 5, 2)), "needs source of shape [5, 1]");
    badArg(() -> self.indexAdd(0, idx, Tensor.ones(DType.FLOAT32, 2, 3)),
        "indexAdd: self is FLOAT64 but source is FLOAT32", "to(DType.FLOAT64)");
    assertNpe(() -> self.indexAdd(0, idx, null), "indexAdd: source is null");
    assertArrayEquals(new double[15], self.toDoubleArray());
  }

  @Test
  void whereRefusesShapesThatDoNotBroadcast() {
    badArg(() -> Tensor.where(Tensor.ones(2, 3), Tensor.ones(4), Tensor.ones(3)),
        "where: condition [2, 3], a [4] and b [3] cannot be broadcast together");
    assertNpe(() -> Tensor.where(null, Tensor.ones(4), Tensor.ones(3)), "where: condition is null");
    assertNpe(() -> Tensor.ones(3).maskedFill(null, 0), "maskedFill: mask is null");
  }

  // ------------------------------------------------------------------ helpers

  private static void assertNpe(Executable call, String message) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertTrue(e.getMessage().contains(message), "message lacks '" + message + "': " + e.getMessage());
  }

  private static void badArg(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
  }

  private interface IndexVisitor {
    void visit(int[] index);
  }

  private static void forEachIndex(int[] shape, IndexVisitor v) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    int[] at = new int[shape.length];
    for (int flat = 0; flat < n; flat++) {
      int r = flat;
      for (int d = shape.length - 1; d >= 0; d--) {
        at[d] = r % shape[d];
        r /= shape[d];
      }
      v.visit(at.clone());
    }
  }
}

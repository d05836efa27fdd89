package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broadcasting shapes, empty tensors, strided views and the shape errors of the binary kernels. */
class BroadcastTest {

  private static Tensor seq(int... shape) {
    int n = Shapes.numel("seq", shape);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
    }
    return Tensor.of(v, shape);
  }

  @Test
  void columnPlusRowMakesAMatrix() {
    Tensor col = Tensor.of(new double[] {10, 20}, 2, 1);
    Tensor row = Tensor.of(new double[] {1, 2, 3}, 1, 3);
    Tensor sum = col.add(row);
    assertArrayEquals(new int[] {2, 3}, sum.shape());
    assertArrayEquals(new double[] {11, 12, 13, 21, 22, 23}, sum.toDoubleArray());
    assertArrayEquals(new double[] {9, 8, 7, 19, 18, 17}, col.sub(row).toDoubleArray());
    assertArrayEquals(new double[] {-9, -8, -7, -19, -18, -17}, row.sub(col).toDoubleArray());
  }

  @Test
  void matrixPlusBias() {
    Tensor x = seq(2, 3);
    Tensor bias = Tensor.of(new double[] {100, 200, 300});
    assertArrayEquals(new double[] {101, 202, 303, 104, 205, 306}, x.add(bias).toDoubleArray());
    assertArrayEquals(new double[] {101, 202, 303, 104, 205, 306}, bias.add(x).toDoubleArray());
    assertArrayEquals(new double[] {0.01, 0.01, 0.01, 0.04, 0.025, 0.02}, x.div(bias).toDoubleArray());
    assertArrayEquals(new double[] {100, 100, 100, 25, 40, 50}, bias.div(x).toDoubleArray());
    Tensor xf = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor bf = Tensor.of(new float[] {0.5f, 0.25f, 0.125f});
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.375f, 2f, 1.25f, 0.75f}, xf.mul(bf).toFloatArray());
  }

  @Test
  void rankDifferencesAlignFromTheRight() {
    Tensor a = seq(4, 2, 3);
    Tensor b = Tensor.of(new double[] {0, 10, 20});
    Tensor r = a.add(b);
    assertArrayEquals(new int[] {4, 2, 3}, r.shape());
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(a.get(i, j, k) + 10 * k, r.get(i, j, k));
        }
      }
    }
    Tensor c = seq(2, 1, 3).mul(seq(4, 1));
    assertArrayEquals(new int[] {2, 4, 3}, c.shape());
    assertEquals(4 * 6.0, c.get(1, 3, 2));
    assertEquals(2 * 2.0, c.get(0, 1, 1));
  }

  @Test
  void zeroDimensionalScalarWithNd() {
    Tensor two = Tensor.scalar(2.0, DType.FLOAT64);
    Tensor x = seq(2, 3);
    assertArrayEquals(new int[] {2, 3}, two.mul(x).shape());
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, two.mul(x).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, -1, -2, -3, -4}, two.sub(x).toDoubleArray());
    assertArrayEquals(new double[] {-1, 0, 1, 2, 3, 4}, x.sub(two).toDoubleArray());
    // a one-element tensor that is not 0-d broadcasts the same way, and may add dims
    Tensor one = Tensor.of(new double[] {5}, 1, 1, 1);
    assertArrayEquals(new int[] {1, 2, 3}, x.add(one).shape());
    assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11}, x.add(one).toDoubleArray());
  }

  @Test
  void emptyTensorsBroadcastToEmptyResults() {
    Tensor empty = Tensor.zeros(DType.FLOAT64, 0, 3);
    Tensor r = empty.add(Tensor.of(new double[] {1, 2, 3}));
    assertArrayEquals(new int[] {0, 3}, r.shape());
    assertEquals(0, r.numel());
    assertEquals(0, r.toDoubleArray().length);
    assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 0).mul(Tensor.zeros(2, 1)).shape());
    assertArrayEquals(new int[] {0}, Tensor.zeros(0).gt(Tensor.scalar(1)).shape());
    assertArrayEquals(new int[] {4, 0, 3}, Tensor.zeros(0, 1).maximum(Tensor.zeros(4, 1, 3)).shape());
    // the empty dim must still be compatible
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(0, 3).add(Tensor.zeros(2, 3)));
    assertTrue(e.getMessage().contains("[0, 3]"), e.getMessage());
  }

  @Test
  void badShapesNameTheOpAndBothShapes() {
    Tensor a = Tensor.zeros(2, 3);
    Tensor b = Tensor.zeros(4);
    for (var c : new Object[][] {
      {"add", (Runnable) () -> a.add(b)}, {"sub", (Runnable) () -> a.sub(b)},
      {"mul", (Runnable) () -> a.mul(b)}, {"div", (Runnable) () -> a.div(b)},
      {"maximum", (Runnable) () -> a.maximum(b)}, {"minimum", (Runnable) () -> a.minimum(b)},
      {"gt", (Runnable) () -> a.gt(b)}, {"ge", (Runnable) () -> a.ge(b)},
      {"lt", (Runnable) () -> a.lt(b)}, {"le", (Runnable) () -> a.le(b)},
      {"eq", (Runnable) () -> a.eq(b)}, {"ne", (Runnable) () -> a.ne(b)},
    }) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ((Runnable) c[1])::run);
      String m = e.getMessage();
      assertTrue(m.startsWith(c[0] + ":"), m);
      assertTrue(m.contains("[2, 3]") && m.contains("[4]"), m);
      assertTrue(m.contains("3 vs 4"), m);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(2, 3, 4).mul(Tensor.zeros(3, 1, 5)));
    assertTrue(e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[3, 1, 5]"), e.getMessage());
  }

  @Test
  void transposedViewGivesTheSameValuesAsItsCopy() {
    Tensor x = seq(3, 4).transpose(0, 1); // [4, 3], strides [1, 4]
    Tensor y = seq(4, 3).mul(0.5);
    assertArrayEquals(x.contiguous().add(y).toDoubleArray(), x.add(y).toDoubleArray());
    assertArrayEquals(x.contiguous().div(y).toDoubleArray(), x.div(y).toDoubleArray());
    assertArrayEquals(y.sub(x.contiguous()).toDoubleArray(), y.sub(x).toDoubleArray());
    assertArrayEquals(x.contiguous().add(x.contiguous()).toDoubleArray(), x.add(x).toDoubleArray());
    assertArrayEquals(new double[] {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12}, x.mul(1.0).toDoubleArray());
    Tensor bias = Tensor.of(new double[] {1, -1, 2});
    assertArrayEquals(x.contiguous().mul(bias).toDoubleArray(), x.mul(bias).toDoubleArray());
    assertArrayEquals(new double[] {1, -5, 18, 2, -6, 20, 3, -7, 22, 4, -8, 24}, x.mul(bias).toDoubleArray());
  }

  @Test
  void narrowedViewGivesTheSameValuesAsItsCopy() {
    Tensor base = seq(4, 5);
    Tensor n = base.narrow(1, 1, 3).narrow(0, 1, 2); // [[7, 8, 9], [12, 13, 14]]
    assertArrayEquals(new double[] {7, 8, 9, 12, 13, 14}, n.add(0.0).toDoubleArray());
    Tensor other = seq(2, 3);
    assertArrayEquals(new double[] {8, 10, 12, 16, 18, 20}, n.add(other).toDoubleArray());
    assertArrayEquals(n.contiguous().maximum(other.mul(3)).toDoubleArray(), n.maximum(other.mul(3)).toDoubleArray());
    // a narrowed row is contiguous but starts at an offset: the dense fast path must honour it
    Tensor row = base.select(0, 2); // [11 .. 15]
    assertArrayEquals(new double[] {12, 14, 16, 18, 20}, row.add(seq(5)).toDoubleArray());
    assertArrayEquals(new double[] {22, 24, 26, 28, 30}, row.mul(2.0).toDoubleArray());
    assertArrayEquals(new double[] {-10, -10, -10, -10, -10}, seq(5).sub(row).toDoubleArray());
  }

  @Test
  void expandedViewsWithZeroStrides() {
    Tensor row = Tensor.of(new double[] {1, 2, 3}, 1, 3).expand(4, 3); // strides [0, 1]
    Tensor col = Tensor.of(new double[] {10, 20, 30, 40}, 4, 1).expand(4, 3); // strides [1, 0]
    double[] expected = {11, 12, 13, 21, 22, 23, 31, 32, 33, 41, 42, 43};
    assertArrayEquals(expected, row.add(col).toDoubleArray());
    assertArrayEquals(expected, col.add(row).toDoubleArray());
    assertArrayEquals(row.contiguous().add(col.contiguous()).toDoubleArray(), row.add(col).toDoubleArray());
    // a transposed expanded view: strides [1, 0]
    assertArrayEquals(new double[] {2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 14, 15},
        row.transpose(0, 1).add(seq(3, 4)).toDoubleArray());
    // a one-element tensor expanded to many elements is not "dense"
    Tensor s = Tensor.of(new double[] {7}).expand(3);
    assertArrayEquals(new double[] {8, 9, 10}, s.add(Tensor.of(new double[] {1, 2, 3})).toDoubleArray());
    assertArrayEquals(new double[] {14, 14, 14}, s.add(s).toDoubleArray());
  }

  @Test
  void channelBiasOnAFourDimensionalBatch() {
    // [N, C, H, W] + [C, 1, 1]: the kernel merges H and W into one long row per channel.
    Tensor x = seq(2, 3, 2, 2);
    Tensor bias = Tensor.of(new double[] {100, 200, 300}, 3, 1, 1);
    Tensor r = x.add(bias);
    assertArrayEquals(new int[] {2, 3, 2, 2}, r.shape());
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < 3; c++) {
        for (int h = 0; h < 2; h++) {
          for (int w = 0; w < 2; w++) {
            assertEquals(x.get(n, c, h, w) + 100 * (c + 1), r.get(n, c, h, w));
          }
        }
      }
    }
  }

  @Test
  void mixedDtypesWithViews() {
    Tensor xf = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1); // [3, 2]
    Tensor b = Tensor.of(new double[] {0.5, 0.25});
    Tensor r = xf.mul(b);
    assertEquals(DType.FLOAT64, r.dtype());
    assertArrayEquals(new double[] {0.5, 1, 1, 1.25, 1.5, 1.5}, r.toDoubleArray());
    Tensor e = Tensor.of(new float[] {2}).expand(3, 2);
    assertArrayEquals(new double[] {1, 0.5, 1, 0.5, 1, 0.5}, e.mul(b).toDoubleArray());
  }

  /**
   * Random shapes with broadcasting and random views, against a reference that indexes every
   * element with get(). Seeded; a failure prints the seed and the case.
   */
  @Test
  void randomBroadcastsOfViewsMatchAnIndexedReference() {
    long seed = 20240611L;
    Random rnd = new Random(seed);
    BinaryOp[] ops = BinaryOp.values();
    for (int trial = 0; trial < 300; trial++) {
      int rank = 1 + rnd.nextInt(4);
      int[] out = new int[rank];
      for (int i = 0; i < rank; i++) {
        out[i] = 1 + rnd.nextInt(4);
      }
      Tensor a = randomOperand(rnd, out, trial % 2 == 0 ? DType.FLOAT64 : DType.FLOAT32);
      Tensor b = randomOperand(rnd, out, trial % 3 == 0 ? DType.FLOAT32 : DType.FLOAT64);
      BinaryOp op = ops[rnd.nextInt(ops.length)];
      Tensor r = Elementwise.binary(op, a, b);
      String cse = "seed " + seed + " trial " + trial + ": " + op + " " + Arrays.toString(a.shape())
          + " strides " + Arrays.toString(a.stride()) + " " + a.dtype() + " with " + Arrays.toString(b.shape())
          + " strides " + Arrays.toString(b.stride()) + " " + b.dtype();
      int[] shape = Shapes.broadcast("ref", a.shape(), b.shape());
      assertArrayEquals(shape, r.shape(), cse);
      double[] got = r.toDoubleArray();
      int[] idx = new int[shape.length];
      for (int k = 0; k < got.length; k++) {
        double want = reference(op, a.get(project(idx, a.shape())), b.get(project(idx, b.shape())), r.dtype());
        assertEquals(want, got[k], cse + " at " + Arrays.toString(idx));
        for (int d = shape.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) {
          idx[d] = 0;
        }
      }
    }
  }

  /** A tensor broadcastable to {@code out}: some dims 1 or dropped, then maybe transposed, narrowed or expanded. */
  private static Tensor randomOperand(Random rnd, int[] out, DType dtype) {
    int drop = rnd.nextInt(out.length + 1);
    int[] shape = Arrays.copyOfRange(out, drop, out.length);
    for (int i = 0; i < shape.length; i++) {
      if (rnd.nextInt(3) == 0) {
        shape[i] = 1;
      }
    }
    int view = rnd.nextInt(4);
    int[] base = shape.clone();
    if (view == 2 && base.length > 0) {
      base[0] += 2; // narrowed later
    }
    double[] v = new double[Shapes.numel("t", base)];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextInt(7) - 3 + (rnd.nextInt(5) == 0 ? 0.5 : 0);
    }
    Tensor t = Tensor.of(v, base);
    if (dtype == DType.FLOAT32) {
      t = t.to(DType.FLOAT32);
    }
    if (view == 1 && shape.length >= 2) { // transposed storage, viewed back in shape order
      int[] swapped = shape.clone();
      swapped[0] = shape[shape.length - 1];
      swapped[shape.length - 1] = shape[0];
      t = t.reshape(swapped).transpose(0, shape.length - 1);
    } else if (view == 2 && shape.length > 0) {
      t = t.narrow(0, 1, shape[0]);
    } else if (view == 3) {
      int[] grown = shape.clone();
      for (int i = 0; i < grown.length; i++) {
        grown[i] = out[drop + i];
      }
      t = t.expand(grown);
    }
    return t;
  }

  private static int[] project(int[] idx, int[] shape) {
    int[] p = new int[shape.length];
    int lead = idx.length - shape.length;
    for (int i = 0; i < shape.length; i++) {
      p[i] = shape[i] == 1 ? 0 : idx[lead + i];
    }
    return p;
  }

  private static double reference(BinaryOp op, double x, double y, DType dtype) {
    double r = switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case MAXIMUM -> Math.max(x, y);
      case MINIMUM -> Math.min(x, y);
      case GT -> x > y ? 1 : 0;
      case GE -> x >= y ? 1 : 0;
      case LT -> x < y ? 1 : 0;
      case LE -> x <= y ? 1 : 0;
      case EQ -> x == y ? 1 : 0;
      case NE -> x != y ? 1 : 0;
    };
    if (dtype == DType.FLOAT32 && (op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV)) {
      float fx = (float) x;
      float fy = (float) y;
      r = switch (op) {
        case ADD -> fx + fy;
        case SUB -> fx - fy;
        case MUL -> fx * fy;
        default -> fx / fy;
      };
    }
    return r;
  }
}

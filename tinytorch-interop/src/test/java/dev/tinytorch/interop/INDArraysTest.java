package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

class INDArraysTest {
  private static final DataType[] NUMERIC = {
    DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16, DataType.BFLOAT16, DataType.INT64, DataType.INT32,
    DataType.INT16, DataType.INT8, DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64, DataType.BOOL
  };

  /** A case: an INDArray of some type and layout, printed with how it was made. */
  record Nd(String how, INDArray a) {
    @Override
    public String toString() {
      return how + " -> " + a.dataType() + " shape " + Arrays.toString(a.shape()) + " stride "
          + Arrays.toString(a.stride()) + " order " + a.ordering();
    }
  }

  @Test
  void toTensorReadsEveryTypeRankAndLayoutElementForElement() {
    Property.check("INDArrays.toTensor over types, shapes and views", 300, 1201L, INDArraysTest::randomINDArray, c -> {
      INDArray a = c.a();
      Tensor t = INDArrays.toTensor(a);
      assertEquals(expectedType(a.dataType()), t.dtype());
      long[] shape = a.shape();
      assertArrayEquals(a.isEmpty() && shape.length == 0 ? new int[] {0} : toInt(shape), t.shape());
      assertTrue(t.isContiguous());
      for (int[] idx : indices(t.shape())) {
        assertSame(a.getDouble(toLong(idx)), t.get(idx), () -> "at " + Arrays.toString(idx));
      }
    });
  }

  @Test
  void toINDArrayWritesEveryLayoutAsCOrderSameType() {
    Property.check("INDArrays.toINDArray over shapes and views", 300, 1202L, g -> {
      DType dtype = Gen.dtype(g);
      Tensor t = Gen.tensor(g, dtype, Gen.shape(g, 0, 4, 0, 4));
      return Gen.bool(g) ? Gen.relayout(g, t) : t;
    }, t -> {
      INDArray a = INDArrays.toINDArray(t);
      assertEquals(t.dtype() == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE, a.dataType());
      assertArrayEquals(toLong(t.shape()), a.shape());
      assertEquals('c', a.ordering());
      assertSame(a, INDArrays.contiguous(a), "a fresh c-contiguous array");
      for (int[] idx : indices(t.shape())) {
        assertSame(t.get(idx), a.getDouble(toLong(idx)), () -> "at " + Arrays.toString(idx));
      }
      // And back: the same values, bit for bit.
      Tensor back = INDArrays.toTensor(a);
      assertEquals(t.dtype(), back.dtype());
      assertArrayEquals(t.shape(), back.shape());
      assertArrayEquals(t.toDoubleArray(), back.toDoubleArray());
    });
  }

  @Test
  void floatsCrossBitForBitIncludingNanAndSignedZero() {
    float[] f = {Float.NaN, -0.0f, 0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, 1e-40f};
    INDArray a = INDArrays.toINDArray(Tensor.of(f));
    Tensor back = INDArrays.toTensor(a);
    float[] got = back.toFloatArray();
    for (int i = 0; i < f.length; i++) {
      assertEquals(Float.floatToRawIntBits(f[i]), Float.floatToRawIntBits(got[i]), "element " + i);
      assertEquals(Float.floatToRawIntBits(f[i]), Float.floatToRawIntBits(a.getFloat(i)), "nd4j element " + i);
    }
  }

  @Test
  void zeroDimensionalAndEmptyArrays() {
    Tensor s = INDArrays.toTensor(Nd4j.scalar(2.5));
    assertArrayEquals(new int[0], s.shape());
    assertEquals(2.5, s.item(), 0.0);
    assertEquals(DType.FLOAT64, s.dtype());

    INDArray back = INDArrays.toINDArray(Tensor.scalar(-1.25, DType.FLOAT32));
    assertEquals(0, back.rank());
    assertEquals(DataType.FLOAT, back.dataType());
    assertEquals(-1.25, back.getDouble(new long[0]), 0.0);

    // Nd4j.empty() has shape [] and length 0; offset() throws on it, so the converter must not ask.
    Tensor e = INDArrays.toTensor(Nd4j.empty(DataType.FLOAT));
    assertArrayEquals(new int[] {0}, e.shape());
    assertEquals(DType.FLOAT32, e.dtype());

    Tensor e3 = INDArrays.toTensor(Nd4j.create(DataType.INT32, 2, 0, 3));
    assertArrayEquals(new int[] {2, 0, 3}, e3.shape());
    assertEquals(DType.FLOAT64, e3.dtype());

    INDArray eBack = INDArrays.toINDArray(Tensor.zeros(DType.FLOAT64, 0, 4));
    assertTrue(eBack.isEmpty());
    assertArrayEquals(new long[] {0, 4}, eBack.shape());
    assertEquals(DataType.DOUBLE, eBack.dataType());
  }

  @Test
  void halfAndBfloat16WidenExactly() {
    float[] half = {65504f, -65504f, 0x1p-24f, 0x1p-14f, 1.5f, Float.POSITIVE_INFINITY, -0.0f};
    Tensor h = INDArrays.toTensor(Nd4j.createFromArray(half).castTo(DataType.FLOAT16));
    assertEquals(DType.FLOAT32, h.dtype());
    assertArrayEquals(half, h.toFloatArray());
    assertTrue(Float.isNaN(INDArrays.toTensor(Nd4j.createFromArray(Float.NaN).castTo(DataType.FLOAT16)).toFloatArray()[0]));

    // BFLOAT16 keeps float's exponent: 2^100 and 1 + 2^-7 are exact, 3e38 rounds to 0x7f62 << 16.
    float[] bf = {0x1p100f, 1 + 0x1p-7f, -0x1p-126f};
    Tensor b = INDArrays.toTensor(Nd4j.createFromArray(bf).castTo(DataType.BFLOAT16));
    assertArrayEquals(bf, b.toFloatArray());
  }

  @Test
  void integersAndBoolsBecomeExactFloat64() {
    Tensor l = INDArrays.toTensor(Nd4j.createFromArray(1L << 53, -(1L << 53), 7L));
    assertArrayEquals(new double[] {0x1p53, -0x1p53, 7}, l.toDoubleArray());
    assertEquals(DType.FLOAT64, l.dtype());

    INDArray u32 = Nd4j.createFromArray(-1, 5).castTo(DataType.UINT32); // the bits of 4294967295
    assertArrayEquals(new double[] {4294967295.0, 5}, INDArrays.toTensor(u32).toDoubleArray());
    INDArray u8 = Nd4j.createFromArray((byte) -56, (byte) 1).castTo(DataType.UINT8);
    assertArrayEquals(new double[] {200, 1}, INDArrays.toTensor(u8).toDoubleArray());
    INDArray i8 = Nd4j.createFromArray((byte) -56, (byte) 127);
    assertArrayEquals(new double[] {-56, 127}, INDArrays.toTensor(i8).toDoubleArray());
    INDArray bools = Nd4j.createFromArray(true, false, true);
    assertArrayEquals(new double[] {1, 0, 1}, INDArrays.toTensor(bools).toDoubleArray());
    INDArray shorts = Nd4j.createFromArray((short) -32768, (short) 32767);
    assertArrayEquals(new double[] {-32768, 32767}, INDArrays.toTensor(shorts).toDoubleArray());
  }

  @Test
  void longsBeyondTwoToThe53AreRefusedNotRounded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> INDArrays.toTensor(Nd4j.createFromArray(3L, (1L << 53) + 1)));
    assertTrue(e.getMessage().contains("INDArrays.toTensor"), e.getMessage());
    assertTrue(e.getMessage().contains("9007199254740993"), e.getMessage());
    assertTrue(e.getMessage().contains("flat index 1"), e.getMessage());
    assertTrue(e.getMessage().contains("2^53"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> INDArrays.toTensor(Nd4j.createFromArray(-(1L << 53) - 1)));
  }

  @Test
  void stringsAreRefusedAndNullsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> INDArrays.toTensor(Nd4j.create("a", "b")));
    assertTrue(e.getMessage().contains("UTF8"), e.getMessage());
    NullPointerException n = assertThrows(NullPointerException.class, () -> INDArrays.toTensor(null));
    assertTrue(n.getMessage().contains("INDArray a"), n.getMessage());
    assertThrows(NullPointerException.class, () -> INDArrays.toINDArray(null));
  }

  @Test
  void layoutTrapsOrderingAndColumnMajorCreate() {
    // Nd4j.create(data, shape, 'f') reads the data column-major: [[1, 3, 5], [2, 4, 6]].
    INDArray f = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
    assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, INDArrays.toTensor(f).toDoubleArray());
    // A column of a 'c' array reports ordering 'f' and a stride of 3, but is neither f nor contiguous.
    INDArray c = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
    INDArray col = c.get(NDArrayIndex.all(), NDArrayIndex.point(2));
    assertArrayEquals(new double[] {3, 6}, INDArrays.toTensor(col).toDoubleArray());
    // A row at an offset is c-contiguous: read in place from the offset, no copy needed.
    INDArray row = c.get(NDArrayIndex.point(1), NDArrayIndex.all());
    assertSame(row, INDArrays.contiguous(row), "row view");
    assertArrayEquals(new double[] {4, 5, 6}, INDArrays.toTensor(row).toDoubleArray());
  }

  @Test
  void resultsShareNoMemory() {
    INDArray a = Nd4j.create(new float[] {1, 2, 3});
    Tensor t = INDArrays.toTensor(a);
    a.putScalar(0, 100f);
    assertEquals(1.0, t.get(0), 0.0);
    Tensor u = Tensor.of(new double[] {1, 2});
    INDArray b = INDArrays.toINDArray(u);
    b.putScalar(1, 50.0);
    assertEquals(2.0, u.get(1), 0.0);
  }

  // ------------------------------------------------------------------ generation

  /**
   * An INDArray of a random numeric type and target shape (rank 0..4, empty dims allowed), laid out
   * as a 'c' or 'f' base, often padded and strided out of a larger array, then permuted.
   */
  static Nd randomINDArray(Generator g) {
    DataType type = Gen.oneOf(g, NUMERIC);
    int[] target = Gen.shape(g, 0, 4, 0, 4);
    int rank = target.length;
    int[] perm = Gen.permutation(g, rank);
    int[] stored = new int[rank];
    for (int i = 0; i < rank; i++) {
      stored[i] = target[perm[i]];
    }
    long[] padded = new long[rank];
    INDArrayIndex[] index = new INDArrayIndex[rank];
    StringBuilder how = new StringBuilder();
    boolean sliced = false;
    for (int i = 0; i < rank; i++) {
      int size = stored[i];
      // interval(b, s, e) rewrites e when e - b == 1 and s > 1: only stride dims of 2+ elements.
      int step = size >= 2 && Gen.chance(g, 0.3) ? Gen.intIn(g, 2, 3) : 1;
      int start = Gen.chance(g, 0.4) ? Gen.intIn(g, 1, 2) : 0;
      int extra = Gen.chance(g, 0.3) ? Gen.intIn(g, 1, 2) : 0;
      padded[i] = start + (size == 0 ? 0 : (long) (size - 1) * step + 1) + extra;
      if (size == 0) {
        padded[i] = 0;
        start = 0;
      }
      sliced |= padded[i] != size;
      index[i] = size == 0 ? NDArrayIndex.all() : NDArrayIndex.interval(start, step, start + (long) (size - 1) * step + 1);
    }
    char order = Gen.bool(g) ? 'c' : 'f';
    INDArray base = filled(g, type, padded, order);
    how.append(order).append(" base ").append(Arrays.toString(padded));
    INDArray view = base;
    if (sliced && rank > 0 && !base.isEmpty()) {
      view = base.get(index);
      how.append(" sliced");
    }
    INDArray a = rank > 0 ? view.permute(Gen.inverse(perm)) : view;
    how.append(" permuted ").append(Arrays.toString(Gen.inverse(perm)));
    if (rank == 0 && Gen.bool(g)) {
      // A 0-d view at an offset: one element picked out of a vector.
      INDArray vec = filled(g, type, new long[] {3}, 'c');
      a = vec.get(NDArrayIndex.point(Gen.intIn(g, 0, 2)));
      how.append(" point of a vector");
    }
    return new Nd(how.toString(), a);
  }

  /** A fresh array of {@code shape} in {@code order} holding values that {@code type} represents exactly. */
  private static INDArray filled(Generator g, DataType type, long[] shape, char order) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    double[] v = new double[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(g, type);
    }
    if (n == 0) {
      return Nd4j.create(type, shape, order);
    }
    INDArray d = Nd4j.create(v, shape, order);
    return type == DataType.DOUBLE ? d : d.castTo(type);
  }

  private static double value(Generator g, DataType type) {
    return switch (type) {
      case FLOAT, HALF, BFLOAT16 -> Gen.intIn(g, -64, 64) / 16.0; // exact in every float format
      case DOUBLE -> Gen.chance(g, 0.05) ? -0.0 : g.nextDouble() * 4 - 2;
      case LONG -> Gen.chance(g, 0.2) ? Gen.oneOf(g, 0x1p53, -0x1p53, 0x1p53 - 1) : Gen.intIn(g, -1000, 1000);
      case INT -> Gen.chance(g, 0.2) ? Gen.oneOf(g, (double) Integer.MIN_VALUE, (double) Integer.MAX_VALUE) : Gen.intIn(g, -1000, 1000);
      case SHORT -> Gen.intIn(g, -32768, 32767);
      case BYTE -> Gen.intIn(g, -128, 127);
      case UBYTE -> Gen.intIn(g, 0, 255);
      case UINT16 -> Gen.intIn(g, 0, 65535);
      case UINT32 -> Gen.intIn(g, 0, 1 << 30) * 2.0;
      case UINT64 -> Gen.chance(g, 0.2) ? 0x1p53 : Gen.intIn(g, 0, 1 << 30);
      case BOOL -> Gen.intIn(g, 0, 1);
      default -> throw new AssertionError(type);
    };
  }

  // ------------------------------------------------------------------ helpers

  private static DType expectedType(DataType type) {
    return type == DataType.FLOAT || type == DataType.FLOAT16 || type == DataType.BFLOAT16 ? DType.FLOAT32 : DType.FLOAT64;
  }

  /** Same double, NaN equal to NaN and -0.0 distinct from 0.0. */
  private static void assertSame(double expected, double actual, java.util.function.Supplier<String> where) {
    if (Double.compare(expected, actual) != 0) {
      throw new AssertionError(where.get() + ": expected " + expected + " but was " + actual);
    }
  }

  private static void assertSame(INDArray expected, INDArray actual, String what) {
    if (expected != actual) {
      throw new AssertionError(what + ": expected the same INDArray back, got a copy");
    }
  }

  static List<int[]> indices(int[] shape) {
    List<int[]> out = new ArrayList<>();
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    for (int flat = 0; flat < n; flat++) {
      int[] idx = new int[shape.length];
      int rest = flat;
      for (int d = shape.length - 1; d >= 0; d--) {
        idx[d] = rest % shape[d];
        rest /= shape[d];
      }
      out.add(idx);
    }
    return out;
  }

  static long[] toLong(int[] a) {
    return Arrays.stream(a).asLongStream().toArray();
  }

  static int[] toInt(long[] a) {
    return Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
  }
}

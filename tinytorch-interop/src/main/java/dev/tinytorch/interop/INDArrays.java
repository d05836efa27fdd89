package dev.tinytorch.interop;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J {@link INDArray}s and TinyTorch {@link Tensor}s, values and shape exactly.
 *
 * <pre>{@code
 * INDArray a = Nd4j.rand(DataType.FLOAT, 2, 3);
 * Tensor t = INDArrays.toTensor(a);              // FLOAT32 [2, 3]
 * INDArray back = INDArrays.toINDArray(t.relu()); // FLOAT, 'c' order, [2, 3]
 * }</pre>
 *
 * <p>Types: FLOAT becomes FLOAT32 and DOUBLE FLOAT64, bit for bit (NaN payloads and signed zeros
 * included); HALF and BFLOAT16 widen exactly to FLOAT32; the integer types and BOOL become FLOAT64
 * exactly (TinyTorch has no integer dtype), and a LONG or UINT64 value beyond 2^53, which FLOAT64
 * cannot hold exactly, is refused rather than rounded. UTF8 and compressed arrays are refused.
 * The way back always gives a 'c'-ordered array of FLOAT (from FLOAT32) or DOUBLE (from FLOAT64).
 *
 * <p>Shapes: every rank, including 0-d (a rank-0 INDArray and a 0-d tensor map to each other) and
 * empty arrays (a zero in the shape; ND4J's {@code Nd4j.empty()}, which has shape [] but no
 * element, becomes a tensor of shape [0]). Any layout is read correctly: 'c' or 'f' order,
 * transposed, permuted, offset and strided views. The layout is judged from the strides, not from
 * {@code ordering()} or {@code isView()}, which do not describe it (a column picked out of a 'c'
 * array reports 'f'; a fresh reshape reports a view).
 *
 * <p>Cost: ND4J keeps its data off the Java heap, so there is no zero-copy sharing either way;
 * each conversion is one bulk copy between ND4J's buffer and a Java array, plus a Java-side copy
 * of the array into or out of the tensor. A non-'c'-contiguous INDArray is first made contiguous
 * by ND4J itself ({@code dup('c')}), which is a native copy. The result never shares memory with
 * the argument: writing to one does not change the other. Only values cross: the tensor's
 * gradient and graph stay behind, and a fresh tensor is a leaf without {@code requiresGrad}.
 */
public final class INDArrays {
  private static final long MAX_EXACT = 1L << 53;

  private INDArrays() {}

  /**
   * A tensor holding a copy of {@code a}'s values in {@code a}'s shape: FLOAT32 from FLOAT, HALF
   * and BFLOAT16; FLOAT64 from DOUBLE, the integer types and BOOL.
   *
   * @throws IllegalArgumentException for UTF8, compressed or unknown arrays, shapes or lengths
   *     beyond Java's int, and LONG/UINT64 values beyond 2^53 in magnitude
   */
  public static Tensor toTensor(INDArray a) {
    checkNotNull(a, "INDArrays.toTensor: the INDArray a is null");
    DataType type = a.dataType();
    DType dtype = tensorType(type);
    int[] shape = intShape(a);
    if (a.isEmpty()) {
      // Nd4j.empty() has shape [] and no element; a 0-d tensor always has one, so it becomes [0].
      return Tensor.zeros(dtype, shape.length == 0 ? new int[] {0} : shape);
    }
    return switch (type) {
      case FLOAT -> Tensor.of(readFloats(contiguous(a)), shape);
      case DOUBLE -> Tensor.of(readDoubles(contiguous(a)), shape);
      // Every HALF and BFLOAT16 value is a FLOAT; ND4J's cast widens exactly.
      case HALF, BFLOAT16 -> Tensor.of(readFloats(contiguous(a.castTo(DataType.FLOAT))), shape);
      default -> Tensor.of(readIntegers(contiguous(a), type), shape);
    };
  }

  /**
   * A fresh 'c'-ordered INDArray holding a copy of {@code t}'s values in {@code t}'s shape: FLOAT
   * for FLOAT32, DOUBLE for FLOAT64. Views of any layout are read in row-major order.
   */
  public static INDArray toINDArray(Tensor t) {
    checkNotNull(t, "INDArrays.toINDArray: the tensor t is null");
    DataType type = t.dtype() == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
    if (t.numel() == 0) {
      return Nd4j.create(type, shape);
    }
    if (t.dim() == 0) {
      return Nd4j.scalar(type, t.item());
    }
    long bytes = (long) t.numel() * t.dtype().byteSize();
    checkBufferSize("toINDArray", bytes, t.shape());
    INDArray out = Nd4j.createUninitialized(type, shape, 'c');
    ByteBuffer buffer = hostBuffer(out);
    if (type == DataType.FLOAT) {
      buffer.asFloatBuffer().put(t.toFloatArray());
    } else {
      buffer.asDoubleBuffer().put(t.toDoubleArray());
    }
    // On a device backend this tells ND4J that the host copy is the current one; on CPU a no-op.
    Nd4j.getAffinityManager().tagLocation(out, AffinityManager.Location.HOST);
    return out;
  }

  /** The tensor dtype for an ND4J type, or the refusal naming it. */
  static DType tensorType(DataType type) {
    return switch (type) {
      case FLOAT, HALF, BFLOAT16 -> DType.FLOAT32;
      case DOUBLE, LONG, INT, SHORT, BYTE, UBYTE, UINT16, UINT32, UINT64, BOOL ->
          DType.FLOAT64;
      default -> throw new IllegalArgumentException(
          "INDArrays.toTensor: an INDArray of type " + type + " has no tensor counterpart; TinyTorch holds "
              + "numbers only (convert it to a numeric type in ND4J first)");
    };
  }

  private static int[] intShape(INDArray a) {
    long[] shape = a.shape();
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("INDArrays.toTensor: shape " + Arrays.toString(shape) + " has dim " + i
            + " beyond Java's int range; tensors index with int, so split the array first");
      }
      out[i] = (int) shape[i];
    }
    long bytes = a.length() * Math.max(1, a.dataType().width());
    checkBufferSize("toTensor", bytes, shape);
    return out;
  }

  private static void checkBufferSize(String op, long bytes, Object shape) {
    if (bytes > Integer.MAX_VALUE - 8) {
      String dims = shape instanceof long[] l ? Arrays.toString(l) : Arrays.toString((int[]) shape);
      throw new IllegalArgumentException("INDArrays." + op + ": an array of shape " + dims + " holds " + bytes
          + " bytes, more than one Java array or NIO buffer can (2 GB); convert it in slices");
    }
  }

  /**
   * {@code a} itself when its elements sit in row-major order without gaps (judged from the
   * strides, ignoring size-1 dims, whose stride never matters), else ND4J's own 'c' copy of it.
   */
  static INDArray contiguous(INDArray a) {
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && stride[i] != expected) {
        return a.dup('c');
      }
      expected *= shape[i];
    }
    return a;
  }

  /**
   * The native buffer of {@code a} as bytes from {@code a}'s first element on, in native order.
   * {@code data()} of a view starts at the whole allocation, hence the offset.
   */
  private static ByteBuffer hostBuffer(INDArray a) {
    Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
    ByteBuffer all = a.data().asNio().order(ByteOrder.nativeOrder());
    int width = a.dataType().width();
    all.position(Math.toIntExact(a.offset() * width));
    all.limit(Math.toIntExact((a.offset() + a.length()) * width));
    return all.slice().order(ByteOrder.nativeOrder());
  }

  private static float[] readFloats(INDArray c) {
    float[] out = new float[(int) c.length()];
    hostBuffer(c).asFloatBuffer().get(out);
    return out;
  }

  private static double[] readDoubles(INDArray c) {
    double[] out = new double[(int) c.length()];
    hostBuffer(c).asDoubleBuffer().get(out);
    return out;
  }

  /** Integer and bool elements, decoded here so that signedness and the 2^53 limit are ours. */
  private static double[] readIntegers(INDArray c, DataType type) {
    ByteBuffer b = hostBuffer(c);
    int n = (int) c.length();
    double[] out = new double[n];
    switch (type) {
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.get(i) != 0 ? 1 : 0;
        }
      }
      case BYTE -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.get(i);
        }
      }
      case UBYTE -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.get(i) & 0xff;
        }
      }
      case SHORT -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getShort(2 * i);
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getShort(2 * i) & 0xffff;
        }
      }
      case INT -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getInt(4 * i);
        }
      }
      case UINT32 -> {
        for (int i = 0; i < n; i++) {
          out[i] = Integer.toUnsignedLong(b.getInt(4 * i));
        }
      }
      case LONG, UINT64 -> {
        boolean unsigned = type == DataType.UINT64;
        for (int i = 0; i < n; i++) {
          long v = b.getLong(8 * i);
          if (unsigned ? (v < 0 || v > MAX_EXACT) : (v > MAX_EXACT || v < -MAX_EXACT)) {
            throw new IllegalArgumentException("INDArrays.toTensor: the " + type + " value "
                + (unsigned ? Long.toUnsignedString(v) : Long.toString(v)) + " at flat index " + i + " of shape "
                + Arrays.toString(c.shape()) + " is beyond 2^53, so FLOAT64 cannot hold it exactly; TinyTorch "
                + "has no integer dtype (cast to DOUBLE in ND4J first if rounding is acceptable)");
          }
          out[i] = v;
        }
      }
      default -> throw new AssertionError(type); // tensorType refused every other type
    }
    return out;
  }
}

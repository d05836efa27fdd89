package dev.tinytorch.nn.io;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian bytes of tensors and back, shared by the safetensors and numpy formats. */
final class RawData {
  private RawData() {}

  static byte[] bytes(Tensor t) {
    if (t.dtype() == DType.FLOAT32) {
      float[] f = t.toFloatArray();
      ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(f);
      return b.array();
    }
    double[] d = t.toDoubleArray();
    ByteBuffer b = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(d);
    return b.array();
  }

  /** Little-endian I64 bytes of a tensor of whole numbers (PyTorch's long counts). */
  static byte[] int64Bytes(Tensor t, String where) {
    double[] d = t.toDoubleArray();
    ByteBuffer b = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < d.length; i++) {
      if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > (1L << 53)) {
        throw new IllegalArgumentException(where + ": element " + i + " = " + d[i]
            + " is not a whole number within 2^53, so it cannot be written as I64");
      }
      b.putLong((long) d[i]);
    }
    return b.array();
  }

  /** Bytes per element of a code (safetensors' names), or -1 when unknown. */
  static int width(String code) {
    return switch (code) {
      case "F64", "I64" -> 8;
      case "F32", "I32" -> 4;
      case "F16", "BF16", "I16" -> 2;
      case "I8", "U8", "BOOL" -> 1;
      default -> -1;
    };
  }

  /**
   * Decodes {@code count} little-endian values of {@code code} from {@code b}: F32/F16/BF16 to FLOAT32,
   * everything else to FLOAT64 (integers exactly; I64 beyond 2^53 refused).
   */
  static Tensor decode(ByteBuffer b, String code, int[] shape, int count, String where) throws IOException {
    b.order(ByteOrder.LITTLE_ENDIAN);
    switch (code) {
      case "F32", "F16", "BF16" -> {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
          f[i] = switch (code) {
            case "F32" -> b.getFloat();
            case "F16" -> halfToFloat(b.getShort());
            default -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
          };
        }
        return Tensor.of(f, shape);
      }
      default -> {
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
          d[i] = switch (code) {
            case "F64" -> b.getDouble();
            case "I64" -> {
              long v = b.getLong();
              if (Math.abs(v) > (1L << 53)) {
                throw new IOException(where + ": the I64 value " + v + " at element " + i
                    + " is beyond 2^53, so it has no exact FLOAT64; TinyTorch has no integer dtype");
              }
              yield v;
            }
            case "I32" -> b.getInt();
            case "I16" -> b.getShort();
            case "I8" -> b.get();
            case "U8" -> b.get() & 0xff;
            case "BOOL" -> b.get() != 0 ? 1 : 0;
            default -> throw new IOException(where + ": unknown dtype " + code);
          };
        }
        return Tensor.of(d, shape);
      }
    }
  }

  /** IEEE 754 half precision to float. */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits >>> 15) << 31;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant / 1024f / 16384f;   // subnormal: mant * 2^-24
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}

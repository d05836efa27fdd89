package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Guards a performance property without timing anything: each GEMM kernel must stay above C2's
 * inlining limit for hot methods (FreqInlineSize, 325 bytecodes), because inlined into the loop
 * that picks its rows it is no longer vectorised on JDK 17 and the product runs about 4x slower
 * (see GemmFloat's class comment). Reads the code length from the compiled class file.
 */
class GemmKernelSizeTest {
  private static final int FREQ_INLINE_SIZE = 325;

  @Test
  void floatKernelIsTooBigToInline() throws IOException {
    int size = codeLength(GemmFloat.class, "kernel");
    assertTrue(size > FREQ_INLINE_SIZE, "GemmFloat.kernel has " + size + " bytecodes");
  }

  @Test
  void wideFloatKernelIsTooBigToInline() throws IOException {
    int size = codeLength(GemmFloat.class, "kernel4");
    assertTrue(size > FREQ_INLINE_SIZE, "GemmFloat.kernel4 has " + size + " bytecodes");
  }

  @Test
  void oneRowFloatKernelIsTooBigToInline() throws IOException {
    int size = codeLength(GemmRowFloat.class, "kernel");
    assertTrue(size > FREQ_INLINE_SIZE, "GemmRowFloat.kernel has " + size + " bytecodes");
  }

  @Test
  void doubleKernelIsTooBigToInline() throws IOException {
    int size = codeLength(GemmDouble.class, "kernel");
    assertTrue(size > FREQ_INLINE_SIZE, "GemmDouble.kernel has " + size + " bytecodes");
  }

  @Test
  void wideDoubleKernelIsTooBigToInline() throws IOException {
    int size = codeLength(GemmDouble.class, "kernel4");
    assertTrue(size > FREQ_INLINE_SIZE, "GemmDouble.kernel4 has " + size + " bytecodes");
  }

  /** 16 header bytes plus the elements make whole 64-byte lines: 16 + 4 * 524 = 33 * 64. */
  @Test
  void scratchRowsTakeWholeCacheLines() {
    assertEquals(524, Gemm.lineMultiple(512, Float.BYTES));
    assertEquals(262, Gemm.lineMultiple(256, Double.BYTES));
    assertEquals(12, Gemm.lineMultiple(12, Float.BYTES));
    assertEquals(28, Gemm.lineMultiple(13, Float.BYTES));
    float[][] rows = Gemm.floatRows(3, GemmFloat.NC);
    assertEquals(3, rows.length);
    assertEquals(524, rows[2].length);
    assertEquals(262, Gemm.doubleRows(2, GemmDouble.NC)[1].length);
  }

  /** The length of the Code attribute of the (only) method called {@code name}. */
  private static int codeLength(Class<?> type, String name) throws IOException {
    try (InputStream raw = type.getResourceAsStream(type.getSimpleName() + ".class");
        DataInputStream in = new DataInputStream(raw)) {
      assertEquals(0xCAFEBABE, in.readInt());
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1:
            utf8[i] = in.readUTF();
            break;
          case 7: case 8: case 16: case 19: case 20:
            in.skipBytes(2);
            break;
          case 15:
            in.skipBytes(3);
            break;
          case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
            in.skipBytes(4);
            break;
          case 5: case 6:
            in.skipBytes(8);
            i++;
            break;
          default:
            throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.skipBytes(6);
      in.skipBytes(2 * in.readUnsignedShort());
      skipMembers(in);
      int methods = in.readUnsignedShort();
      for (int m = 0; m < methods; m++) {
        in.skipBytes(2);
        String methodName = utf8[in.readUnsignedShort()];
        in.skipBytes(2);
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (methodName.equals(name) && attribute.equals("Code")) {
            in.skipBytes(4);
            return in.readInt();
          }
          in.skipBytes(length);
        }
      }
      throw new IOException("no method " + name + " in " + type);
    }
  }

  private static void skipMembers(DataInputStream in) throws IOException {
    int members = in.readUnsignedShort();
    for (int f = 0; f < members; f++) {
      in.skipBytes(6);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.skipBytes(2);
        in.skipBytes(in.readInt());
      }
    }
  }
}

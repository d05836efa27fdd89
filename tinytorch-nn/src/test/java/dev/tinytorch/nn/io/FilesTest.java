package dev.tinytorch.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * safetensors, .npy and .npz: round trips of every shape kind, validation of damaged files, and (when
 * Debian's python3 with numpy and torch is present) files read by numpy and safetensors' own layout.
 */
class FilesTest {
  @TempDir Path dir;

  private static Map<String, Tensor> sample() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("w", Tensor.of(new float[] {1.5f, -2f, 3.25f, 0f, 1e-30f, Float.MAX_VALUE}, 2, 3));
    m.put("b", Tensor.of(new double[] {Math.PI, -0.0, 1e300}));
    m.put("count", Tensor.scalar(7.0, DType.FLOAT64));
    m.put("empty", Tensor.zeros(DType.FLOAT32, 0, 4));
    return m;
  }

  private static void assertSame(Map<String, Tensor> a, Map<String, Tensor> b) {
    assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
    a.forEach((k, v) -> {
      Tensor w = b.get(k);
      assertEquals(v.dtype(), w.dtype(), k);
      assertArrayEquals(v.shape(), w.shape(), k);
      assertArrayEquals(v.toDoubleArray(), w.toDoubleArray(), 0.0, k);
    });
  }

  @Test
  void safetensorsRoundTripWithMetadata() throws IOException {
    Path f = dir.resolve("m.safetensors");
    SafeTensors.save(f, sample(), Map.of("epoch", "3", "note", "ok"));
    assertSame(sample(), SafeTensors.load(f));
    assertEquals(Map.of("epoch", "3", "note", "ok"), SafeTensors.metadata(f));
    long headerLength = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLength % 8, "data aligned to 8 bytes");
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void npyAndNpzRoundTrip() throws IOException {
    for (Tensor t : sample().values()) {
      Path f = dir.resolve("a.npy");
      Npy.save(f, t);
      assertSame(Map.of("x", t), Map.of("x", Npy.load(f)));
    }
    Path z = dir.resolve("all.npz");
    Npz.save(z, sample());
    assertSame(sample(), Npz.load(z));
    // Stored entries, as numpy.savez writes them: Nd4j.createFromNpzFile reads no other kind.
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(z.toFile())) {
      zip.stream().forEach(e -> assertEquals(java.util.zip.ZipEntry.STORED, e.getMethod(), e.getName()));
    }
  }

  @Test
  void damagedSafetensorsAreRefusedNamingFileAndEntry() throws IOException {
    Path f = dir.resolve("good.safetensors");
    SafeTensors.save(f, sample(), null);
    byte[] good = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(good, good.length - 3));
    IOException e = assertThrows(IOException.class, () -> SafeTensors.load(cut));
    assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("truncated"), e.getMessage());
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 2});
    assertThrows(IOException.class, () -> SafeTensors.load(tiny));
    Path huge = dir.resolve("huge.safetensors");
    byte[] h = good.clone();
    ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
    Files.write(huge, h);
    assertTrue(assertThrows(IOException.class, () -> SafeTensors.load(huge)).getMessage().contains("header length"));
    Path lying = dir.resolve("lying.safetensors");
    writeRaw(lying, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
    IOException l = assertThrows(IOException.class, () -> SafeTensors.load(lying));
    assertTrue(l.getMessage().contains("entry 'a'") && l.getMessage().contains("needs 12 bytes"), l.getMessage());
    Path overlap = dir.resolve("overlap.safetensors");
    writeRaw(overlap, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
    assertTrue(assertThrows(IOException.class, () -> SafeTensors.load(overlap)).getMessage().contains("overlap"));
    Path odd = dir.resolve("odd.safetensors");
    writeRaw(odd, "{\"a\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
    assertTrue(assertThrows(IOException.class, () -> SafeTensors.load(odd)).getMessage().contains("unknown dtype C64"));
  }

  @Test
  void integerAndHalfEntriesReadExactly() throws IOException {
    Path f = dir.resolve("ints.safetensors");
    ByteBuffer b = ByteBuffer.allocate(16 + 2).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(42).putLong(-(1L << 53)).putShort((short) 0x3c00);   // I64 42, I64 -2^53, F16 1.0
    writeRaw(f, "{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
        + "\"h\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[16,18]}}", b.array());
    Map<String, Tensor> m = SafeTensors.load(f);
    assertEquals(DType.FLOAT64, m.get("n").dtype());
    assertArrayEquals(new double[] {42, -(double) (1L << 53)}, m.get("n").toDoubleArray(), 0.0);
    assertEquals(DType.FLOAT32, m.get("h").dtype());
    assertEquals(1.0, m.get("h").item(), 0.0);
  }

  private static void writeRaw(Path f, String json, byte[] data) throws IOException {
    byte[] j = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + j.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(j.length).put(j).put(data);
    Files.write(f, b.array());
  }

  @Test
  void numpyAndTorchReadOurFiles() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 is not installed");
    Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
    Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "skipped: Debian's python3 has no numpy (apt-get install python3-numpy)");
    Path npz = dir.resolve("x.npz");
    Npz.save(npz, sample());
    Path npy = dir.resolve("w.npy");
    Npy.save(npy, sample().get("w"));
    String script = "import numpy as np, sys\n"
        + "z = np.load(sys.argv[1]); w = np.load(sys.argv[2])\n"
        + "assert list(z.keys()) == ['w', 'b', 'count', 'empty'], list(z.keys())\n"
        + "assert z['w'].dtype == np.float32 and z['w'].shape == (2, 3) and z['w'][0, 2] == 3.25\n"
        + "assert z['b'].dtype == np.float64 and z['b'][0] == np.pi and z['b'][2] == 1e300\n"
        + "assert z['count'].shape == () and z['count'] == 7 and z['empty'].shape == (0, 4)\n"
        + "assert (w == z['w']).all()\n"
        + "print('ok')\n";
    Process p = new ProcessBuilder(python.toString(), "-c", script, npz.toString(), npy.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("ok", out.strip(), out);
  }
}

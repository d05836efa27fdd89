package dev.tinytorch.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.tinytorch.nn.reliability.SafeTensorsBytes.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.data.Idx;
import dev.tinytorch.nn.io.Checkpoint;
import dev.tinytorch.nn.io.Npy;
import dev.tinytorch.nn.io.Npz;
import dev.tinytorch.nn.io.SafeTensors;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files, fuzzed from seeded random corruptions (issue 15): for SafeTensors, Checkpoint, Npy,
 * Npz and Idx, every truncation, a wrong header length, corrupt JSON, offsets out of range or
 * overlapping, an unknown dtype, an element count that does not match, an empty file and a
 * directory must fail with an IOException naming the file: never another exception, never
 * tensors. A checkpoint that fails to load leaves the model and optimizer bit-identical. Random
 * byte flips are also run: there a load may succeed (a flipped value or name is undetectable
 * without a checksum, which the formats do not have) but nothing may throw anything else.
 */
class FileFuzzTest {
  @TempDir Path dir;

  /** A reader under test: loads the file and returns what it read (to reject silent successes). */
  interface Reader {
    Object read(Path file) throws IOException;
  }

  private int cases;
  private int flipsLoaded;
  private int flipsRefused;
  private final List<String> failures = new ArrayList<>();
  /** Run after each refusal: for checkpoints, that the target model and optimizer are unchanged. */
  private java.util.function.Supplier<String> unchanged = () -> null;

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /** One damaged file: the reader must throw an IOException naming it. */
  private void mustRefuse(String kind, String name, byte[] bytes, Reader reader) throws IOException {
    cases++;
    Path p = write(name, bytes);
    try {
      Object got = reader.read(p);
      failures.add(kind + ": returned " + describe(got) + " for " + bytes.length + " bytes");
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains(p.getFileName().toString())) {
        failures.add(kind + ": IOException does not name the file: " + e.getMessage());
      }
      String changed = unchanged.get();
      if (changed != null) {
        failures.add(kind + ": refused, but " + changed);
      }
    } catch (RuntimeException | Error e) {
      failures.add(kind + ": threw " + e);
    }
  }

  /** A random flip: either refused with an IOException naming the file, or loaded; nothing else. */
  private void mayLoad(String kind, String name, byte[] bytes, Reader reader) throws IOException {
    cases++;
    Path p = write(name, bytes);
    try {
      reader.read(p);
      flipsLoaded++;
    } catch (IOException e) {
      flipsRefused++;
      if (e.getMessage() == null || !e.getMessage().contains(p.getFileName().toString())) {
        failures.add(kind + ": IOException does not name the file: " + e.getMessage());
      }
    } catch (RuntimeException | Error e) {
      failures.add(kind + ": threw " + e);
    }
  }

  private static String describe(Object o) {
    return o instanceof Map ? "a map of " + ((Map<?, ?>) o).keySet() : o instanceof Tensor
        ? "a tensor of shape " + Arrays.toString(((Tensor) o).shape()) : String.valueOf(o);
  }

  private void truncations(String kind, byte[] valid, Reader reader, String ext) throws IOException {
    for (int n = 0; n < valid.length; n++) {
      mustRefuse(kind + " truncated to " + n, "trunc" + ext, Arrays.copyOf(valid, n), reader);
    }
  }

  private void flips(String kind, byte[] valid, Reader reader, String ext, long seed, int count) throws IOException {
    Random r = new Random(seed);
    for (int i = 0; i < count; i++) {
      byte[] b = valid.clone();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
      }
      mayLoad(kind + " flip " + i, "flip" + ext, b, reader);
    }
  }

  private void emptyAndDirectory(String kind, Reader reader, String ext) throws IOException {
    mustRefuse(kind + " empty file", "empty" + ext, new byte[0], reader);
    cases++;
    Path d = Files.createDirectories(dir.resolve("adir" + ext));
    try {
      Object got = reader.read(d);
      failures.add(kind + " directory: returned " + describe(got));
    } catch (IOException e) {
      if (!e.getMessage().contains(d.getFileName().toString())) {
        failures.add(kind + " directory: IOException does not name it: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      failures.add(kind + " directory: threw " + e);
    }
  }

  // ---------------------------------------------------------------- safetensors (and checkpoints)

  /** Structural corruptions of a safetensors-based file, from {@code seed}. */
  private void safetensorsKinds(String kind, byte[] valid, Reader reader, long seed) throws IOException {
    Random r = new Random(seed);
    long len = headerLength(valid);
    List<String> names = tensorNames(valid);
    for (long bad : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, valid.length - 7, valid.length, 1L << 40,
        len - 1, len + 1, len + 2 + r.nextInt(5)}) {
      byte[] b = valid.clone();
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bad);
      mustRefuse(kind + " header length " + bad, "hlen.st", b, reader);
    }
    String h = header(valid);
    for (int i = 0; i < 20; i++) {
      // corrupt JSON: cut it, break a bracket, add garbage; the length field stays consistent
      int at = 1 + r.nextInt(h.length() - 2);
      mustRefuse(kind + " JSON cut at " + at, "json.st", safetensors(h.substring(0, at), data(valid)), reader);
      int g = outsideStrings(h, r); // inside a string, garbage is only another name
      mustRefuse(kind + " JSON garbage at " + g, "json.st",
          safetensors(h.substring(0, g) + "}{\u0000" + h.substring(g), data(valid)), reader);
    }
    mustRefuse(kind + " JSON array", "json.st", safetensors("[" + h.substring(1, h.length() - 1) + "]", data(valid)),
        reader);
    mustRefuse(kind + " JSON not UTF-8", "json.st", safetensors("{\"\u00ff\u00fe\":1}", data(valid)), reader);
    for (String name : names) {
      long[] off = offsets(valid, name);
      long dataLen = data(valid).length;
      for (long[] o : new long[][] {{off[0], dataLen + 1 + r.nextInt(100)}, {-1 - r.nextInt(100), off[1]},
          {off[1], off[0]}, {dataLen + 8, dataLen + 8 + (off[1] - off[0])}, {Long.MAX_VALUE - 3, Long.MAX_VALUE}}) {
        mustRefuse(kind + " " + name + " offsets " + Arrays.toString(o), "off.st",
            editEntry(valid, j -> set(j, name, "data_offsets", arr(o[0], o[1]))), reader);
      }
      if (off[0] > 0) { // overlapping: start inside the previous entry, same length
        long shift = 1 + r.nextInt((int) Math.min(off[0], 8));
        mustRefuse(kind + " " + name + " overlapping", "off.st",
            editEntry(valid, j -> set(j, name, "data_offsets", arr(off[0] - shift, off[1] - shift))), reader);
      }
      for (String dt : new String[] {"F17", "Q8", "", "f32", "BF32"}) {
        mustRefuse(kind + " " + name + " dtype '" + dt + "'", "dtype.st",
            editEntry(valid, j -> set(j, name, "dtype", new com.google.gson.JsonPrimitive(dt))), reader);
      }
      JsonArray shape = JsonParser.parseString(header(valid)).getAsJsonObject().getAsJsonObject(name)
          .getAsJsonArray("shape");
      for (int i = 0; i < 4; i++) {
        JsonArray s = shape.deepCopy();
        s.add(2 + r.nextInt(5)); // one more dim: element count no longer matches the offsets
        mustRefuse(kind + " " + name + " count mismatch " + s, "count.st",
            editEntry(valid, j -> set(j, name, "shape", s)), reader);
      }
      mustRefuse(kind + " " + name + " negative dim", "count.st",
          editEntry(valid, j -> set(j, name, "shape", arr(-2, -3))), reader);
      for (String field : new String[] {"dtype", "shape", "data_offsets"}) {
        mustRefuse(kind + " " + name + " no " + field, "field.st", editEntry(valid, j -> {
          j.getAsJsonObject(name).remove(field);
          return j;
        }), reader);
      }
      mustRefuse(kind + " " + name + " entry not an object", "field.st", editEntry(valid, j -> {
        j.add(name, arr(1, 2));
        return j;
      }), reader);
    }
    mustRefuse(kind + " trailing bytes", "trail.st", concat(valid, new byte[] {1, 2, 3}), reader);
  }

  @Test
  void safetensorsRefusesEveryDamagedFile() throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("a", Tensor.randn(new Generator(1), 2, 3));
    t.put("b", Tensor.randn(new Generator(2), DType.FLOAT64, 4));
    t.put("c", Tensor.scalar(5));
    Path good = dir.resolve("good.safetensors");
    SafeTensors.save(good, t, Map.of("k", "v"));
    byte[] valid = Files.readAllBytes(good);
    Reader reader = SafeTensors::load;
    assertEquals(3, SafeTensors.load(good).size());
    truncations("safetensors", valid, reader, ".st");
    safetensorsKinds("safetensors", valid, reader, 15);
    emptyAndDirectory("safetensors", reader, ".st");
    flips("safetensors", valid, SafeTensors::read, ".st", 16, 300);
    report("SafeTensors");
  }

  @Test
  void checkpointRefusesEveryDamagedFileAndLeavesModelAndOptimizerAlone() throws IOException {
    Linear lin = new Linear(3, 2, true, new Generator(3));
    Adam adam = Adam.builder(lin.parameters()).lr(0.01).build();
    new CrossEntropyLoss().forward(lin.forward(Tensor.ones(2, 3)), Tensor.of(new double[] {0, 1})).backward();
    adam.step();
    Path good = dir.resolve("good.ckpt");
    Checkpoint.save(good, lin, adam, Map.of("epoch", "3"));
    byte[] valid = Files.readAllBytes(good);
    // the target the damaged files are loaded into: fresh objects whose state must not change
    Linear target = new Linear(3, 2, true, new Generator(4));
    Adam targetOpt = Adam.builder(target.parameters()).lr(0.5).build();
    double[] before = stateBits(target, targetOpt);
    Reader reader = p -> Checkpoint.load(p, target, targetOpt);
    unchanged = () -> Arrays.equals(before, stateBits(target, targetOpt)) ? null : "the model or optimizer changed";
    truncations("checkpoint", valid, reader, ".ckpt");
    safetensorsKinds("checkpoint", valid, reader, 17);
    mustRefuse("checkpoint without " + Checkpoint.FORMAT_KEY, "meta.ckpt", editEntry(valid, j -> {
      j.getAsJsonObject("__metadata__").remove(Checkpoint.FORMAT_KEY);
      return j;
    }), reader);
    // metadata that no longer fits the optimizer is Checkpoint's "does not fit" refusal (an
    // IllegalArgumentException naming the file, nothing loaded), as for a model of another shape
    for (String key : new String[] {"tinytorch.optimizer.parameters", "tinytorch.optimizer.lr", "tinytorch.optimizer"}) {
      cases++;
      Path p = write("meta2.ckpt", editEntry(valid, j -> {
        j.getAsJsonObject("__metadata__").remove(key);
        return j;
      }));
      try {
        reader.read(p);
        failures.add("checkpoint without " + key + ": loaded");
      } catch (IOException | IllegalArgumentException e) {
        if (!e.getMessage().contains("meta2.ckpt") || unchanged.get() != null) {
          failures.add("checkpoint without " + key + ": " + e.getMessage() + " / " + unchanged.get());
        }
      }
    }
    mustRefuse("checkpoint of another format", "meta.ckpt", editEntry(valid, j -> {
      j.getAsJsonObject("__metadata__").addProperty(Checkpoint.FORMAT_KEY, "checkpoint-99");
      return j;
    }), reader);
    emptyAndDirectory("checkpoint", reader, ".ckpt");
    unchanged = () -> null;
    flips("checkpoint", valid, Checkpoint::metadata, ".ckpt", 18, 200);
    report("Checkpoint");
    // the good file still loads into the same objects, exactly
    Checkpoint.load(good, target, targetOpt);
    assertArrayEquals(lin.weight().toDoubleArray(), target.weight().toDoubleArray(), 0.0);
  }

  private static double[] stateBits(Linear m, Adam o) {
    List<Double> all = new ArrayList<>();
    m.stateDict().values().forEach(t -> Arrays.stream(t.toDoubleArray()).forEach(all::add));
    o.stateDict().values().forEach(t -> Arrays.stream(t.toDoubleArray()).forEach(all::add));
    all.add(o.lr());
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // ---------------------------------------------------------------- npy, npz, idx

  @Test
  void npyRefusesEveryDamagedFile() throws IOException {
    Path good = dir.resolve("good.npy");
    Npy.save(good, Tensor.randn(new Generator(5), DType.FLOAT64, 3, 4));
    byte[] valid = Files.readAllBytes(good);
    Reader reader = Npy::load;
    truncations("npy", valid, reader, ".npy");
    String text = new String(valid, StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf('\n') + 1;
    Random r = new Random(19);
    List<String[]> edits = List.of(new String[] {"<f8", "<f3"}, new String[] {"<f8", "<c16"},
        new String[] {"<f8", "|O"}, new String[] {"(3, 4)", "(3, 5)"}, new String[] {"(3, 4)", "(-3, 4)"},
        new String[] {"(3, 4)", "(3, 4, 2)"}, new String[] {"'descr'", "'dtype'"}, new String[] {"'shape'", "'shap'"},
        new String[] {"{", "["}, new String[] {"(3, 4)", "(3, x)"});
    for (String[] e : edits) {
      assertTrue(text.substring(0, headerEnd).contains(e[0]), e[0]);
      String h = text.substring(0, headerEnd).replace(e[0], e[1]);
      mustRefuse("npy header " + e[1], "hdr.npy", (h + text.substring(headerEnd)).getBytes(StandardCharsets.ISO_8859_1),
          reader);
    }
    for (int i = 0; i < 6; i++) {
      byte[] b = valid.clone();
      b[r.nextInt(6)] ^= (byte) (1 + r.nextInt(255)); // the magic
      mustRefuse("npy magic " + i, "magic.npy", b, reader);
    }
    for (int bad : new int[] {0, 1, 0xffff, valid.length, headerEnd - 9}) {
      byte[] b = valid.clone();
      b[8] = (byte) bad;
      b[9] = (byte) (bad >>> 8);
      mustRefuse("npy header length " + bad, "hlen.npy", b, reader);
    }
    mustRefuse("npy trailing bytes", "trail.npy", concat(valid, new byte[8]), reader);
    emptyAndDirectory("npy", reader, ".npy");
    flips("npy", valid, reader, ".npy", 20, 300);
    report("Npy");
  }

  @Test
  void npzRefusesEveryDamagedFile() throws IOException {
    Path good = dir.resolve("good.npz");
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    arrays.put("x", Tensor.randn(new Generator(6), 2, 2));
    arrays.put("y", Tensor.randn(new Generator(7), DType.FLOAT64, 3));
    Npz.save(good, arrays);
    byte[] valid = Files.readAllBytes(good);
    Reader reader = Npz::load;
    assertEquals(2, Npz.load(good).size());
    truncations("npz", valid, reader, ".npz");
    emptyAndDirectory("npz", reader, ".npz");
    flips("npz", valid, reader, ".npz", 21, 300);
    report("Npz");
  }

  @Test
  void idxRefusesEveryDamagedFile() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + 3 * 4 + 2 * 3 * 4);
    b.put(new byte[] {0, 0, 0x08, 3}).putInt(2).putInt(3).putInt(4);
    for (int i = 0; i < 24; i++) {
      b.put((byte) i);
    }
    byte[] valid = b.array();
    Path good = write("good.idx", valid);
    assertArrayEquals(new int[] {2, 3, 4}, Idx.read(good).shape());
    Reader reader = Idx::read;
    truncations("idx", valid, reader, ".idx");
    Random r = new Random(22);
    for (int i = 0; i < 10; i++) {
      byte[] c = valid.clone();
      c[r.nextInt(4)] = (byte) (0x10 + r.nextInt(0xe0)); // the magic: zero bytes, type, rank
      mustRefuse("idx magic " + i, "magic.idx", c, reader);
    }
    for (int dim = 0; dim < 3; dim++) {
      for (int size : new int[] {-1, Integer.MIN_VALUE, 5 + r.nextInt(100), Integer.MAX_VALUE}) {
        byte[] c = valid.clone();
        ByteBuffer.wrap(c).putInt(4 + 4 * dim, size);
        mustRefuse("idx dim " + dim + " size " + size, "dims.idx", c, reader);
      }
    }
    mustRefuse("idx trailing bytes", "trail.idx", concat(valid, new byte[] {9}), reader);
    emptyAndDirectory("idx", reader, ".idx");
    flips("idx", valid, reader, ".idx", 23, 200);
    report("Idx");
  }

  private void report(String format) {
    System.out.println("File fuzz " + format + ": " + cases + " damaged files, " + (cases - flipsLoaded - flipsRefused)
        + " structural (all must be refused), random flips " + flipsRefused + " refused / " + flipsLoaded
        + " loaded (undetectable without a checksum); " + failures.size() + " did not hold");
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " damaged " + format + " files were not refused cleanly:\n  "
          + String.join("\n  ", failures.subList(0, Math.min(40, failures.size()))));
    }
  }
}

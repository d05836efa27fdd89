package dev.tinytorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of the milestones and lessons that {@code milestone NAME} and {@code lesson N} run (the TinyDigits
 * milestones' accuracy is MilestonesTest's). Fashion-MNIST is not in the repository: its milestones run here on a
 * made-up IDX folder of the same layout, which exercises the IDX path end to end.
 */
class ProgramsTest {
  @TempDir
  Path dir;

  /** Runs {@code body} with System.out captured; returns what it printed. */
  static String captured(ThrowingRunnable body) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(saved);
    }
    String s = buf.toString(StandardCharsets.UTF_8);
    saved.print(s);
    return s;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void transformerLearnsToReverseDigitSequences() throws Exception {
    double[] accuracy = new double[1];
    String out = captured(() -> accuracy[0] = Milestone07Transformer.run(1, 150));
    // Measured: 150 steps already reverse every one of the 1000 unseen sequences (seed 1).
    assertTrue(accuracy[0] >= 0.95, "sequence accuracy " + accuracy[0]);
    assertTrue(out.contains(" -> "), "prints what it predicts");
  }

  @Test
  void fashionMilestonesTrainOnAnIdxFolder() throws Exception {
    Path data = fakeFashion(dir.resolve("fashion"), 64, 32);
    for (String name : new String[] {"fashion-mlp", "fashion-cnn"}) {
      int[] code = new int[1];
      String out = captured(() -> code[0] = Programs.MILESTONES.get(name).run(new String[] {data.toString(),
          "--epochs", "1", "--batch-size", "16", "--out", dir.resolve(name).toString()}));
      assertEquals(0, code[0], out);
      assertTrue(out.contains("IDX: 64 train and 32 test 28x28 images"), out);
      assertTrue(out.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("test accuracy: "), out);
      assertTrue(Files.exists(dir.resolve(name).resolve("history.png")), name);
    }
  }

  @Test
  void fashionMilestoneWithoutAFolderSaysWhatItNeeds() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Programs.MILESTONES.get("fashion-mlp").run(new String[0]));
    assertTrue(e.getMessage().contains("needs the Fashion-MNIST folder"), e.getMessage());
  }

  @Test
  void everyLessonRuns() throws Exception {
    for (var lesson : Programs.LESSONS.entrySet()) {
      int[] code = new int[1];
      String out = captured(() -> code[0] = lesson.getValue().run(new String[0]));
      assertEquals(0, code[0], "lesson " + lesson.getKey());
      assertTrue(out.length() > 100, "lesson " + lesson.getKey() + " prints what it shows");
    }
  }

  /** Four gzipped IDX files with MNIST's names: random 28x28 images, labels following the mean brightness. */
  static Path fakeFashion(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(5);
    for (String split : new String[] {"train", "t10k"}) {
      int n = split.equals("train") ? train : test;
      byte[] images = new byte[n * 28 * 28];
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) (i % 10);
        for (int p = 0; p < 28 * 28; p++) {
          images[i * 784 + p] = (byte) Math.min(255, r.nextInt(100) + 15 * labels[i]);
        }
      }
      write(dir.resolve(split + "-images-idx3-ubyte.gz"), images, n, 28, 28);
      write(dir.resolve(split + "-labels-idx1-ubyte.gz"), labels, n);
    }
    return dir;
  }

  private static void write(Path file, byte[] data, int... shape) throws IOException {
    try (OutputStream f = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new GZIPOutputStream(f))) {
      out.writeShort(0);
      out.writeByte(0x08);   // unsigned bytes
      out.writeByte(shape.length);
      for (int s : shape) {
        out.writeInt(s);
      }
      out.write(data);
    }
  }
}

package dev.tinytorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in this JVM, briefly: what a user sees from train, --help and wrong input. */
class MainTest {
  @TempDir
  Path dir;

  /** Exit code, standard output and standard error of one command line. */
  record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void trainWritesTheThreeFilesAndEndsWithTheTestAccuracy() throws IOException {
    Path out = dir.resolve("out");
    Run r = run("train", "--epochs", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.outLines();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("test accuracy: \\d{1,3}\\.\\d\\d %"), last);
    // Three epochs of the default recipe already pass 90 % on TinyDigits (TinyTorch's 25 reach 81-85.5 %).
    assertTrue(Double.parseDouble(last.replaceAll("[^0-9.]", "")) >= 90, last);
    assertTrue(r.out().contains("TinyTorch kernels: "), r.out());
    assertTrue(r.out().contains("epoch 3/3"), "one line per epoch when the output is not a terminal");
    for (String f : new String[] {"checkpoint.safetensors", "history.csv", "history.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertTrue(r.out().contains(out.toAbsolutePath().normalize().toString()), "says where it wrote");
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    Run a = run("train", "--epochs", "2", "--seed", "7", "--out", dir.resolve("a").toString());
    Run b = run("train", "--epochs", "2", "--seed", "7", "--out", dir.resolve("b").toString());
    assertEquals(lossLines(a), lossLines(b));
    assertEquals(a.outLines().get(a.outLines().size() - 1), b.outLines().get(b.outLines().size() - 1));
  }

  private static List<String> lossLines(Run r) {
    // Epoch lines end with their duration, which is the one thing allowed to differ.
    return r.outLines().stream().filter(l -> l.startsWith("epoch ")).map(l -> l.replaceAll("\\S+ s$", "")).toList();
  }

  @Test
  void trainsOnACsvWithAHeaderAndASeededSplit() throws IOException {
    // Two well separated classes in 3 features; a header line; the label last.
    StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
    java.util.Random g = new java.util.Random(3);
    for (int i = 0; i < 100; i++) {
      int label = i % 2;
      csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,%d%n", 100 + 10 * label + g.nextGaussian(),
          g.nextGaussian(), 5 * label + g.nextGaussian(), label));
    }
    Path file = Files.writeString(dir.resolve("two.csv"), csv);
    Run r = run("train", "--data", file.toString(), "--epochs", "5", "--test-fraction", "0.3", "--optimizer", "sgd",
        "--out", dir.resolve("csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("seeded 70/30 split"), r.out());
    assertTrue(r.out().endsWith("test accuracy: 100.00 %" + System.lineSeparator()), r.out());
  }

  @Test
  void helpExplainsEveryOption() {
    Run r = run("train", "--help");
    assertEquals(0, r.code());
    for (String option : new String[] {"--data", "--model", "--epochs", "--lr", "--batch-size", "--seed", "--out",
        "--test-fraction", "--optimizer"}) {
      assertTrue(r.out().contains(option), option + " in\n" + r.out());
    }
  }

  @Test
  void aWrongOptionIsOneLineAndExitCode2() {
    Run r = run("train", "--epoch", "3");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("'--epoch'"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aMalformedCsvIsOneLineNamingTheFileAndRow() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,0\n3,oops,1\n");
    Run r = run("train", "--data", file.toString(), "--out", dir.resolve("x").toString());
    assertEquals(1, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("bad.csv line 3 is not numeric"), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aMissingFileAndAFractionalLabelAreOneLineEach() throws IOException {
    Run missing = run("train", "--data", dir.resolve("nope.csv").toString());
    assertEquals(1, missing.code());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().contains("nope.csv"), missing.err());
    Path file = Files.writeString(dir.resolve("reg.csv"), "1,2,0.5\n3,4,1\n5,6,0\n7,8,1\n");
    Run fractional = run("train", "--data", file.toString());
    assertEquals(1, fractional.code());
    assertTrue(fractional.err().contains("is not a class index"), fractional.err());
  }

  @Test
  void listNamesTheLessonsAndMilestones() {
    Run r = run("list");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("perceptron") && r.out().contains("lessons (lesson N):"), r.out());
  }

  @Test
  void onlyACommandLineThatDoesWorkIsRelaunchedWithTheVectorApi() {
    assertTrue(Main.runsWork("train", "--epochs", "1"));
    assertTrue(Main.runsWork("milestone", "xor"));
    assertEquals(false, Main.runsWork("train", "--bogus"), "a wrong option stays here: its one line comes alone");
    assertEquals(false, Main.runsWork("train", "--help"));
    assertEquals(false, Main.runsWork("--version"));
    assertEquals(false, Main.runsWork(), "no subcommand only prints the usage");
  }
}

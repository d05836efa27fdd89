package dev.tinytorch.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.io.Checkpoint;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while it saves checkpoints over and over never destroys the
 * previous one (issue 15): a child JVM saves a 1 MB checkpoint in a loop, announcing each finished
 * save; the parent kills it at a seeded random moment and loads the file, which must be whole and
 * hold the last announced save or a later one.
 */
class CheckpointKillTest {
  @TempDir Path dir;

  static Linear model() {
    return new Linear(512, 512, true, new dev.tinytorch.tensor.Generator(1));
  }

  /** The child: fills the weights with i and saves, forever, printing "saved i" after each save. */
  public static final class Saver {
    public static void main(String[] args) throws Exception {
      Path file = Paths.get(args[0]);
      Linear m = model();
      SGD opt = SGD.builder(m.parameters()).lr(0.1).build();
      for (int i = 1; ; i++) {
        try (var off = GradMode.off()) {
          m.weight().fill(i);
          m.bias().fill(-i);
        }
        Checkpoint.save(file, m, opt, Map.of("i", Integer.toString(i)));
        System.out.println("saved " + i);
        System.out.flush();
      }
    }
  }

  @Test
  @Timeout(60)
  void killDashNineMidSaveLeavesTheLastCheckpointLoadable() throws Exception {
    Path file = dir.resolve("run.ckpt");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Random r = new Random(15);
    int rounds = Integer.getInteger("tinytorch.killRounds", 4);
    int totalSaves = 0;
    for (int round = 0; round < rounds; round++) {
      Process child = new ProcessBuilder(java, "-Xmx128m", "-Dtinytorch.quiet=true", "-cp",
          System.getProperty("java.class.path"), Saver.class.getName(), file.toString())
          .redirectErrorStream(true).start();
      // a thread reads the announcements, so the kill can land at any moment of a save
      AtomicInteger announced = new AtomicInteger();
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("saved ")) {
              announced.set(Integer.parseInt(line.substring(6)));
            }
          }
        } catch (IOException e) {
          // the kill closed the stream: what was announced so far stands
        }
      });
      reader.start();
      int waitFor = 1 + r.nextInt(4); // finished saves before the kill is armed
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (announced.get() < waitFor && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertTrue(announced.get() >= waitFor, "the child stopped before saving " + waitFor + " times");
      Thread.sleep(r.nextInt(40)); // then a random moment, most likely inside a save
      int last = announced.get(); // a save announced by now has finished, so the file holds it or a later one
      child.destroyForcibly(); // SIGKILL on Linux and macOS
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      reader.join(10_000);
      Linear loaded = model();
      SGD opt = SGD.builder(loaded.parameters()).lr(0.5).build();
      Map<String, String> meta = Checkpoint.load(file, loaded, opt);
      int i = Integer.parseInt(meta.get("i"));
      assertTrue(i >= last, "loaded save " + i + " after the child announced " + last);
      assertEquals(512.0 * 512 * i, loaded.weight().sum().item(), 0.0);
      assertEquals(-512.0 * i, loaded.bias().sum().item(), 0.0);
      assertEquals(0.1, opt.lr(), 0.0);
      totalSaves += last;
      // the file is rewritten from save 1 in the next round; the old one is always whole meanwhile
    }
    long leftovers;
    try (var files = Files.list(dir)) {
      leftovers = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
    }
    System.out.println("Checkpoint kill -9: " + rounds + " kills after " + totalSaves + " saves; every time the "
        + "checkpoint loaded whole; " + leftovers + " temporary files left behind by the kills");
  }

  @Test
  void theSaverWritesWhatItAnnounces() throws Exception {
    // the same check without a child process, so a failure above points at the kill, not the saver
    Path file = dir.resolve("one.ckpt");
    Linear m = model();
    try (var off = GradMode.off()) {
      m.weight().fill(3);
    }
    Checkpoint.save(file, m, null, Map.of("i", "3"));
    Linear loaded = model();
    assertEquals("3", Checkpoint.load(file, loaded, null).get("i"));
    assertTrue(loaded.weight().equal(Tensor.full(3.0, 512, 512)));
  }
}

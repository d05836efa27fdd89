package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice of matmul kernels: in this JVM it must match the presence of the Vector API module,
 * and in fresh JVMs (run with {@link KernelsProbe}) each way of starting Java must pick its
 * kernels, say so in one line, compute exact products, and, without the module, never load a
 * vector class.
 */
class KernelsTest {
  private static final String SCALAR_NOTICE =
      "TinyTorch kernels: scalar Java (add --add-modules jdk.incubator.vector for the Vector API)";
  private static final String VECTOR_NOTICE = "TinyTorch kernels: Vector API (";

  @TempDir
  Path dir;

  @Test
  void activeKernelsMatchTheModulesPresence() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    boolean off = "false".equalsIgnoreCase(System.getProperty("tinytorch.vector"));
    assertEquals(present && !off, Kernels.VECTOR, "module present: " + present + ", switched off: " + off);
    // The build says which kernels its test JVMs should get (-Pvector-api: vector), so a profile
    // that stopped adding the module fails here instead of silently testing the scalar path twice.
    String wanted = System.getProperty("tinytorch.test.kernels");
    if (wanted != null) {
      assertEquals(wanted.equals("vector"), Kernels.VECTOR, "the build asked for the " + wanted + " kernels");
    }
    if (Kernels.VECTOR) {
      assertTrue(Kernels.DESCRIPTION.matches("Vector API \\(\\d+-bit, \\d+ fp32 lanes\\) for matmul"),
          Kernels.DESCRIPTION);
    } else if (!off) {
      assertEquals(SCALAR_NOTICE, "TinyTorch kernels: " + Kernels.DESCRIPTION);
    }
  }

  @Test
  void withoutTheModuleTheScalarKernelsRunAndNoVectorClassIsLoaded() throws Exception {
    Child child = run();
    assertTrue(child.out.contains("vector=false ok"), child.out);
    assertEquals(List.of(SCALAR_NOTICE), child.notices(), child.err);
    assertFalse(child.out.contains("dev.tinytorch.tensor.VectorGemm"), "a vector class was loaded:\n" + child.out);
    assertFalse(child.out.contains("jdk.incubator.vector"), child.out);
  }

  @Test
  void withTheModuleTheVectorKernelsRunAndSayTheirShape() throws Exception {
    Child child = run("--add-modules", "jdk.incubator.vector");
    assertTrue(child.out.contains("vector=true ok"), child.out);
    List<String> notices = child.notices();
    assertEquals(1, notices.size(), child.err);
    assertTrue(notices.get(0).matches("TinyTorch kernels: Vector API \\(\\d+-bit, \\d+ fp32 lanes\\) for matmul"),
        notices.get(0));
    assertTrue(child.out.contains("dev.tinytorch.tensor.VectorGemmFloat"), child.out);
    assertTrue(child.out.contains("dev.tinytorch.tensor.VectorGemmDouble"), child.out);
  }

  @Test
  void thePropertyFalseForcesTheScalarKernelsEvenWithTheModule() throws Exception {
    Child child = run("--add-modules", "jdk.incubator.vector", "-Dtinytorch.vector=false");
    assertTrue(child.out.contains("vector=false ok"), child.out);
    assertEquals(List.of("TinyTorch kernels: scalar Java (the Vector API is switched off by -Dtinytorch.vector=false)"),
        child.notices(), child.err);
    assertFalse(child.out.contains("dev.tinytorch.tensor.VectorGemm"), child.out);
  }

  @Test
  void quietSilencesTheNotice() throws Exception {
    Child child = run("--add-modules", "jdk.incubator.vector", "-Dtinytorch.quiet=true");
    assertTrue(child.out.contains("vector=true ok"), child.out);
    assertEquals(List.of(), child.notices(), child.err);
    assertFalse(child.err.contains(VECTOR_NOTICE), child.err);
  }

  /** What a child JVM printed: stdout (with the class-loading log) and stderr. */
  private static final class Child {
    final String out;
    final String err;

    Child(String out, String err) {
      this.out = out;
      this.err = err;
    }

    List<String> notices() {
      List<String> lines = new ArrayList<>();
      for (String line : err.split("\\R")) {
        if (line.startsWith("TinyTorch kernels:")) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  /** Runs {@link KernelsProbe} in a new JVM of this JDK, on this classpath, logging class loads. */
  private Child run(String... jvmArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmArgs));
    command.add("-Xlog:class+load=info");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KernelsProbe.class.getName());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // A guard against a hung child only; the probe takes about a second.
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe JVM did not finish: " + command);
    }
    Child child = new Child(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    assertEquals(0, process.exitValue(), "probe exit code; stderr:\n" + child.err);
    return child;
  }
}

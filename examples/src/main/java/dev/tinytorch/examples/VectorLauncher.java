package dev.tinytorch.examples;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Gives {@code java -jar tinytorch-examples.jar ...} the Vector API kernels without the user knowing the
 * flag. A jar's manifest cannot add a module (it knows {@code Add-Opens} and {@code Add-Exports}, not
 * {@code Add-Modules}, on JDK 17 and 25 alike), so when {@code jdk.incubator.vector} is absent the main
 * class starts the same java again with {@code --add-modules jdk.incubator.vector}, the same JVM options,
 * class path and arguments, and exits with the child's code. The child carries
 * {@code -Dtinytorch.relaunched=true}, so it never relaunches again; {@code -Dtinytorch.relaunch=false}
 * (or {@code -Dtinytorch.vector=false}, which asks for the plain kernels anyway) keeps the first JVM.
 * If the JDK has no such module (a jlinked runtime without it) the plain kernels run in this JVM.
 */
final class VectorLauncher {
  static final String MODULE = "jdk.incubator.vector";
  static final String RELAUNCHED = "tinytorch.relaunched";

  private VectorLauncher() {}

  /** Whether the Vector API module is in this JVM's boot layer (the kernels' own test). */
  static boolean vectorPresent() {
    return ModuleLayer.boot().findModule(MODULE).isPresent();
  }

  /** What {@code train} and {@code list} print: which matmul kernels this JVM runs, and why. */
  static String describeKernels() {
    boolean off = "false".equalsIgnoreCase(System.getProperty("tinytorch.vector"));
    if (vectorPresent() && !off) {
      return "Vector API (" + MODULE + ") for matmul";
    }
    if (off) {
      return "scalar Java (the Vector API is switched off by -Dtinytorch.vector=false)";
    }
    if (java.lang.module.ModuleFinder.ofSystem().find(MODULE).isEmpty()) {
      return "scalar Java (this Java runtime has no " + MODULE + " module)";
    }
    return "scalar Java (start java with --add-modules " + MODULE + " for the Vector API kernels)";
  }

  /**
   * Runs {@code args} in a child JVM with the Vector API if this one lacks it and may relaunch; returns the
   * child's exit code, or empty when this JVM should run the command itself.
   */
  static Optional<Integer> relaunchIfUseful(String[] args) {
    if (vectorPresent() || Boolean.getBoolean(RELAUNCHED)
        || "false".equalsIgnoreCase(System.getProperty("tinytorch.relaunch"))
        || "false".equalsIgnoreCase(System.getProperty("tinytorch.vector"))
        || java.lang.module.ModuleFinder.ofSystem().find(MODULE).isEmpty()) {
      return Optional.empty();
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
    if (!Files.isExecutable(java)) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("--add-modules");
    command.add(MODULE);
    command.add("-D" + RELAUNCHED + "=true");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // -jar and the main class come from below; agents' and debuggers' options carry over as given.
      command.add(a);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      return Optional.of(p.waitFor());
    } catch (java.io.IOException e) {
      return Optional.empty();   // no child: run here with the plain kernels
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(130);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
        && File.separatorChar == '\\';
  }
}

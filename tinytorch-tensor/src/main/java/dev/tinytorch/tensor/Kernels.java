package dev.tinytorch.tensor;

/**
 * Which matmul kernels this JVM runs, chosen once when the first matmul loads this class: the
 * Vector API ones ({@link VectorGemmFloat}, {@link VectorGemmDouble}) when the incubating module
 * {@code jdk.incubator.vector} is present at run time, the plain Java ones of {@link GemmFloat}
 * and {@link GemmDouble} otherwise.
 *
 * <p>The module is still incubating (its API may change between JDKs, and javac and the JVM
 * warn about it), so it stays optional, the way Lucene uses it: {@code java --add-modules
 * jdk.incubator.vector ...} turns it on, {@code -Dtinytorch.vector=false} forces the plain
 * kernels even then. The vector classes are reached only behind {@link #VECTOR}, so a JVM
 * without the module never loads them and never sees the missing {@code jdk.incubator.vector}
 * types. One line on standard error says what was chosen; {@code -Dtinytorch.quiet=true}
 * silences it.
 */
final class Kernels {
  /** The incubating module whose presence turns the vector kernels on. */
  static final String MODULE = "jdk.incubator.vector";
  /** Whether the Vector API kernels run: the module is present and not switched off. */
  static final boolean VECTOR;
  /** What runs, as the start-up notice says it after "TinyTorch kernels: ". */
  static final String DESCRIPTION;

  static {
    boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
    boolean off = "false".equalsIgnoreCase(System.getProperty("tinytorch.vector"));
    VECTOR = present && !off;
    if (VECTOR) {
      DESCRIPTION = "Vector API (" + VectorGemmFloat.describe() + ") for matmul";
    } else if (present) {
      DESCRIPTION = "scalar Java (the Vector API is switched off by -Dtinytorch.vector=false)";
    } else {
      DESCRIPTION = "scalar Java (add --add-modules " + MODULE + " for the Vector API)";
    }
    if (!Boolean.getBoolean("tinytorch.quiet")) {
      System.err.println("TinyTorch kernels: " + DESCRIPTION);
    }
  }

  private Kernels() {}

  /** Makes the choice (and prints the notice) now rather than at the first large product. */
  static void init() {
    // Calling any static method runs the class initialiser above, once.
  }
}

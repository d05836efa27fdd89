package dev.tinytorch.tensor;

import java.util.ServiceLoader;

/**
 * Holds the op table chosen once, when the first tensor op runs: a table registered through
 * {@link ServiceLoader} (tinytorch-autograd's) if one is on the classpath, else {@link KernelOps}.
 * A static final field, so the JIT sees one implementation and inlines through it.
 */
final class Dispatch {
  static final Ops OPS = load();

  private Dispatch() {}

  private static Ops load() {
    for (Ops ops : ServiceLoader.load(Ops.class, Dispatch.class.getClassLoader())) {
      return ops;
    }
    return KernelOps.INSTANCE;
  }

  /** The table in use, for diagnostics and tests. */
  static Ops current() {
    return OPS;
  }
}

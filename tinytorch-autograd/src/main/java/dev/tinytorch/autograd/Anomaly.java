package dev.tinytorch.autograd;

import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anomaly mode, as {@code torch.autograd.detect_anomaly()}: inside the scope, on this thread, the
 * first recorded op whose forward result or whose backward gradient holds a NaN or an infinity
 * throws an {@link IllegalStateException} naming the op, the shapes, the direction and the line
 * that created the op.
 *
 * <pre>{@code
 * try (var anomaly = Anomaly.detect()) {
 *   Tensor x = Tensor.of(0.0, 4.0).requiresGrad(true);
 *   x.sqrt().sum().backward();   // IllegalStateException: SqrtBackward ... backward ... created at ...
 * }
 * }</pre>
 *
 * <p>Scopes nest, are per thread (another thread's ops are not checked) and restore what was there
 * when closed. What is checked: every op that records the graph (some input requires grad and
 * {@link GradMode} is on), built-in or a custom {@link Function}; ops run without recording are not
 * checked, as in PyTorch. While the mode is on each recorded op keeps a stack trace of where it was
 * created and every result is scanned, which costs time; off (the default), the check is one read
 * of a shared counter that stays zero unless some thread is inside a scope.
 */
public final class Anomaly {
  /** Scopes open on all threads: while zero, no thread-local is read at all. */
  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[1]);

  private Anomaly() {}

  /** Turns anomaly mode on for this thread until the returned scope closes. */
  public static Scope detect() {
    return set(true);
  }

  /** Sets anomaly mode to {@code enabled} on this thread until the returned scope closes. */
  public static Scope set(boolean enabled) {
    boolean[] flag = ENABLED.get();
    Scope scope = new Scope(flag, flag[0]);
    flag[0] = enabled;
    OPEN.incrementAndGet();
    return scope;
  }

  /** Whether anomaly mode is on for this thread. */
  public static boolean isEnabled() {
    return OPEN.get() != 0 && ENABLED.get()[0];
  }

  /** Called by {@link Function#connect} for each recorded op when the mode is on: check, then keep the trace. */
  static Throwable checkForward(Function fn, Tensor out, Tensor[] inputs) {
    Throwable created = new Throwable(fn.name() + " created here (anomaly mode)");
    if (!allFinite(out)) {
      throw new IllegalStateException(
          "Anomaly: the forward of " + forwardName(fn) + " (" + fn.name() + ") produced " + kind(out)
              + " in its result of shape " + Shapes.str(out.shape()) + " from inputs of shapes "
              + shapes(inputs) + "; created at " + site(created)
              + ". Check the inputs' values (log or sqrt of a negative, 0/0, overflow) or lower the learning rate",
          created);
    }
    return created;
  }

  /** Called by the backward pass after each rule when the mode is on for the thread running the pass. */
  static void checkBackward(Function fn, Tensor gradOutput, Tensor[] grads) {
    for (int i = 0; i < grads.length; i++) {
      Tensor g = grads[i];
      if (g != null && !allFinite(g)) {
        Throwable created = fn.creation();
        throw new IllegalStateException(
            "Anomaly: the backward of " + forwardName(fn) + " (" + fn.name() + ") produced " + kind(g)
                + " in the gradient of input " + i + " of shape " + Shapes.str(g.shape())
                + " from a gradOutput of shape " + Shapes.str(gradOutput.shape())
                + (allFinite(gradOutput) ? "" : " that already held " + kind(gradOutput))
                + "; created at " + (created == null ? "(unknown: the op was recorded outside anomaly mode)"
                    : site(created))
                + ". The op's derivative is not finite at these inputs (sqrt at 0, log at 0, division by 0)",
            created);
      }
    }
  }

  static boolean allFinite(Tensor t) {
    for (double v : t.toDoubleArray()) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static String kind(Tensor t) {
    boolean nan = false;
    boolean inf = false;
    for (double v : t.toDoubleArray()) {
      nan |= Double.isNaN(v);
      inf |= Double.isInfinite(v);
    }
    return nan && inf ? "NaN and Inf" : nan ? "NaN" : inf ? "Inf" : "no NaN/Inf";
  }

  private static String forwardName(Function fn) {
    String n = fn.name();
    if (n.endsWith("Backward")) {
      n = n.substring(0, n.length() - "Backward".length());
    }
    return n.isEmpty() ? fn.name() : Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }

  private static String shapes(Tensor[] inputs) {
    StringBuilder sb = new StringBuilder();
    for (Tensor t : inputs) {
      sb.append(sb.length() == 0 ? "" : ", ").append(t == null ? "null" : Shapes.str(t.shape()));
    }
    return sb.toString();
  }

  /** The first frame outside the tensor and op-table code: the line that called the op. */
  private static String site(Throwable created) {
    for (StackTraceElement e : created.getStackTrace()) {
      String c = e.getClassName();
      if (!c.startsWith("dev.tinytorch.tensor.") && !c.startsWith("dev.tinytorch.autograd.functions.")
          && !c.equals(Anomaly.class.getName()) && !c.equals(Function.class.getName())
          && !c.equals(AutogradOps.class.getName()) && !c.startsWith("java.") && !c.startsWith("jdk.")) {
        return e.toString();
      }
    }
    StackTraceElement[] all = created.getStackTrace();
    return all.length == 0 ? "(no stack trace)" : all[all.length - 1].toString();
  }

  /** Restores the previous mode when closed; use with try-with-resources. */
  public static final class Scope implements AutoCloseable {
    private final boolean[] flag;
    private final boolean previous;
    private boolean closed;

    private Scope(boolean[] flag, boolean previous) {
      this.flag = flag;
      this.previous = previous;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        flag[0] = previous;
        OPEN.decrementAndGet();
      }
    }
  }
}

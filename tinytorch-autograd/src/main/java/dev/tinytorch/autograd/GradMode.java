package dev.tinytorch.autograd;

/**
 * Per-thread switch for graph recording, as {@code torch.no_grad()} / {@code torch.enable_grad()}.
 * Scopes nest and restore what was there before when closed:
 *
 * <pre>{@code
 * try (var off = GradMode.off()) {
 *   w.addInPlace(w.grad(), -0.1);   // a parameter update is not part of the graph
 * }
 * }</pre>
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  /** Whether ops record the graph on this thread. True unless inside an {@link #off()} scope. */
  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  /** Stops recording on this thread until the returned scope closes. */
  public static Scope off() {
    return set(false);
  }

  /** Records again on this thread until the returned scope closes (inside an {@link #off()} scope, say). */
  public static Scope on() {
    return set(true);
  }

  /** Sets recording to {@code enabled} until the returned scope closes. */
  public static Scope set(boolean enabled) {
    boolean[] flag = ENABLED.get();
    Scope scope = new Scope(flag, flag[0]);
    flag[0] = enabled;
    return scope;
  }

  /**
   * Sets recording to {@code enabled} and returns what it was, for the engine, which restores it
   * in a finally block: a {@link Scope} per backward pass is an allocation the pass can skip.
   */
  static boolean swap(boolean enabled) {
    boolean[] flag = ENABLED.get();
    boolean previous = flag[0];
    flag[0] = enabled;
    return previous;
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
      }
    }
  }
}

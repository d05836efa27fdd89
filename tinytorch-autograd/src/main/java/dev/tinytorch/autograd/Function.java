package dev.tinytorch.autograd;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.GradFn;
import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A node of the graph: the backward rule of one op, holding what it saved and edges to the
 * nodes (or leaf tensors) that produced its inputs.
 *
 * <p>Built-in ops create one per call. Users write custom differentiable ops by subclassing:
 * override {@link #forward} (runs without recording) and {@link #backward}, then call
 * {@link #apply} on a fresh instance:
 *
 * <pre>{@code
 * final class Cube extends Function {
 *   protected Tensor forward(Tensor... in) { saveForBackward(in[0]); return in[0].pow(3); }
 *   public Tensor[] backward(Tensor gradOutput) {
 *     Tensor x = savedTensors()[0];
 *     return new Tensor[] {gradOutput.mul(x.square()).mul(3)};
 *   }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 *
 * <p>Backward rules are written with Tensor ops, so the engine can record them
 * ({@code createGraph}) to differentiate gradients again.
 */
public abstract class Function implements GradFn {
  private static final Function[] NO_FUNCTIONS = new Function[0];
  private static final Tensor[] NO_TENSORS = new Tensor[0];
  private static final int[][] NO_SHAPES = new int[0][];
  private static final DType[] NO_DTYPES = new DType[0];
  private static final int[] NO_VERSIONS = new int[0];
  private static final VarHandle PASS;

  static {
    try {
      PASS = MethodHandles.lookup().findVarHandle(Function.class, "pass", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Function[] nextFunctions = NO_FUNCTIONS;
  private Tensor[] leaves = NO_TENSORS;
  private int[][] inputShapes = NO_SHAPES;
  private DType[] inputDtypes = NO_DTYPES;
  private boolean connected;

  private Tensor[] saved = NO_TENSORS;
  private int[] savedVersions = NO_VERSIONS;
  private boolean released;

  // Per-pass state, kept on the node as PyTorch does, so a backward pass needs no maps. Only the
  // pass that claimed the node (through PASS) touches the three fields below; it puts them back to
  // 0/null/false and lets go of the node when it ends, whether it finished or threw.
  @SuppressWarnings("unused") // read and written through PASS
  private volatile Object pass;
  /** Consumers of this node's output that have not yet sent their gradient. */
  int dependencies;
  /** Sum of the gradients received so far for this node's output. */
  Tensor pendingGrad;
  /** Whether nothing but this node can reach {@link #pendingGrad}'s storage (see BackwardPass). */
  boolean pendingExclusive;

  /**
   * Computes gradients of the inputs from the gradient of the output: one entry per input, in
   * order, null where {@link #needsInputGrad} is false (or the gradient is zero). A gradient may
   * have the output's broadcast shape; the engine sums it down to the input's shape.
   */
  public abstract Tensor[] backward(Tensor gradOutput);

  /** The forward computation of a custom op; runs with recording off. Built-in rules don't use it. */
  protected Tensor forward(Tensor... inputs) {
    throw new UnsupportedOperationException(
        name() + ": override forward(Tensor...) to use apply(...), or attach this rule from an op table");
  }

  /** Runs {@link #forward} and, when gradients are recorded and an input requires grad, records this node. */
  public final Tensor apply(Tensor... inputs) {
    if (connected) {
      throw new IllegalStateException(
          name() + ".apply: this instance is already part of a graph; create a new instance for each call");
    }
    Tensor out;
    try (var off = GradMode.off()) {
      out = forward(inputs);
    }
    if (out == null) {
      throw new IllegalStateException(name() + ".forward returned null; it must return the op's result");
    }
    if (!GradMode.isEnabled() || !anyRequiresGrad(inputs)) {
      return out;
    }
    for (Tensor in : inputs) {
      if (out == in) {
        out = out.detach(); // never re-label an input as the output of this node
      }
    }
    connect(inputs);
    return out.setGradFn(this);
  }

  static boolean anyRequiresGrad(Tensor... inputs) {
    for (Tensor t : inputs) {
      if (t != null && t.requiresGrad()) {
        return true;
      }
    }
    return false;
  }

  /** Saves tensors for backward, remembering their versions so in-place changes are caught. */
  protected final void saveForBackward(Tensor... tensors) {
    saved = tensors.clone();
    savedVersions = new int[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      savedVersions[i] = tensors[i] == null ? 0 : tensors[i].version();
    }
  }

  /** The saved tensors; fails if the graph was freed or one of them was changed in place since. */
  protected final Tensor[] savedTensors() {
    checkNotReleased();
    for (int i = 0; i < saved.length; i++) {
      Tensor t = saved[i];
      if (t != null && t.version() != savedVersions[i]) {
        throw new IllegalStateException(
            name() + ": one of the tensors needed for gradient computation has been modified by an in-place "
                + "operation: saved tensor " + i + " of shape " + Shapes.str(t.shape()) + " was at version "
                + savedVersions[i] + " and is now at version " + t.version() + ". Hint: do in-place updates "
                + "(optimizer steps) after backward(), or clone() the tensor before changing it");
      }
    }
    return saved;
  }

  void checkNotReleased() {
    if (released) {
      throw new IllegalStateException(
          name() + ": trying to backward through the graph a second time (or to read saved tensors after "
              + "they were freed). Saved tensors are freed after backward to save memory; pass "
              + "retainGraph=true to the first backward(gradient, retainGraph, createGraph) if you need "
              + "to backward through the graph again");
    }
  }

  /** Whether input {@code i} leads to a tensor that requires grad, i.e. whether its gradient is needed. */
  public final boolean needsInputGrad(int i) {
    return nextFunctions[i] != null || leaves[i] != null;
  }

  /** The producers of the inputs, null for inputs that are leaves or need no grad (PyTorch's next_functions). */
  public final List<GradFn> nextFunctions() {
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(nextFunctions)));
  }

  /** Number of inputs this node has edges for. */
  public final int numInputs() {
    return nextFunctions.length;
  }

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "<" + name() + ">";
  }

  /** Records the edges to the inputs' producers and their shapes. */
  final void connect(Tensor... inputs) {
    int n = inputs.length;
    nextFunctions = new Function[n];
    leaves = new Tensor[n];
    inputShapes = new int[n][];
    inputDtypes = new DType[n];
    for (int i = 0; i < n; i++) {
      Tensor t = inputs[i];
      if (t == null) {
        continue;
      }
      inputShapes[i] = t.shape();
      inputDtypes[i] = t.dtype();
      if (!t.requiresGrad()) {
        continue;
      }
      if (t.gradFn() == null) {
        leaves[i] = t;
      } else if (t.gradFn() instanceof Function) {
        nextFunctions[i] = (Function) t.gradFn();
      } else {
        throw new IllegalStateException(
            name() + ": input " + i + " was produced by " + t.gradFn().name()
                + ", which is not a dev.tinytorch.autograd.Function");
      }
    }
    connected = true;
  }

  final Function nextFunction(int i) {
    return nextFunctions[i];
  }

  final Tensor leaf(int i) {
    return leaves[i];
  }

  final int[] inputShape(int i) {
    return inputShapes[i];
  }

  final DType inputDtype(int i) {
    return inputDtypes[i];
  }

  /**
   * Claims this node for {@code owner}: null if the claim succeeded, else whoever holds it already
   * ({@code owner} itself when it claimed the node before).
   */
  final Object claim(Object owner) {
    return PASS.compareAndExchange(this, null, owner);
  }

  /** Lets another pass claim this node; its per-pass fields must already be reset. */
  final void unclaim() {
    PASS.setRelease(this, null);
  }

  /** Frees the saved tensors after a backward pass without retainGraph. */
  final void release() {
    released = true;
    saved = NO_TENSORS;
    savedVersions = NO_VERSIONS;
  }
}

package dev.tinytorch.autograd;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.GradFn;
import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
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
  private static final Object[] NO_EDGES = new Object[0];
  private static final Tensor[] NO_TENSORS = new Tensor[0];
  private static final int[] NO_VERSIONS = new int[0];
  private static final VarHandle PASS;

  static {
    try {
      PASS = MethodHandles.lookup().findVarHandle(Function.class, "pass", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Per input: the Function that produced it, the leaf Tensor itself, or null if it needs no gradient. */
  private Object[] edges = NO_EDGES;
  /**
   * Shape and dtype of the tensor this node produced: the gradient its consumers send must have
   * them. Kept here once rather than by every consumer, as PyTorch's input metadata is.
   */
  private int[] outputShape;
  private DType outputDtype;
  /** Shapes and dtypes of inputs whose producer recorded other ones (a gradFn set by hand); else null. */
  private int[][] edgeShapes;
  private DType[] edgeDtypes;
  private boolean connected;
  /** Where this op was recorded, kept only while {@link Anomaly} mode is on. */
  private Throwable creation;

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
    connect(out, inputs);
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
    return edges[i] != null;
  }

  /** The producers of the inputs, null for inputs that are leaves or need no grad (PyTorch's next_functions). */
  public final List<GradFn> nextFunctions() {
    List<GradFn> out = new ArrayList<>(edges.length);
    for (int i = 0; i < edges.length; i++) {
      out.add(nextFunction(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** Number of inputs this node has edges for. */
  public final int numInputs() {
    return edges.length;
  }

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "<" + name() + ">";
  }

  /** Records the edges to the inputs' producers (or leaves) and the shape and dtype of {@code out}. */
  final void connect(Tensor out, Tensor... inputs) {
    if (Anomaly.isEnabled()) {
      creation = Anomaly.checkForward(this, out, inputs); // throws before anything is connected
    }
    int n = inputs.length;
    Object[] e = new Object[n];
    for (int i = 0; i < n; i++) {
      Tensor t = inputs[i];
      if (t == null || !t.requiresGrad()) {
        continue; // no gradient flows there, so neither its producer nor its shape is needed
      }
      if (t.gradFn() == null) {
        e[i] = t;
      } else if (t.gradFn() instanceof Function) {
        Function producer = (Function) t.gradFn();
        e[i] = producer;
        if (!producer.produced(t)) {
          if (edgeShapes == null) {
            edgeShapes = new int[n][];
            edgeDtypes = new DType[n];
          }
          edgeShapes[i] = t.shape();
          edgeDtypes[i] = t.dtype();
        }
      } else {
        throw new IllegalStateException(
            name() + ": input " + i + " was produced by " + t.gradFn().name()
                + ", which is not a dev.tinytorch.autograd.Function");
      }
    }
    edges = e;
    outputShape = out.shape();
    outputDtype = out.dtype();
    connected = true;
  }

  /** Where this op was recorded when anomaly mode was on, else null. */
  final Throwable creation() {
    return creation;
  }

  /** Whether {@code t} has the shape and dtype of this node's output (it is that output, unless set by hand). */
  private boolean produced(Tensor t) {
    return outputShape != null && outputDtype == t.dtype() && hasShape(t, outputShape);
  }

  static boolean hasShape(Tensor t, int[] shape) {
    if (t.dim() != shape.length) {
      return false;
    }
    for (int d = 0; d < shape.length; d++) {
      if (t.size(d) != shape[d]) {
        return false;
      }
    }
    return true;
  }

  final Function nextFunction(int i) {
    return edges[i] instanceof Function ? (Function) edges[i] : null;
  }

  final Tensor leaf(int i) {
    return edges[i] instanceof Tensor ? (Tensor) edges[i] : null;
  }

  /** Whether {@code g} has the shape of input {@code i} (one that needs a gradient), without copying shapes. */
  final boolean fitsInput(int i, Tensor g) {
    if (edges[i] instanceof Tensor) {
      Tensor leaf = (Tensor) edges[i];
      if (g.dim() != leaf.dim()) {
        return false;
      }
      for (int d = 0; d < g.dim(); d++) {
        if (g.size(d) != leaf.size(d)) {
          return false;
        }
      }
      return true;
    }
    return hasShape(g, edgeShapes != null && edgeShapes[i] != null ? edgeShapes[i] : ((Function) edges[i]).outputShape);
  }

  /** The shape of input {@code i}, one that needs a gradient (a copy). */
  final int[] inputShape(int i) {
    if (edges[i] instanceof Tensor) {
      return ((Tensor) edges[i]).shape();
    }
    return (edgeShapes != null && edgeShapes[i] != null ? edgeShapes[i] : ((Function) edges[i]).outputShape).clone();
  }

  /** The dtype of input {@code i}, one that needs a gradient. */
  final DType inputDtype(int i) {
    if (edges[i] instanceof Tensor) {
      return ((Tensor) edges[i]).dtype();
    }
    return edgeDtypes != null && edgeDtypes[i] != null ? edgeDtypes[i] : ((Function) edges[i]).outputDtype;
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

package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layer or a model: a {@link #forward} over parameters, buffers and child modules, each registered
 * by name with one call, as PyTorch's {@code nn.Module}.
 *
 * <p>A model of your own is a subclass that registers its children in the constructor and composes
 * them in {@code forward}:
 *
 * <pre>{@code
 * final class TwoLayerNet extends Module {
 *   private final Linear fc1 = module("fc1", new Linear(784, 128));
 *   private final Linear fc2 = module("fc2", new Linear(128, 10));
 *
 *   @Override
 *   public Tensor forward(Tensor x) {
 *     return fc2.forward(F.relu(fc1.forward(x)));
 *   }
 * }
 * TwoLayerNet net = new TwoLayerNet();
 * net.namedParameters().keySet();   // [fc1.weight, fc1.bias, fc2.weight, fc2.bias]
 * System.out.println(net);          // TwoLayerNet( (fc1): Linear(in_features=784, ...) ... )
 * }</pre>
 *
 * <p>Traversal is PyTorch's: a module's own parameters (then buffers) in registration order, then each
 * child's, depth-first, so keys read {@code encoder.fc1.weight}. A parameter shared by two children is
 * listed once by {@link #parameters()} and under each name by {@link #stateDict()}, as in PyTorch.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  /** Buffers holding counts, which {@link #to(DType)} leaves in FLOAT64 as PyTorch leaves its long buffers. */
  private final Set<String> countBuffers = new java.util.HashSet<>();
  private boolean training = true;
  private Module parent;
  private String nameInParent = "";

  /** Computes this module's output; layers with several inputs add overloads. */
  public abstract Tensor forward(Tensor input);

  // ---------------------------------------------------------------- registration

  /**
   * Registers {@code initial} as a trainable parameter under {@code name} and returns it, now with
   * {@code requiresGrad(true)}. A non-leaf is detached first (its data, not its graph, is the parameter).
   */
  protected Tensor parameter(String name, Tensor initial) {
    checkNotNull(initial, "parameter: the initial value of '%s' is null", name);
    checkFreeName(name);
    Tensor p = initial.isLeaf() ? initial : initial.detach();
    p.requiresGrad(true);
    parameters.put(name, p);
    return p;
  }

  /** Registers state without gradient (batch norm's running statistics) and returns it. */
  protected Tensor buffer(String name, Tensor initial) {
    checkNotNull(initial, "buffer: the initial value of '%s' is null", name);
    checkFreeName(name);
    Tensor b = initial.isLeaf() && !initial.requiresGrad() ? initial : initial.detach();
    buffers.put(name, b);
    return b;
  }

  /**
   * Registers a buffer that holds a count (batch norm's {@code num_batches_tracked}): FLOAT64, and
   * kept so by {@link #to(DType)}, since counts above 2^24 are not exact in FLOAT32.
   */
  protected Tensor countBuffer(String name, Tensor initial) {
    Tensor b = buffer(name, initial.to(DType.FLOAT64));
    countBuffers.add(name);
    return b;
  }

  /** Registers {@code child} under {@code name} (its state-dict prefix) and returns it. */
  protected <M extends Module> M module(String name, M child) {
    checkNotNull(child, "module: the child '%s' is null", name);
    checkFreeName(name);
    for (Module m = this; m != null; m = m.parent) {
      checkArgument(m != child, "module: registering '%s' would make %s its own descendant; "
          + "a module cannot contain itself", name, child.getClass().getSimpleName());
    }
    Module m = child;
    children.put(name, m);
    m.parent = this;
    m.nameInParent = name;
    return child;
  }

  private void checkFreeName(String name) {
    checkNotNull(name, "register: name is null");
    checkArgument(!name.isEmpty() && !name.contains("."),
        "register: name '%s' in %s must be non-empty and contain no '.' (dots separate state-dict levels)",
        name, describe());
    checkArgument(!parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "register: %s already has a parameter, buffer or child named '%s'; pick another name", describe(), name);
  }

  // ---------------------------------------------------------------- traversal

  /** Every trainable parameter, own first then children's depth-first, each shared one listed once. */
  public List<Tensor> parameters() {
    return List.copyOf(distinct(namedParameters().values()));
  }

  /** Parameters by their state-dict keys ({@code 0.weight}, {@code encoder.fc1.bias}). */
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, true, false);
    return Collections.unmodifiableMap(out);
  }

  /** Buffers by their state-dict keys ({@code bn.running_mean}). */
  public Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, false, true);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Parameters and buffers by key, in PyTorch's order. The values are detached views of the live
   * tensors (as PyTorch's): they change when training does; {@code clone()} one to keep a snapshot.
   */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, true, true);
    out.replaceAll((k, v) -> v.detach());
    return Collections.unmodifiableMap(out);
  }

  private void collect(String prefix, Map<String, Tensor> out, boolean params, boolean bufs) {
    if (params) {
      parameters.forEach((k, v) -> out.put(prefix + k, v));
    }
    if (bufs) {
      buffers.forEach((k, v) -> out.put(prefix + k, v));
    }
    children.forEach((k, c) -> c.collect(prefix + k + ".", out, params, bufs));
  }

  /** The direct children by name, in registration order. */
  public Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(children);
  }

  /** This module and every descendant by path ({@code ""} for this one), depth-first. */
  public Map<String, Module> namedModules() {
    Map<String, Module> out = new LinkedHashMap<>();
    collectModules("", out);
    return Collections.unmodifiableMap(out);
  }

  private void collectModules(String path, Map<String, Module> out) {
    out.put(path, this);
    children.forEach((k, c) -> c.collectModules(path.isEmpty() ? k : path + "." + k, out));
  }

  // ---------------------------------------------------------------- state

  /**
   * Copies every entry of {@code state} into the parameter or buffer of the same key, converted to its
   * dtype. Strict and all-or-nothing: any missing, unexpected or mis-shaped key is refused with an
   * IllegalArgumentException naming them all, and then nothing has been changed.
   */
  public void loadStateDict(Map<String, Tensor> state) {
    checkNotNull(state, "loadStateDict: state is null");
    Map<String, Tensor> own = new LinkedHashMap<>();
    collect("", own, true, true);
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    boolean transposedHint = false;
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor given = state.get(e.getKey());
      if (given == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(given.shape(), e.getValue().shape())) {
        int[] want = e.getValue().shape();
        int[] got = given.shape();
        mismatched.add(e.getKey() + " expects " + Arrays.toString(want) + ", got " + Arrays.toString(got));
        transposedHint |= want.length == 2 && got.length == 2 && want[0] == got[1] && want[1] == got[0];
      }
    }
    for (String k : state.keySet()) {
      if (!own.containsKey(k)) {
        unexpected.add(k);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
      StringBuilder sb = new StringBuilder("loadStateDict: the state does not fit ").append(describe()).append(':');
      if (!missing.isEmpty()) {
        sb.append(" missing keys ").append(missing).append(';');
      }
      if (!unexpected.isEmpty()) {
        sb.append(" unexpected keys ").append(unexpected).append(';');
      }
      if (!mismatched.isEmpty()) {
        sb.append(" shape mismatch: ").append(String.join(", ", mismatched)).append(';');
      }
      sb.append(" nothing was loaded. Keys must match stateDict() exactly");
      if (transposedHint) {
        sb.append("; a transposed 2-D shape suggests PyTorch's Linear layout [out, in]: ours is [in, out], "
            + "so load PyTorch files with PyTorchWeights");
      }
      throw new IllegalArgumentException(sb.toString());
    }
    // Convert everything before writing anything, so a failure cannot leave half a model loaded.
    Map<Tensor, Tensor> converted = new IdentityHashMap<>();
    own.forEach((k, target) -> converted.put(target, state.get(k).detach().to(target.dtype()).contiguous()));
    try (var off = GradMode.off()) {
      converted.forEach(Tensor::copyFrom);
    }
  }

  /** Sets training mode here and in every descendant (dropout active, batch norm on batch statistics). */
  public Module train() {
    return setTraining(true);
  }

  /** Sets evaluation mode here and in every descendant (dropout off, batch norm on running statistics). */
  public Module eval() {
    return setTraining(false);
  }

  private Module setTraining(boolean value) {
    training = value;
    children.values().forEach(c -> c.setTraining(value));
    return this;
  }

  public boolean isTraining() {
    return training;
  }

  /**
   * Converts every parameter and buffer to {@code dtype} IN PLACE, keeping the same Tensor objects (as
   * PyTorch's {@code module.to}): fields holding a parameter and optimizers built before stay valid.
   * Count buffers stay FLOAT64. Returns this module.
   */
  public Module to(DType dtype) {
    checkNotNull(dtype, "to: dtype is null");
    try (var off = GradMode.off()) {
      for (Tensor t : distinct(namedParameters().values())) {
        t.setData(t.to(dtype));
      }
      convertBuffers(dtype);
    }
    return this;
  }

  private void convertBuffers(DType dtype) {
    buffers.forEach((k, b) -> {
      if (!countBuffers.contains(k)) {
        b.setData(b.to(dtype));
      }
    });
    children.values().forEach(c -> c.convertBuffers(dtype));
  }

  /** Clears every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
  public void zeroGrad() {
    for (Tensor p : parameters()) {
      p.zeroGrad();
    }
  }

  /** The number of trainable scalars, each shared parameter counted once. */
  public long parameterCount() {
    long n = 0;
    for (Tensor p : parameters()) {
      n += p.numel();
    }
    return n;
  }

  private static List<Tensor> distinct(Iterable<Tensor> tensors) {
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : tensors) {
      if (seen.add(t)) {
        out.add(t);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- naming and printing

  /** This module's key prefix in the model that holds it ({@code encoder.fc1}), or "" for a root. */
  public String path() {
    if (parent == null) {
      return "";
    }
    String up = parent.path();
    return up.isEmpty() ? nameInParent : up + "." + nameInParent;
  }

  /**
   * A one-line summary for error messages, {@code Linear 64 -> 32}; layers override it. The default
   * is the class name.
   */
  protected String summary() {
    return getClass().getSimpleName().isEmpty() ? "Module" : getClass().getSimpleName();
  }

  /** The module as error messages name it: {@code encoder.fc1 (Linear 64 -> 32)}, or the summary alone at the root. */
  protected final String describe() {
    String p = path();
    return p.isEmpty() ? summary() : p + " (" + summary() + ")";
  }

  /**
   * What goes between the parentheses of {@link #toString()}, PyTorch's {@code extra_repr}. The default
   * lists this module's own parameters with their shapes.
   */
  protected String extraRepr() {
    List<String> parts = new ArrayList<>();
    parameters.forEach((k, v) -> parts.add(k + "=" + Arrays.toString(v.shape())));
    return String.join(", ", parts);
  }

  /** A tree like PyTorch's {@code print(model)}. */
  @Override
  public String toString() {
    String name = getClass().getSimpleName().isEmpty() ? "Module" : getClass().getSimpleName();
    String extra = extraRepr();
    if (children.isEmpty()) {
      return name + "(" + extra + ")";
    }
    StringBuilder sb = new StringBuilder(name).append("(\n");
    if (!extra.isEmpty()) {
      sb.append("  ").append(extra).append('\n');
    }
    children.forEach((k, c) -> sb.append("  (").append(k).append("): ")
        .append(c.toString().replace("\n", "\n  ")).append('\n'));
    return sb.append(')').toString();
  }
}

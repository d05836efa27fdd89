package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An optimizer over a fixed list of parameters, torch.optim's {@code Optimizer} with one parameter
 * group. {@link #step()} updates the parameters in place under no-grad from their gradients;
 * parameters without a gradient are skipped, as in PyTorch.
 *
 * <p>State lives per parameter index: buffers of the parameter's shape and dtype (for example
 * {@code momentum_buffer}, {@code exp_avg}) and, for optimizers that count steps, a step count. The
 * {@link #stateDict()} holds tensors only, under keys {@code state.<index>.<name>}, step counts as
 * 0-d FLOAT64 tensors ({@code state.3.step}); {@link #loadStateDict} is strict and all-or-nothing.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.1);
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public abstract class Optimizer {
  /** The thread inside step() or loadStateDict(), or null (see {@link #enterStep}). */
  private final AtomicReference<Thread> busy = new AtomicReference<>();
  private final StepGuard guard = new StepGuard(busy);
  private final List<Tensor> params;
  private final String[] stateNames;
  private final boolean countsSteps;
  private final Tensor[][] buffers;
  private final long[] steps;
  private double lr;

  /**
   * @param stateNames the per-parameter buffers this optimizer keeps, each of the parameter's shape
   * @param countsSteps whether a step count is kept per parameter (Adam's bias correction needs it)
   */
  protected Optimizer(List<Tensor> params, double lr, List<String> stateNames, boolean countsSteps) {
    checkNotNull(params, "%s: params is null", name());
    checkArgument(!params.isEmpty(),
        "%s: the parameter list is empty; pass model.parameters() of a model that has parameters", name());
    IdentityHashMap<Tensor, Integer> seen = new IdentityHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      checkNotNull(p, "%s: params[%s] is null", name(), i);
      checkArgument(p.requiresGrad(), "%s: parameter %s (%s %s) does not require grad, so it would never be "
          + "updated; call requiresGrad(true) on it or leave it out", name(), i, p.dtype(), Arrays.toString(p.shape()));
      checkArgument(p.isLeaf(), "%s: parameter %s (%s %s) is not a leaf (it was computed by %s); optimize the "
          + "leaf tensors the model owns", name(), i, p.dtype(), Arrays.toString(p.shape()),
          p.gradFn() == null ? "an op" : p.gradFn().name());
      Integer before = seen.put(p, i);
      checkArgument(before == null, "%s: parameters %s and %s are the same tensor; pass each parameter once",
          name(), before, i);
    }
    this.params = List.copyOf(params);
    this.stateNames = stateNames.toArray(new String[0]);
    this.countsSteps = countsSteps;
    this.buffers = new Tensor[params.size()][];
    this.steps = new long[params.size()];
    setLr(lr);
  }

  /**
   * Updates every parameter that has a gradient, in place, with gradients off. Not thread-safe: an
   * optimizer belongs to one training loop; a step or a loadStateDict entered while another thread
   * is inside one throws an IllegalStateException before changing anything.
   */
  public abstract void step();

  /**
   * Marks this optimizer busy until the returned guard closes; subclasses wrap {@link #step()} in it.
   * One compare-and-set per step, so two threads sharing an optimizer fail loudly instead of
   * interleaving their updates of the parameters and the state.
   */
  protected final StepGuard enterStep(String what) {
    Thread me = Thread.currentThread();
    Thread other = busy.compareAndExchange(null, me);
    if (other != null) {
      throw new IllegalStateException(
          name() + "." + what + ": entered on thread " + me.getName() + " while thread " + other.getName()
              + (other == me ? " (this one, re-entrantly)" : "") + " is inside a step or loadStateDict of the same "
              + "optimizer; an optimizer is not thread-safe: give each thread its own model and optimizer, "
              + "or run the steps one after the other");
    }
    return guard;
  }

  /** Closes what {@link #enterStep} opened; use with try-with-resources. */
  protected static final class StepGuard implements AutoCloseable {
    private final AtomicReference<Thread> busy;

    private StepGuard(AtomicReference<Thread> busy) {
      this.busy = busy;
    }

    @Override
    public void close() {
      busy.set(null);
    }
  }

  /** Clears every parameter's gradient (sets it to null, like {@code Module.zeroGrad()}). */
  public void zeroGrad() {
    for (Tensor p : params) {
      p.zeroGrad();
    }
  }

  /** The current learning rate. */
  public double lr() {
    return lr;
  }

  /** Sets the learning rate (schedulers call this); it must be finite and not negative. */
  public void setLr(double lr) {
    checkArgument(Double.isFinite(lr) && lr >= 0,
        "%s: learning rate %s is out of range; it must be finite and >= 0 (e.g. 0.01)", name(), lr);
    this.lr = lr;
  }

  /** The parameters this optimizer updates, in order. */
  public List<Tensor> parameters() {
    return params;
  }

  /** The optimizer's short name in messages ({@code "SGD"}). */
  protected String name() {
    return getClass().getSimpleName();
  }

  /**
   * The buffers of parameter {@code index}, created as zeros of the parameter's shape and dtype on
   * first use ({@code created[0]} tells the caller so; SGD starts its momentum from the gradient then).
   */
  protected final Tensor[] state(int index, boolean[] created) {
    Tensor[] s = buffers[index];
    if (s == null) {
      Tensor p = params.get(index);
      s = new Tensor[stateNames.length];
      for (int k = 0; k < s.length; k++) {
        s[k] = Tensor.zeros(p.dtype(), p.shape());
      }
      buffers[index] = s;
      created[0] = true;
    } else {
      created[0] = false;
    }
    return s;
  }

  /** Increments and returns parameter {@code index}'s step count. */
  protected final long nextStep(int index) {
    return ++steps[index];
  }

  /** The gradient of a parameter as the fused kernels need it (dense, of the parameter's dtype), or null. */
  protected static Tensor denseGrad(Tensor p) {
    Tensor g = p.grad();
    if (g == null) {
      return null;
    }
    if (g.dtype() != p.dtype()) {
      g = g.to(p.dtype());
    }
    return g.isContiguous() ? g : g.contiguous();
  }

  /** Copies of the state tensors, keyed {@code state.<index>.<name>}; only parameters stepped so far. */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      if (buffers[i] == null) {
        continue;
      }
      if (countsSteps) {
        out.put(key(i, "step"), Tensor.scalar(steps[i], DType.FLOAT64));
      }
      for (int k = 0; k < stateNames.length; k++) {
        out.put(key(i, stateNames[k]), buffers[i][k].detach().clone());
      }
    }
    return out;
  }

  /**
   * Replaces the whole state with {@code state} (parameters absent from it start fresh). Every key
   * must be one {@link #stateDict()} could write, each parameter's entries complete, and each buffer
   * of its parameter's shape (converted to its dtype); otherwise one IllegalArgumentException names
   * every problem and nothing changes.
   */
  public void loadStateDict(Map<String, Tensor> state) {
    try (var g = enterStep("loadStateDict")) {
      loadStateDictUnguarded(state);
    }
  }

  private void loadStateDictUnguarded(Map<String, Tensor> state) {
    List<String> problems = checkStateDict(state);
    checkArgument(problems.isEmpty(), "%s.loadStateDict: refused, nothing changed: %s; load a state dict "
        + "saved by a %s over the same parameters", name(), String.join("; ", problems), name());
    List<String> names = stateKeyNames();
    boolean[] present = presentIndices(state, names);
    for (int i = 0; i < params.size(); i++) {
      if (!present[i]) {
        buffers[i] = null;
        steps[i] = 0;
        continue;
      }
      Tensor p = params.get(i);
      Tensor[] s = new Tensor[stateNames.length];
      for (int k = 0; k < s.length; k++) {
        s[k] = state.get(key(i, stateNames[k])).detach().to(p.dtype()).contiguous().clone();
      }
      buffers[i] = s;
      steps[i] = countsSteps ? (long) state.get(key(i, "step")).item() : 0;
    }
  }

  /**
   * The problems {@link #loadStateDict} would refuse {@code state} for, one line each naming the key and
   * the shapes (empty when it fits). Changes nothing, so a caller loading several things at once (a
   * checkpoint of model and optimizer) can check them all before changing any.
   */
  public List<String> checkStateDict(Map<String, Tensor> state) {
    checkNotNull(state, "state");
    List<String> problems = new ArrayList<>();
    List<String> names = stateKeyNames();
    boolean[] present = new boolean[params.size()];
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      String k = e.getKey();
      int index = indexOf(k, names);
      if (index < 0) {
        problems.add("unknown key " + k);
        continue;
      }
      present[index] = true;
      Tensor v = e.getValue();
      String name = k.substring(k.indexOf('.', 6) + 1);
      int[] want = name.equals("step") ? new int[0] : params.get(index).shape();
      if (v == null) {
        problems.add(k + " is null");
      } else if (!Arrays.equals(v.shape(), want)) {
        problems.add(k + " has shape " + Arrays.toString(v.shape()) + ", expected " + Arrays.toString(want));
      } else if (name.equals("step") && (v.item() < 0 || v.item() != Math.rint(v.item()))) {
        problems.add(k + " = " + v.item() + " is not a whole count >= 0");
      }
    }
    for (int i = 0; i < params.size(); i++) {
      if (!present[i]) {
        continue;
      }
      for (String n : names) {
        if (!state.containsKey(key(i, n))) {
          problems.add("missing key " + key(i, n));
        }
      }
    }
    return problems;
  }

  private List<String> stateKeyNames() {
    List<String> names = new ArrayList<>(Arrays.asList(stateNames));
    if (countsSteps) {
      names.add("step");
    }
    return names;
  }

  private boolean[] presentIndices(Map<String, Tensor> state, List<String> names) {
    boolean[] present = new boolean[params.size()];
    for (String k : state.keySet()) {
      int index = indexOf(k, names);
      if (index >= 0) {
        present[index] = true;
      }
    }
    return present;
  }

  private int indexOf(String key, List<String> names) {
    if (!key.startsWith("state.")) {
      return -1;
    }
    int dot = key.indexOf('.', 6);
    if (dot < 0 || !names.contains(key.substring(dot + 1))) {
      return -1;
    }
    try {
      int i = Integer.parseInt(key.substring(6, dot));
      return i >= 0 && i < params.size() && key.equals(key(i, key.substring(dot + 1))) ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String key(int index, String name) {
    return "state." + index + "." + name;
  }

  static void checkRange(String optimizer, String what, double value, double min, double maxExclusive) {
    checkArgument(value >= min && value < maxExclusive, "%s: %s %s is out of range; it must be in [%s, %s)",
        optimizer, what, value, min, maxExclusive);
  }
}

package dev.tinytorch.autograd;

import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One run of the engine: its work lists and the gradients it collected for leaves. The per-node
 * state (dependency count, pending gradient) lives on the {@link Function}s it claims, so a pass
 * allocates no maps; the lists are arrays reused by the next pass on the same thread.
 *
 * <p>A pass claims every node it will run before running any; a node claimed by a pass still
 * running (on another thread, or an enclosing backward on this one) makes the new pass fail
 * before it changes anything. {@link #finish} resets and lets go of every claimed node, also
 * after an exception, so a graph is never left with stale counts.
 */
final class BackwardPass {
  private static final ThreadLocal<BackwardPass> CACHED = ThreadLocal.withInitial(BackwardPass::new);
  /** Arrays longer than this are dropped after a pass, so one huge graph does not pin memory per thread. */
  private static final int KEEP = 1 << 12;
  /** Up to this many leaves a lookup scans the list; beyond, an identity map indexes them. */
  private static final int SCAN = 16;
  /** Longest list of outside-held or shared-and-kept gradients the last step compares against. */
  private static final int CHECKED = 64;
  /**
   * The rules whose results are known to be either fresh tensors or views of their gradOutput: the
   * built-in ones (each was read for this). A user's rule may return anything, a saved tensor or a
   * constant, so what it returns is never taken as the pass's own.
   */
  private static final ClassValue<Boolean> BUILT_IN = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return type.getPackageName().equals("dev.tinytorch.autograd.functions")
          && type.getClassLoader() == Function.class.getClassLoader();
    }
  };

  private final Thread thread = Thread.currentThread();
  private boolean inUse;

  /** Every claimed node, in discovery order; also the queue of the dependency count. */
  private Function[] nodes = new Function[32];
  private int nodeCount;
  /** Nodes whose consumers have all sent their gradient, run last-in first-out. */
  private Function[] ready = new Function[32];
  private int readyCount;

  private Tensor[] leaves = new Tensor[8];
  private Tensor[] leafGrads = new Tensor[8];
  /** Whether nothing but this pass can reach the storage of leafGrads[i]. */
  private boolean[] leafExclusive = new boolean[8];
  private int leafCount;
  /** Index of the leaves once there are more than {@link #SCAN}; kept (emptied) for the next pass. */
  private IdentityHashMap<Tensor, Integer> leafIndex;
  private boolean indexed;

  /**
   * Gradients whose storage something outside the pass may hold once it ends: the caller's
   * gradient, and whatever a user's rule received or returned (it may keep either).
   */
  private Tensor[] heldOutside = new Tensor[8];
  private int heldCount;
  /** False under createGraph or once heldOutside overflowed: then every shared gradient is copied. */
  private boolean heldTracked;
  /** Shared gradients that became a leaf's grad without a copy in {@link #accumulateIntoLeaves}. */
  private Tensor[] keptShared = new Tensor[8];
  private int keptCount;

  private BackwardPass() {}

  /** This thread's pass, or a fresh one when it is busy (a backward called inside a backward rule). */
  static BackwardPass acquire() {
    BackwardPass pass = CACHED.get();
    if (pass.inUse) {
      pass = new BackwardPass();
    }
    pass.inUse = true;
    return pass;
  }

  /**
   * Back-propagates {@code gradient} from {@code root} through every node, leaving the leaves'
   * gradients in this pass. With {@code captured}, also records the gradient reaching each node
   * that is a key in it.
   */
  void run(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph, Map<Object, Tensor> captured) {
    // The caller keeps its gradient, so only a converted copy belongs to the pass.
    boolean rootExclusive = false;
    if (gradient.dtype() != root.dtype()) {
      gradient = gradient.to(root.dtype());
      rootExclusive = true;
    }
    // The recorded graph of createGraph may save any gradient; there, only owned ones skip the copy.
    heldTracked = !createGraph;
    if (!rootExclusive) {
      holdOutside(gradient);
    }
    if (root.gradFn() == null) {
      if (!root.requiresGrad()) {
        throw new IllegalStateException(
            "backward: the tensor of shape " + Shapes.str(root.shape()) + " does not require grad and has no "
                + "gradFn, so nothing led to it from a tensor that requires grad. Call requiresGrad(true) on "
                + "the inputs before computing it, and not inside GradMode.off()");
      }
      addLeafGrad(root, gradient, rootExclusive);
      return;
    }
    Function start = Engine.asFunction(root);
    countDependencies(start);
    start.pendingGrad = gradient;
    start.pendingExclusive = rootExclusive;
    push(start);
    boolean anomaly = Anomaly.isEnabled();
    boolean previousMode = GradMode.swap(createGraph);
    try {
      while (readyCount > 0) {
        Function fn = ready[--readyCount];
        ready[readyCount] = null;
        Tensor gradOutput = fn.pendingGrad;
        boolean outExclusive = fn.pendingExclusive;
        fn.pendingGrad = null;
        if (captured != null && captured.containsKey(fn)) {
          captured.put(fn, gradOutput);
        }
        Tensor[] grads = gradOutput == null ? null : Engine.callBackward(fn, gradOutput);
        if (anomaly && grads != null) {
          Anomaly.checkBackward(fn, gradOutput, grads);
        }
        if (!retainGraph) {
          fn.release();
        }
        boolean builtIn = grads != null && BUILT_IN.get(fn.getClass());
        if (grads != null && !builtIn) {
          holdOutside(gradOutput);
          for (Tensor g : grads) {
            holdOutside(g);
          }
        }
        // Under createGraph the recorded rule may have saved its gradOutput, so a view of it is not ours.
        boolean passThroughOwned = outExclusive && !createGraph;
        for (int i = 0, n = fn.numInputs(); i < n; i++) {
          Function next = fn.nextFunction(i);
          Tensor raw = grads == null ? null : grads[i];
          if (raw != null && (next != null || fn.leaf(i) != null)) {
            Tensor g = Engine.fitToInput(fn, i, raw);
            boolean exclusive = !g.sharesStorage(raw) // fitting summed or converted it: a fresh tensor
                || builtIn
                    && (!raw.sharesStorage(gradOutput) || passThroughOwned)
                    && !sharedWithSibling(fn, grads, i);
            if (next != null) {
              route(next, g, exclusive);
            } else {
              addLeafGrad(fn.leaf(i), g, exclusive);
            }
          }
          if (next != null && --next.dependencies == 0) {
            push(next);
          }
        }
      }
    } finally {
      GradMode.swap(previousMode);
    }
  }

  private void holdOutside(Tensor g) {
    if (!heldTracked || g == null) {
      return;
    }
    if (heldCount == CHECKED) {
      heldTracked = false; // too many to compare against: copy every shared gradient
      return;
    }
    if (heldCount == heldOutside.length) {
      heldOutside = Arrays.copyOf(heldOutside, 2 * heldCount);
    }
    heldOutside[heldCount++] = g;
  }

  /** Whether another gradient the rule returned, and that goes somewhere, shares {@code grads[i]}'s storage. */
  private static boolean sharedWithSibling(Function fn, Tensor[] grads, int i) {
    for (int j = 0; j < grads.length; j++) {
      if (j != i && grads[j] != null && fn.needsInputGrad(j) && grads[j].sharesStorage(grads[i])) {
        return true;
      }
    }
    return false;
  }

  /** Sums {@code g} into what {@code next} has received; a sum is a fresh tensor only the pass holds. */
  private static void route(Function next, Tensor g, boolean exclusive) {
    if (next.pendingGrad == null) {
      next.pendingGrad = g;
      next.pendingExclusive = exclusive;
    } else {
      next.pendingGrad = next.pendingGrad.add(g);
      next.pendingExclusive = true;
    }
  }

  /**
   * Claims every node reachable from {@code start} and sets its dependency count to the number of
   * edges into it, breadth first over {@link #nodes} (no recursion, no second list).
   */
  private void countDependencies(Function start) {
    claim(start);
    for (int k = 0; k < nodeCount; k++) {
      Function fn = nodes[k];
      for (int i = 0, n = fn.numInputs(); i < n; i++) {
        Function next = fn.nextFunction(i);
        if (next != null) {
          claim(next);
          next.dependencies++;
        }
      }
    }
  }

  private void claim(Function fn) {
    Object owner = fn.claim(this);
    if (owner == null) {
      if (nodeCount == nodes.length) {
        nodes = Arrays.copyOf(nodes, 2 * nodeCount);
      }
      nodes[nodeCount++] = fn;
      fn.dependencies = 0;
    } else if (owner != this) {
      Thread other = ((BackwardPass) owner).thread;
      throw new IllegalStateException(
          "backward: " + fn.name() + " is part of a backward pass that is still running ("
              + (other == thread ? "an enclosing backward on this thread" : "on thread " + other.getName())
              + "); passes through a shared graph must run one after the other. Wait for it to finish, or "
              + "build a separate graph per thread (passes over separate graphs may run at the same time)");
    }
  }

  private void push(Function fn) {
    if (readyCount == ready.length) {
      ready = Arrays.copyOf(ready, 2 * readyCount);
    }
    ready[readyCount++] = fn;
  }

  private void addLeafGrad(Tensor leaf, Tensor g, boolean exclusive) {
    int k = indexOf(leaf);
    if (k >= 0) {
      leafGrads[k] = leafGrads[k].add(g);
      leafExclusive[k] = true;
      return;
    }
    if (leafCount == leaves.length) {
      leaves = Arrays.copyOf(leaves, 2 * leafCount);
      leafGrads = Arrays.copyOf(leafGrads, 2 * leafCount);
      leafExclusive = Arrays.copyOf(leafExclusive, 2 * leafCount);
    }
    leaves[leafCount] = leaf;
    leafGrads[leafCount] = g;
    leafExclusive[leafCount] = exclusive;
    if (indexed) {
      leafIndex.put(leaf, leafCount);
    } else if (leafCount == SCAN) {
      if (leafIndex == null) {
        leafIndex = new IdentityHashMap<>();
      }
      for (int i = 0; i <= leafCount; i++) {
        leafIndex.put(leaves[i], i);
      }
      indexed = true;
    }
    leafCount++;
  }

  private int indexOf(Tensor leaf) {
    if (indexed) {
      Integer k = leafIndex.get(leaf);
      return k == null ? -1 : k;
    }
    for (int i = 0; i < leafCount; i++) {
      if (leaves[i] == leaf) {
        return i;
      }
    }
    return -1;
  }

  /** The gradient this pass collected for {@code leaf}, or null if none reached it. */
  Tensor leafGrad(Tensor leaf) {
    int k = indexOf(leaf);
    return k < 0 ? null : leafGrads[k];
  }

  /**
   * Adds the collected gradients into the leaves' {@code grad}. A leaf with no grad yet takes its
   * gradient as is when it is a plain row-major buffer (not a view) that nothing else will hold
   * once the pass ends, else a copy: a grad never aliases the caller's gradient, another leaf's
   * grad or anything a user's rule received or returned.
   *
   * <p>"Nothing else" is known for an owned gradient as it is made. A shared one (AddBackward sends
   * one tensor to a leaf and to another node, say) may still qualify now that every node has run:
   * built-in rules keep neither their gradOutput nor their results, and the pass drops its
   * references, so the only holders left are other leaves (the first one keeps it, the rest copy)
   * and the outside holders in {@link #heldOutside}. PyTorch's AccumulateGrad makes the same call
   * by reference count.
   *
   * <p>An existing grad gets {@code old.add(g)}, a new tensor. PyTorch adds in place there; we do
   * not, because the engine cannot tell a grad it made from one the user set (say, a tensor they
   * also use elsewhere), and zeroGrad() clears to null, so a training step never takes this path.
   */
  void accumulateIntoLeaves(boolean createGraph) {
    boolean previousMode = GradMode.swap(createGraph);
    try {
      for (int k = 0; k < leafCount; k++) {
        Tensor leaf = leaves[k];
        Tensor g = leafGrads[k];
        Tensor old = leaf.grad();
        if (old != null) {
          leaf.setGrad(old.add(g));
        } else if (takesWithoutCopy(k)) {
          leaf.setGrad(g);
        } else if (unheld(g)) {
          if (keptCount == keptShared.length) {
            keptShared = Arrays.copyOf(keptShared, 2 * keptCount);
          }
          keptShared[keptCount++] = g;
          leaf.setGrad(g);
        } else {
          leaf.setGrad(g.clone());
        }
      }
    } finally {
      GradMode.swap(previousMode);
    }
  }

  /** Whether shared {@code g} will be held by nothing but the leaf that takes it (see above). */
  private boolean unheld(Tensor g) {
    if (!heldTracked || keptCount == CHECKED || !g.spansStorage()) {
      return false;
    }
    for (int i = 0; i < heldCount; i++) {
      if (g.sharesStorage(heldOutside[i])) {
        return false;
      }
    }
    for (int i = 0; i < keptCount; i++) {
      if (g.sharesStorage(keptShared[i])) {
        return false;
      }
    }
    return true;
  }

  private boolean takesWithoutCopy(int k) {
    return leafExclusive[k] && leafGrads[k].spansStorage();
  }

  /** Resets and lets go of every claimed node and empties the lists; call in a finally block. */
  void finish() {
    for (int k = 0; k < nodeCount; k++) {
      Function fn = nodes[k];
      fn.dependencies = 0;
      fn.pendingGrad = null;
      fn.pendingExclusive = false;
      fn.unclaim();
      nodes[k] = null;
    }
    nodeCount = 0;
    Arrays.fill(ready, 0, readyCount, null);
    readyCount = 0;
    Arrays.fill(leaves, 0, leafCount, null);
    Arrays.fill(leafGrads, 0, leafCount, null);
    if (indexed) {
      if (leafCount > KEEP) {
        leafIndex = null;
      } else {
        leafIndex.clear();
      }
      indexed = false;
    }
    leafCount = 0;
    Arrays.fill(heldOutside, 0, heldCount, null);
    heldCount = 0;
    Arrays.fill(keptShared, 0, keptCount, null);
    keptCount = 0;
    if (nodes.length > KEEP) {
      nodes = new Function[32];
    }
    if (ready.length > KEEP) {
      ready = new Function[32];
    }
    if (leaves.length > KEEP) {
      leaves = new Tensor[8];
      leafGrads = new Tensor[8];
      leafExclusive = new boolean[8];
    }
    inUse = false;
  }
}

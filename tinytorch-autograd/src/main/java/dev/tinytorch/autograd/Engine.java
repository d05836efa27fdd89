package dev.tinytorch.autograd;

import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reverse-mode differentiation without recursion: count how many consumers each node has, then
 * run a node once all of them have sent their gradient. Every node runs once, so shared
 * sub-expressions cost linear time and a 100,000-op chain needs no deep stack.
 */
public final class Engine {
  private Engine() {}

  /**
   * Back-propagates {@code gradient} (d root) from {@code root}, accumulating into the {@code grad}
   * of every leaf that requires grad.
   */
  public static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    // As in PyTorch, recording the backward pass keeps the graph: the new graph reads its saved tensors.
    Map<Tensor, Tensor> leafGrads = run(root, gradient, retainGraph || createGraph, createGraph, null);
    try (var mode = GradMode.set(createGraph)) {
      for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
        Tensor leaf = e.getKey();
        Tensor g = e.getValue();
        Tensor old = leaf.grad();
        // A fresh copy: a leaf's grad must never alias the caller's gradient or another leaf's.
        leaf.setGrad(old == null ? (createGraph ? g : g.clone()) : old.add(g));
      }
    }
  }

  /**
   * The gradients of {@code root} with respect to {@code inputs} (leaves or not), without touching
   * any {@code grad} field; null for an input the root does not depend on.
   */
  static Tensor[] grad(Tensor root, Tensor gradient, Tensor[] inputs, boolean retainGraph, boolean createGraph) {
    Map<Object, Tensor> captured = new IdentityHashMap<>();
    for (Tensor in : inputs) {
      captured.put(in.gradFn() != null ? in.gradFn() : in, null);
    }
    Map<Tensor, Tensor> leafGrads = run(root, gradient, retainGraph || createGraph, createGraph, captured);
    Tensor[] out = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = inputs[i];
      out[i] = in.gradFn() != null ? captured.get(in.gradFn()) : leafGrads.get(in);
      if (in == root && out[i] == null) {
        out[i] = gradient;
      }
    }
    return out;
  }

  private static Map<Tensor, Tensor> run(
      Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph, Map<Object, Tensor> captured) {
    Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
    if (gradient.dtype() != root.dtype()) {
      gradient = gradient.to(root.dtype());
    }
    if (root.gradFn() == null) {
      if (!root.requiresGrad()) {
        throw new IllegalStateException(
            "backward: the tensor of shape " + Shapes.str(root.shape()) + " does not require grad and has no "
                + "gradFn, so nothing led to it from a tensor that requires grad. Call requiresGrad(true) on "
                + "the inputs before computing it, and not inside GradMode.off()");
      }
      leafGrads.put(root, gradient);
      return leafGrads;
    }
    Function start = asFunction(root);
    Map<Function, int[]> dependencies = countDependencies(start);
    Map<Function, Tensor> pending = new IdentityHashMap<>();
    pending.put(start, gradient);
    ArrayDeque<Function> ready = new ArrayDeque<>();
    ready.push(start);
    try (var mode = GradMode.set(createGraph)) {
      while (!ready.isEmpty()) {
        Function fn = ready.pop();
        Tensor gradOutput = pending.remove(fn);
        if (captured != null && captured.containsKey(fn)) {
          captured.put(fn, gradOutput);
        }
        Tensor[] grads = gradOutput == null ? null : callBackward(fn, gradOutput);
        if (!retainGraph) {
          fn.release();
        }
        for (int i = 0; i < fn.numInputs(); i++) {
          Function next = fn.nextFunction(i);
          Tensor leaf = fn.leaf(i);
          Tensor g = grads == null ? null : grads[i];
          if (g != null && (next != null || leaf != null)) {
            g = fitToInput(fn, i, g);
          }
          if (next != null) {
            if (g != null) {
              pending.merge(next, g, Tensor::add);
            }
            if (--dependencies.get(next)[0] == 0) {
              ready.push(next);
            }
          } else if (leaf != null && g != null) {
            leafGrads.merge(leaf, g, Tensor::add);
          }
        }
      }
    }
    return leafGrads;
  }

  private static Function asFunction(Tensor t) {
    if (!(t.gradFn() instanceof Function)) {
      throw new IllegalStateException(
          "backward: the tensor's gradFn " + t.gradFn().name() + " is not a dev.tinytorch.autograd.Function");
    }
    return (Function) t.gradFn();
  }

  /** For every node reachable from {@code start}, the number of edges into it (iteratively). */
  private static Map<Function, int[]> countDependencies(Function start) {
    Map<Function, int[]> deps = new IdentityHashMap<>();
    ArrayDeque<Function> stack = new ArrayDeque<>();
    deps.put(start, new int[] {0});
    stack.push(start);
    while (!stack.isEmpty()) {
      Function fn = stack.pop();
      for (int i = 0; i < fn.numInputs(); i++) {
        Function next = fn.nextFunction(i);
        if (next == null) {
          continue;
        }
        int[] count = deps.get(next);
        if (count == null) {
          deps.put(next, new int[] {1});
          stack.push(next);
        } else {
          count[0]++;
        }
      }
    }
    return deps;
  }

  private static Tensor[] callBackward(Function fn, Tensor gradOutput) {
    fn.checkNotReleased();
    Tensor[] grads = fn.backward(gradOutput);
    if (grads == null || grads.length != fn.numInputs()) {
      throw new IllegalStateException(
          fn.name() + ".backward returned " + (grads == null ? "null" : grads.length + " gradients")
              + " but the op has " + fn.numInputs() + " inputs; return one gradient (or null) per input");
    }
    return grads;
  }

  /** Sums broadcast dims away and casts back, so a gradient has exactly its input's shape and dtype. */
  private static Tensor fitToInput(Function fn, int i, Tensor g) {
    int[] shape = fn.inputShape(i);
    if (!Arrays.equals(g.shape(), shape)) {
      try {
        g = g.sumToSize(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            fn.name() + ": gradient of shape " + Shapes.str(g.shape()) + " for input " + i + " of shape "
                + Shapes.str(shape) + " is not a broadcast of it; the backward rule is wrong", e);
      }
    }
    return g.dtype() == fn.inputDtype(i) ? g : g.to(fn.inputDtype(i));
  }
}

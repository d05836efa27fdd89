package dev.tinytorch.autograd;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Shapes;
import dev.tinytorch.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reverse-mode differentiation without recursion: count how many consumers each node has, then
 * run a node once all of them have sent their gradient. Every node runs once, so shared
 * sub-expressions cost linear time and a 100,000-op chain needs no deep stack.
 *
 * <p>A pass ({@link BackwardPass}) keeps its counts and pending gradients on the nodes and its
 * lists in arrays reused per thread, and gives a leaf its gradient without a copy when nothing else
 * can reach it, so a backward pass allocates little beyond what the backward rules compute.
 * Passes over separate graphs may run on several threads at once; a second pass through a graph
 * that one is still running through fails with an IllegalStateException.
 */
public final class Engine {
  private Engine() {}

  /**
   * Back-propagates {@code gradient} (d root) from {@code root}, accumulating into the {@code grad}
   * of every leaf that requires grad.
   */
  public static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    BackwardPass pass = BackwardPass.acquire();
    try {
      // As in PyTorch, recording the backward pass keeps the graph: the new graph reads its saved tensors.
      pass.run(root, gradient, retainGraph || createGraph, createGraph, null);
      pass.accumulateIntoLeaves(createGraph);
    } finally {
      pass.finish();
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
    BackwardPass pass = BackwardPass.acquire();
    try {
      pass.run(root, gradient, retainGraph || createGraph, createGraph, captured);
      Tensor[] out = new Tensor[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        Tensor in = inputs[i];
        out[i] = in.gradFn() != null ? captured.get(in.gradFn()) : pass.leafGrad(in);
        if (in == root && out[i] == null) {
          out[i] = gradient;
        }
      }
      return out;
    } finally {
      pass.finish();
    }
  }

  static Function asFunction(Tensor t) {
    if (!(t.gradFn() instanceof Function)) {
      throw new IllegalStateException(
          "backward: the tensor's gradFn " + t.gradFn().name() + " is not a dev.tinytorch.autograd.Function");
    }
    return (Function) t.gradFn();
  }

  static Tensor[] callBackward(Function fn, Tensor gradOutput) {
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
  static Tensor fitToInput(Function fn, int i, Tensor g) {
    if (!fn.fitsInput(i, g)) {
      int[] shape = fn.inputShape(i);
      try {
        g = g.sumToSize(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            fn.name() + ": gradient of shape " + Shapes.str(g.shape()) + " for input " + i + " of shape "
                + Shapes.str(shape) + " is not a broadcast of it; the backward rule is wrong", e);
      }
    }
    DType dtype = fn.inputDtype(i);
    return g.dtype() == dtype ? g : g.to(dtype);
  }
}

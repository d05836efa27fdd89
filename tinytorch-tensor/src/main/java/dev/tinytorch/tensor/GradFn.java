package dev.tinytorch.tensor;

/**
 * The tensor module's view of a node in the autograd graph: the backward rule that produced a
 * tensor. tinytorch-autograd's {@code Function} implements it; this module only stores and shows it.
 */
public interface GradFn {
  /** The rule's name as PyTorch prints it, for example {@code MulBackward}. */
  String name();
}

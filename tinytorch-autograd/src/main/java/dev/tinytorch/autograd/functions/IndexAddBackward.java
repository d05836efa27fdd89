package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d x.indexAdd(dim, index, s) = gradOutput dx + gradOutput.indexSelect(dim, index) ds; the index gets none.
 *
 * <p>Each source entry was added to one entry of the result, so it receives that entry's
 * gradient; repeated indices read the same gradient entry.
 */
public final class IndexAddBackward extends Function {
  private final int dim;

  public IndexAddBackward(int dim, Tensor index) {
    this.dim = dim;
    saveForBackward(index);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor index = savedTensors()[0];
    return new Tensor[] {
      needsInputGrad(0) ? gradOutput : null,
      needsInputGrad(1) ? gradOutput.indexSelect(dim, index) : null
    };
  }
}

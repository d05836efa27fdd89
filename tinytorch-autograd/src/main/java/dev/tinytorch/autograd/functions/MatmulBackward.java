package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d(A @ B) = gradOutput @ B^T dA + A^T @ gradOutput dB.
 * 
 * <p>1-D operands are lifted to matrices as torch.matmul does (a row for A, a column for B) and the
 * extra dim is dropped again; broadcast batch dims are summed away by the engine. TinyTorch's rule
 * used np.dot with .T and so had no matrix-vector or batched gradient.
 */
public final class MatmulBackward extends Function {
  public MatmulBackward(Tensor a, Tensor b) {
    saveForBackward(a, b);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor a = s[0];
    Tensor b = s[1];
    boolean aVector = a.dim() == 1;
    boolean bVector = b.dim() == 1;
    Tensor a2 = aVector ? a.unsqueeze(0) : a;
    Tensor b2 = bVector ? b.unsqueeze(1) : b;
    Tensor g = gradOutput;
    if (aVector && bVector) {
      g = g.reshape(1, 1);
    } else if (aVector) {
      g = g.unsqueeze(-2);
    } else if (bVector) {
      g = g.unsqueeze(-1);
    }
    Tensor gradA = null;
    Tensor gradB = null;
    if (needsInputGrad(0)) {
      gradA = g.matmul(b2.transpose(-1, -2));
      gradA = aVector ? gradA.squeeze(-2) : gradA;
    }
    if (needsInputGrad(1)) {
      gradB = a2.transpose(-1, -2).matmul(g);
      gradB = bVector ? gradB.squeeze(-1) : gradB;
    }
    return new Tensor[] {gradA, gradB};
  }
}

package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * PyTorch 1.13 on an empty batch: MEAN is NaN, SUM 0, NONE empty, all still differentiable; when every
 * target is ignored MEAN is NaN too, but the gradient is 0, not NaN. Checked with torch by hand:
 * {@code F.cross_entropy(torch.zeros(0, 3, requires_grad=True), torch.zeros(0).long())} and targets all -100.
 */
class LossesEmptyTest {
  @Test
  void emptyBatches() {
    Tensor z = Tensor.zeros(DType.FLOAT64, 0, 3).requiresGrad(true);
    Tensor t = Tensor.zeros(0);
    Tensor[] means = {F.crossEntropy(z, t), F.crossEntropy(z, t, 0.1), F.nllLoss(z, t), F.mseLoss(z, z)};
    for (Tensor loss : means) {
      assertTrue(Double.isNaN(loss.item()) && loss.requiresGrad(), loss::toString);
    }
    assertEquals(0.0, F.crossEntropy(z, t, Reduction.SUM, 0.1).item());
    assertEquals(0.0, F.binaryCrossEntropyWithLogits(z, z, Reduction.SUM).item());
    assertArrayEquals(new int[] {0}, F.crossEntropy(z, t, Reduction.NONE).shape());
    assertArrayEquals(new int[] {0, 3}, F.binaryCrossEntropy(z, z, Reduction.NONE).shape());
  }

  @Test
  void allTargetsIgnored() {
    Tensor logits = Tensor.of(new double[][] {{0.3, -1, 2}, {1, 1, 0}}).requiresGrad(true);
    Tensor ignored = Tensor.of(new double[] {-100, -100});
    Tensor mean = F.crossEntropy(logits, ignored, null, -100, Reduction.MEAN, 0.1);
    assertTrue(Double.isNaN(mean.item()));
    mean.backward();
    assertArrayEquals(new double[6], logits.grad().toDoubleArray());
    assertArrayEquals(new double[2],
        F.crossEntropy(logits, ignored, null, -100, Reduction.NONE, 0.1).toDoubleArray());
    assertEquals(0.0, F.nllLoss(logits, ignored, null, -100, Reduction.SUM).item());
  }
}

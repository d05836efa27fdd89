package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input to the losses: an IllegalArgumentException (NullPointerException for null) that names the
 * op or loss object, the offending shape or value with its position, and the fix.
 */
class LossesBadInputTest {
  private static final Tensor Z = Tensor.of(new double[][] {{0.1, 0.2, 0.3}, {1, 2, 3}, {-1, 0, 1}, {5, 4, 3}});
  private static final Tensor COLUMN = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4}, 4, 1);
  private static final Tensor VECTOR = Tensor.of(new double[] {0.0, 1.0, 1.0, 0.0});

  @Test
  void predictionsNBy1AgainstTargetsNAreRefusedNotBroadcast() {
    iae(() -> F.mseLoss(COLUMN, VECTOR), "mseLoss", "input [4, 1] and target [4] differ in shape",
        "do not broadcast", "reshape the target to [4, 1] with target.unsqueeze(1)");
    iae(() -> F.binaryCrossEntropy(COLUMN, VECTOR), "binaryCrossEntropy", "reshape the target to [4, 1]");
    iae(() -> F.binaryCrossEntropyWithLogits(COLUMN, VECTOR), "binaryCrossEntropyWithLogits",
        "logits [4, 1] and target [4]", "reshape the target to [4, 1]");
    iae(() -> F.mseLoss(VECTOR, COLUMN), "mseLoss", "reshape the target to [4] with target.squeeze(1)");
    iae(() -> F.mseLoss(Z, Z.reshape(3, 4)), "input [4, 3] and target [3, 4]", "target.reshape(4, 3)");
    iae(() -> F.mseLoss(Z, VECTOR), "input [4, 3] and target [4]", "give one target per element");
    iae(() -> new MSELoss().forward(COLUMN, VECTOR), "MSELoss(): input [4, 1] and target [4]");
    iae(() -> new BCEWithLogitsLoss(Reduction.SUM).forward(COLUMN, VECTOR),
        "BCEWithLogitsLoss(reduction=SUM): logits [4, 1] and target [4]");
  }

  @Test
  void bceRefusesValuesThatAreNotProbabilities() {
    Tensor p = Tensor.of(new double[][] {{0.5, 0.25}, {1.5, 0.0}});
    Tensor y = Tensor.of(new double[][] {{1, 0}, {1, 0}});
    iae(() -> F.binaryCrossEntropy(p, y), "binaryCrossEntropy: input[1, 0] = 1.5 is not a probability in [0, 1]",
        "sigmoid()", "binaryCrossEntropyWithLogits");
    iae(() -> F.binaryCrossEntropy(p, y, Reduction.NONE), "input[1, 0] = 1.5");
    Tensor nan = Tensor.of(new double[] {0.5, Double.NaN});
    iae(() -> new BCELoss(Reduction.SUM).forward(nan, Tensor.of(new double[] {1, 0})),
        "BCELoss(reduction=SUM): input[1] = NaN is not a probability");
  }

  @Test
  void weightsMustBroadcastAndBeConstants() {
    Tensor p = Tensor.full(0.5, 2, 3);
    iae(() -> F.binaryCrossEntropy(p, p, Tensor.ones(2), Reduction.MEAN), "weight [2] does not broadcast to",
        "[2, 3]");
    iae(() -> F.binaryCrossEntropyWithLogits(p, p, null, Tensor.ones(4), Reduction.MEAN), "posWeight [4]");
    iae(() -> F.binaryCrossEntropyWithLogits(p, p, null, Tensor.ones(3).requiresGrad(true), Reduction.MEAN),
        "posWeight requires grad", "posWeight.detach()");
    iae(() -> F.crossEntropy(Z, VECTOR, Tensor.ones(4), F.NO_IGNORE_INDEX, Reduction.MEAN, 0),
        "crossEntropy: weight [4] must hold one weight per class, [3]");
    iae(() -> F.nllLoss(Z, VECTOR, Tensor.ones(3).requiresGrad(true), F.NO_IGNORE_INDEX, Reduction.MEAN),
        "nllLoss: weight requires grad");
  }

  @Test
  void classIndicesMustBeWholeInRangeAndNamed() {
    iae(() -> F.crossEntropy(Z, Tensor.of(new double[] {0, 1, 2.5, 0})),
        "crossEntropy: target[2] = 2.5 is not a whole number", "C = 3 classes", "[0, 3)");
    iae(() -> F.crossEntropy(Z, Tensor.of(new double[] {0, 3, 2, 0})), "target[1] = 3.0 is out of range");
    iae(() -> F.nllLoss(Z, Tensor.of(new double[] {0, 1, 2, -1})), "nllLoss: target[3] = -1.0 is negative");
    iae(() -> F.crossEntropy(Z, Tensor.of(new double[] {0, -100, 2, 0})), "target[1] = -100.0",
        "PyTorch's default ignore_index=-100", "ignoreIndex(-100)");
    iae(() -> F.crossEntropy(Z, Tensor.of(new double[] {0, Double.NaN, 2, 0})), "target[1] = NaN");
    Tensor spatial = Tensor.zeros(2, 3, 2, 2);
    Tensor t = Tensor.zeros(2, 2, 2);
    t.select(0, 1).select(0, 0).select(0, 1).fill(7);
    iae(() -> F.crossEntropy(spatial, t), "target[1, 0, 1] = 7.0 is out of range");
    iae(() -> F.crossEntropy(Tensor.zeros(3), Tensor.scalar(3)), "target = 3.0 is out of range");
    iae(() -> new CrossEntropyLoss(0.1).forward(Z, Tensor.of(new double[] {0, 1, 2.5, 0})),
        "CrossEntropyLoss(labelSmoothing=0.1): target[2] = 2.5");
    iae(() -> NLLLoss.builder().ignoreIndex(2).build().forward(Z, Tensor.of(new double[] {0, 3, 2, 0})),
        "NLLLoss(ignoreIndex=2): target[1] = 3.0", "or the ignore index 2");
  }

  @Test
  void classIndicesMustHaveTheSamplesShape() {
    iae(() -> F.crossEntropy(Z, Tensor.zeros(4, 1)),
        "crossEntropy: logits [4, 3] need class indices of shape [4]", "got target [4, 1]",
        "target.reshape(4)");
    iae(() -> F.crossEntropy(Z, Tensor.zeros(4, 3)), "one-hot", "target.argmax(1, false)");
    iae(() -> F.crossEntropy(Z, Tensor.zeros(5)), "hold 4 samples but the target 5");
    iae(() -> F.nllLoss(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 3)), "nllLoss: logProbs [2, 3, 4]",
        "class indices of shape [2, 4]");
    iae(() -> F.crossEntropy(Tensor.scalar(1), Tensor.scalar(0)), "got a 0-d tensor");
    iae(() -> F.crossEntropy(Tensor.zeros(4, 0), Tensor.zeros(4)), "no classes (C = 0)");
  }

  @Test
  void classIndicesHaveNoGradient() {
    Tensor t = Tensor.of(new double[] {0, 1, 2, 0}).requiresGrad(true);
    iae(() -> F.crossEntropy(Z, t), "crossEntropy: the target holds class indices", "target.detach()");
    iae(() -> new NLLLoss().forward(Z, t), "NLLLoss(): the target holds class indices");
  }

  @Test
  void labelSmoothingMustBeAFraction() {
    Tensor t = Tensor.of(new double[] {0, 1, 2, 0});
    iae(() -> F.crossEntropy(Z, t, 1.5), "crossEntropy: labelSmoothing must be in [0, 1], got 1.5");
    iae(() -> F.crossEntropy(Z, t, Double.NaN), "labelSmoothing must be in [0, 1]");
    iae(() -> new CrossEntropyLoss(-0.1), "CrossEntropyLoss: labelSmoothing must be in [0, 1]");
    iae(() -> CrossEntropyLoss.builder().labelSmoothing(2).build(), "labelSmoothing must be in [0, 1], got 2.0");
    iae(() -> CrossEntropyLoss.builder().weight(Tensor.ones(2, 2)).build(), "weight must be 1-D [C]");
  }

  @Test
  void nullsNameTheArgument() {
    npe(() -> F.mseLoss(null, VECTOR), "mseLoss: input is null");
    npe(() -> F.crossEntropy(Z, null), "crossEntropy: target is null");
    npe(() -> F.nllLoss(null, VECTOR), "nllLoss: logProbs is null");
    npe(() -> F.binaryCrossEntropyWithLogits(VECTOR, VECTOR, (Reduction) null), "reduction is null");
    npe(() -> new CrossEntropyLoss().forward(null, VECTOR), "CrossEntropyLoss(): logits is null");
    npe(() -> new MSELoss(null), "MSELoss: reduction is null");
    npe(() -> BCEWithLogitsLoss.builder().posWeight(null), "posWeight is null");
  }

  @Test
  void lossObjectsPrintTheirOptions() {
    assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
    assertEquals("CrossEntropyLoss(weight=[3], ignoreIndex=-100, labelSmoothing=0.1, reduction=SUM)",
        CrossEntropyLoss.builder().reduction(Reduction.SUM).labelSmoothing(0.1).weight(Tensor.ones(3))
            .ignoreIndex(-100).build().toString());
    assertEquals("NLLLoss(reduction=NONE)", new NLLLoss(Reduction.NONE).toString());
    assertEquals("BCEWithLogitsLoss(posWeight=[3])",
        BCEWithLogitsLoss.builder().posWeight(Tensor.ones(3)).build().toString());
    assertEquals("BCELoss(weight=[2], reduction=SUM)", new BCELoss(Tensor.ones(2), Reduction.SUM).toString());
    assertEquals("MSELoss()", new MSELoss().toString());
  }

  private static void iae(Executable call, String... fragments) {
    String m = assertThrows(IllegalArgumentException.class, call).getMessage();
    for (String f : fragments) {
      assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
    }
  }

  private static void npe(Executable call, String fragment) {
    String m = assertThrows(NullPointerException.class, call).getMessage();
    assertTrue(m != null && m.contains(fragment), () -> "message lacks '" + fragment + "': " + m);
  }
}

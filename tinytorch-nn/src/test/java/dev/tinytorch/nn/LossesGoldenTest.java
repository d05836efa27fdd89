package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every loss and reduction against PyTorch 1.13 in float64: forward values and the gradients of the
 * input (and of the target for MSE, BCE and BCE with logits). The constants live in
 * {@link LossesGolden}, printed by tools/golden/losses.py, which holds the same inputs. Each case runs
 * through F and through the loss object.
 */
class LossesGoldenTest {
  private static final double TOL = 1e-12;
  private static final Tensor W3 = Tensor.of(LossesGolden.W3);
  private static final Tensor PW = Tensor.of(LossesGolden.PW);
  private static final Tensor WC = Tensor.of(LossesGolden.WC);

  /** A loss of two inputs under a reduction. */
  interface LossOf {
    Tensor apply(Tensor input, Tensor target, Reduction reduction);
  }

  @Test
  void mse() {
    golden("MSE", F::mseLoss, 0, 1);
    golden("MSE", (x, y, r) -> new MSELoss(r).forward(x, y), 0, 1);
  }

  @Test
  void binaryCrossEntropy() {
    golden("BCE", F::binaryCrossEntropy, 0);
    golden("BCE", (p, y, r) -> new BCELoss(r).forward(p, y), 0);
  }

  @Test
  void binaryCrossEntropyTargetGradient() {
    golden("BCE_T", F::binaryCrossEntropy, 1);
  }

  /** p = 0 and 1 (and one under e^-100): losses clamped at 100, gradients (p - t) / max(p (1 - p), 1e-12f). */
  @Test
  void binaryCrossEntropyAtTheClamps() {
    golden("BCE_EDGE", F::binaryCrossEntropy, 0);
  }

  @Test
  void binaryCrossEntropyWeighted() {
    golden("BCE_W", (p, y, r) -> F.binaryCrossEntropy(p, y, W3, r), 0);
    golden("BCE_W", (p, y, r) -> new BCELoss(W3, r).forward(p, y), 0);
  }

  /** Logits of -1000, 0 and 1000 among others: finite and equal to PyTorch's, both inputs. */
  @Test
  void binaryCrossEntropyWithLogits() {
    golden("BCEL", F::binaryCrossEntropyWithLogits, 0, 1);
    golden("BCEL", (x, y, r) -> new BCEWithLogitsLoss(r).forward(x, y), 0, 1);
  }

  @Test
  void binaryCrossEntropyWithLogitsPosWeightAndWeight() {
    golden("BCEL_PW", (x, y, r) -> F.binaryCrossEntropyWithLogits(x, y, W3, PW, r), 0, 1);
    golden("BCEL_PW", (x, y, r) -> BCEWithLogitsLoss.builder().weight(W3).posWeight(PW).reduction(r).build()
        .forward(x, y), 0, 1);
  }

  /** One row of logits is (-1000, 1000, 0, 2), its target the -1000: a loss of 2000, finite gradients. */
  @Test
  void crossEntropy() {
    golden("CE", F::crossEntropy, 0);
    golden("CE", (z, y, r) -> new CrossEntropyLoss(r).forward(z, y), 0);
  }

  @Test
  void crossEntropyLabelSmoothing() {
    golden("CE_LS", (z, y, r) -> F.crossEntropy(z, y, r, 0.1), 0);
    golden("CE_LS", (z, y, r) -> CrossEntropyLoss.builder().reduction(r).labelSmoothing(0.1).build()
        .forward(z, y), 0);
    golden("CE_LS35", (z, y, r) -> F.crossEntropy(z, y, r, 0.35), 0);
  }

  @Test
  void crossEntropyLabelSmoothingShortForms() {
    Tensor z = Tensor.of(LossesGolden.CE_LS_IN0, LossesGolden.CE_LS_SHAPE0);
    Tensor y = Tensor.of(LossesGolden.CE_LS_IN1, LossesGolden.CE_LS_SHAPE1);
    close("CE_LS_MEAN", LossesGolden.CE_LS_MEAN, F.crossEntropy(z, y, 0.1));
    close("CE_LS_MEAN", LossesGolden.CE_LS_MEAN, new CrossEntropyLoss(0.1).forward(z, y));
    close("CE_MEAN", LossesGolden.CE_MEAN, F.crossEntropy(z, y));
    close("CE_MEAN", LossesGolden.CE_MEAN, new CrossEntropyLoss().forward(z, y));
  }

  /** Per-class weights: MEAN divides by the sum of the targets' weights, as PyTorch's. */
  @Test
  void crossEntropyWeighted() {
    golden("CE_W", (z, y, r) -> F.crossEntropy(z, y, WC, F.NO_IGNORE_INDEX, r, 0), 0);
    golden("CE_W", (z, y, r) -> CrossEntropyLoss.builder().weight(WC).reduction(r).build().forward(z, y), 0);
  }

  /** The ignored target's row is the one with the logits of +-1000: it adds nothing and is not counted. */
  @Test
  void crossEntropyIgnoreIndex() {
    golden("CE_IGN", (z, y, r) -> F.crossEntropy(z, y, null, -100, r, 0), 0);
    golden("CE_IGN", (z, y, r) -> CrossEntropyLoss.builder().ignoreIndex(-100).reduction(r).build()
        .forward(z, y), 0);
  }

  @Test
  void crossEntropyWeightIgnoreIndexAndSmoothing() {
    golden("CE_W_IGN_LS", (z, y, r) -> F.crossEntropy(z, y, WC, -100, r, 0.2), 0);
    golden("CE_W_IGN_LS", (z, y, r) -> CrossEntropyLoss.builder().weight(WC).ignoreIndex(-100).reduction(r)
        .labelSmoothing(0.2).build().forward(z, y), 0);
  }

  /** Logits [N, C, d1, d2] with targets [N, d1, d2]; NONE gives [N, d1, d2]. */
  @Test
  void crossEntropySpatial() {
    golden("CE_4D", (z, y, r) -> F.crossEntropy(z, y, r, 0.1), 0);
  }

  /** Logits [C] with a 0-d target; NONE gives a 0-d loss. */
  @Test
  void crossEntropyOneSample() {
    golden("CE_1D", (z, y, r) -> F.crossEntropy(z, y, r, 0.1), 0);
  }

  /** -inf log-probabilities in classes that are not picked change nothing (no NaN from a one-hot product). */
  @Test
  void nllLoss() {
    golden("NLL", F::nllLoss, 0);
    golden("NLL", (z, y, r) -> new NLLLoss(r).forward(z, y), 0);
  }

  @Test
  void nllLossWeightedWithIgnoreIndex() {
    golden("NLL_W_IGN", (z, y, r) -> F.nllLoss(z, y, WC, 1, r), 0);
    golden("NLL_W_IGN", (z, y, r) -> NLLLoss.builder().weight(WC).ignoreIndex(1).reduction(r).build()
        .forward(z, y), 0);
  }

  // ---------------------------------------------------------------- harness

  /** For each reduction: forward, then backward (NONE with its upstream gradient) and the listed inputs' gradients. */
  private static void golden(String name, LossOf loss, int... grads) {
    for (Reduction r : Reduction.values()) {
      Tensor[] in = new Tensor[2];
      for (int i = 0; i < 2; i++) {
        in[i] = Tensor.of(constant(name + "_IN" + i), shape(name + "_SHAPE" + i));
      }
      for (int i : grads) {
        in[i].requiresGrad(true);
      }
      Tensor out = loss.apply(in[0], in[1], r);
      String tag = name + "_" + r;
      close(tag, constant(tag), out);
      if (r == Reduction.NONE) {
        assertTrue(Arrays.equals(in[1].shape(), out.shape()) || name.startsWith("MSE") || name.startsWith("BCE"),
            tag + ": NONE gives one loss per sample, the target's shape; got " + Arrays.toString(out.shape()));
        out.backward(Tensor.of(constant(name + "_NONE_UP")).reshape(out.shape()));
      } else {
        assertEquals(0, out.dim(), tag + " is 0-d");
        out.backward();
      }
      for (int i : grads) {
        close(tag + "_GRAD" + i, constant(tag + "_GRAD" + i), in[i].grad());
      }
    }
  }

  static void close(String what, double[] expected, Tensor actual) {
    double[] a = actual.toDoubleArray();
    assertEquals(expected.length, a.length, what + ": number of values");
    for (int i = 0; i < a.length; i++) {
      double e = expected[i];
      boolean ok = e == a[i] || Math.abs(e - a[i]) <= TOL * Math.max(1, Math.abs(e));
      if (!ok) {
        fail(what + "[" + i + "]: expected " + e + " (PyTorch) but got " + a[i] + "; all: " + Arrays.toString(a));
      }
    }
  }

  private static double[] constant(String name) {
    try {
      return (double[]) LossesGolden.class.getDeclaredField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no golden constant " + name + " in LossesGolden; rerun tools/golden/losses.py", e);
    }
  }

  private static int[] shape(String name) {
    try {
      return (int[]) LossesGolden.class.getDeclaredField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no golden shape " + name + " in LossesGolden; rerun tools/golden/losses.py", e);
    }
  }
}

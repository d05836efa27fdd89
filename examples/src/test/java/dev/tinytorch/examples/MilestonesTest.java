package dev.tinytorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The milestones of issue 11, with fixed seeds, each better than TinyTorch reached it: the perceptron; XOR
 * solved on each of 20 seeds (TinyTorch's failed on 7 of 20) while a single layer cannot; the TinyDigits MLP
 * at >= 97 % test accuracy on every one of seeds 1-5 (TinyTorch: 81-85.5 %); a TinyDigits CNN whose conv
 * kernels train, at >= 97 % on seeds 1-3. Measured on 2026-12-03 (training is deterministic for a seed):
 * MLP 98.0 98.5 98.0 98.5 98.5 %, CNN 98.5 98.0 98.0 % against 95.5 95.0 96.0 % with frozen kernels
 * (test loss 0.066 0.058 0.072 against 0.130 0.131 0.128).
 */
class MilestonesTest {
  @Test
  void perceptronSeparatesTwoClouds() {
    assertTrue(Milestone01Perceptron.run(1) >= 0.97);
  }

  @Test
  void hiddenLayerSolvesXorOnEachOfTwentySeeds() {
    double[] accuracies = Milestone02Xor.overSeeds(Milestone02Xor.HIDDEN, 20);
    double[] all = new double[20];
    Arrays.fill(all, 1.0);
    assertArrayEquals(all, accuracies, 0.0, "accuracy on the 4 XOR points per seed 1-20");
  }

  @Test
  void singleLayerCannotSolveXorOnAnySeed() {
    // No line separates XOR: a linear classifier gets at most 3 of the 4 points whatever its training.
    double[] accuracies = Milestone02Xor.overSeeds(0, 20);
    for (int s = 0; s < accuracies.length; s++) {
      assertTrue(accuracies[s] <= 0.75, "seed " + (s + 1) + ": single layer got " + accuracies[s]);
    }
  }

  @Test
  void digitsMlpReaches97PercentOnEachOfFiveSeeds() {
    double[] accuracies = Milestone03DigitsMlp.runSeeds(1, 2, 3, 4, 5);
    for (int s = 0; s < accuracies.length; s++) {
      assertTrue(accuracies[s] >= 0.97, "seed " + (s + 1) + ": test accuracy " + accuracies[s]);
    }
  }

  @Test
  void digitsCnnTrainsItsConvKernelsAndReaches97Percent() {
    Milestone04DigitsCnn.Result[][] runs = Milestone04DigitsCnn.runSeeds(1, 2, 3);
    double gap = 0;
    for (Milestone04DigitsCnn.Result[] run : runs) {
      Milestone04DigitsCnn.Result trained = run[0];
      Milestone04DigitsCnn.Result frozen = run[1];
      String seed = "seed " + trained.seed() + ": ";
      assertTrue(trained.accuracy() >= 0.97, seed + "test accuracy " + trained.accuracy());
      // Both kernels moved well away from their init (measured over seeds 1-10: 26-32 % and 76-79 %) ...
      assertEquals(2, trained.convChange().length);
      for (double change : trained.convChange()) {
        assertTrue(change >= 0.15, seed + "a conv kernel moved only " + change + " of its initial norm");
      }
      // ... while the frozen run really kept them at init.
      assertArrayEquals(new double[] {0.0, 0.0}, frozen.convChange(), 0.0);
      // Learned kernels beat random ones on every seed in loss (measured test-loss ratio 0.43-0.64,
      // training-loss ratio 0.21-0.25 over seeds 1-10) and are never worse in accuracy.
      assertTrue(trained.testLoss() < 0.75 * frozen.testLoss(),
          seed + "test loss " + trained.testLoss() + " vs frozen kernels " + frozen.testLoss());
      assertTrue(trained.lastLoss() < 0.5 * frozen.lastLoss(),
          seed + "training loss " + trained.lastLoss() + " vs frozen kernels " + frozen.lastLoss());
      assertTrue(trained.accuracy() >= frozen.accuracy(),
          seed + "test accuracy " + trained.accuracy() + " vs frozen kernels " + frozen.accuracy());
      gap += (trained.accuracy() - frozen.accuracy()) / runs.length;
    }
    // On average they are worth more than 3 test images of 200 (measured: 2.67 points on seeds 1-3).
    assertTrue(gap >= 0.015, "mean accuracy gain of trained over frozen kernels " + gap);
  }

  @Test
  void tinyDigitsHasTinyTorchsSplit() {
    assertEquals(1000, TinyDigits.train().size());
    assertEquals(200, TinyDigits.test().size());
    assertEquals(1.0, TinyDigits.train().images().max().item(), 0.0);
  }
}

package dev.tinytorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.GradCheck;
import dev.tinytorch.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the lessons claim, checked (ProgramsTest runs each through the command line's registry). */
class LessonsTest {
  @TempDir
  Path dir;

  @Test
  void customSoftplusHasTheSigmoidAsGradient() {
    Tensor x = Tensor.of(new double[] {-2, 0, 3}).requiresGrad(true);
    new Lesson04CustomFunction.Softplus().apply(x).sum().backward();
    // sigmoid(-2), sigmoid(0), sigmoid(3)
    double[] want = {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))};
    double[] got = x.grad().toDoubleArray();
    for (int i = 0; i < 3; i++) {
      assertEquals(want[i], got[i], 1e-12);
    }
  }

  @Test
  void gradCheckPassesTheRightBackwardAndCatchesTheBrokenOne() {
    GradCheck.Result[] r = Lesson05GradCheck.run();
    assertTrue(r[0].passed(), r[0].toString());
    assertFalse(r[1].passed(), r[1].toString());
  }

  @Test
  void trainerSeparatesTheSpirals() {
    // Measured: 99.5 % after 60 epochs; 30 keep the test short.
    assertTrue(Lesson07Training.run(30) >= 0.9);
  }

  @Test
  void savedWeightsReloadExactly() throws Exception {
    assertTrue(Lesson08SavingLoading.run(dir));
    assertTrue(Files.size(dir.resolve("checkpoint.safetensors")) > Files.size(dir.resolve("model.safetensors")));
  }

  @Test
  void dl4jRoundTripTrainsOnDataVecAndExportsTheSameOutputs() throws Exception {
    double[] r = Lesson09Dl4jRoundTrip.run(30);
    // Measured: 100 % of the 30 test rows after 60 epochs, outputs within 2e-6 of DL4J's (FLOAT32).
    assertTrue(r[0] >= 0.9, "test accuracy " + r[0]);
    assertTrue(r[1] < 1e-4, "largest output difference " + r[1]);
  }
}

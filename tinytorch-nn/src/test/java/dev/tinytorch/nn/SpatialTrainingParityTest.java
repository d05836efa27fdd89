package dev.tinytorch.nn;

import static dev.tinytorch.nn.TrainingParityTest.data;
import static dev.tinytorch.nn.TrainingParityTest.targets;
import static dev.tinytorch.nn.TrainingParityTest.trainAndCheck;

import dev.tinytorch.nn.TrainingParityTest.Batch;
import dev.tinytorch.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training parity with PyTorch for the spatial and attention models of tools/golden/training.py (run
 * with /usr/bin/python3): the same formula weights, batches and plain SGD give PyTorch's per-step
 * losses and final weights to 1e-10 in FLOAT64. Constants and the harness are TrainingParityTest's.
 */
class SpatialTrainingParityTest {
  @Test
  void cnn() {
    trainAndCheck(() -> new Sequential(new Conv2d(2, 3, 3, 1, 1), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(27, 3)),
        List.of(new Batch(data(3, 4, 2, 6, 6), targets(4, 3, 0)), new Batch(data(4, 4, 2, 6, 6), targets(4, 3, 2))),
        TrainingParityTest.CNN_LOSSES, TrainingParityTest.CNN_FINAL);
  }

  /** The script's Attn: causal self-attention, mean over T, then a Linear head. */
  private static final class Attn extends Module {
    final MultiHeadAttention attn = module("attn", MultiHeadAttention.builder(4, 2).causal(true).build());
    final Linear head = module("head", new Linear(4, 3));

    @Override
    public Tensor forward(Tensor x) {
      return head.forward(attn.forward(x).mean(1));
    }
  }

  @Test
  void causalAttention() {
    trainAndCheck(Attn::new,
        List.of(new Batch(data(11, 2, 3, 4), targets(2, 3, 0)), new Batch(data(12, 2, 3, 4), targets(2, 3, 1))),
        TrainingParityTest.ATTN_LOSSES, TrainingParityTest.ATTN_FINAL);
  }
}

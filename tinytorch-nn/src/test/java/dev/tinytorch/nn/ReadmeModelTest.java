package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's "Models" example, as written there: a user subclass over registered children. */
class ReadmeModelTest {
  static final class Net extends Module {
    final Conv2d conv = module("conv", new Conv2d(1, 8, 3, 1, 1));
    final BatchNorm2d bn = module("bn", new BatchNorm2d(8));
    final Linear fc = module("fc", new Linear(8 * 14 * 14, 10));

    @Override
    public Tensor forward(Tensor x) {
      Tensor h = F.maxPool2d(F.relu(bn.forward(conv.forward(x))), 2);
      return fc.forward(h.flatten(1, -1));
    }
  }

  @Test
  void readmeModelRunsAndNamesItsState() {
    Net net = new Net();
    Tensor images = Tensor.rand(new Generator(1), 4, 1, 28, 28);
    Tensor labels = Tensor.of(new float[] {0, 3, 9, 1});
    Tensor logits = net.forward(images);
    assertArrayEquals(new int[] {4, 10}, logits.shape());
    Tensor loss = F.crossEntropy(logits, labels);
    loss.backward();
    assertEquals(List.of("conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var",
        "bn.num_batches_tracked", "fc.weight", "fc.bias"), List.copyOf(net.stateDict().keySet()));
    for (Tensor p : net.parameters()) {
      assertArrayEquals(p.shape(), p.grad().shape());
    }
  }
}

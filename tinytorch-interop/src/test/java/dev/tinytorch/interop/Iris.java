package dev.tinytorch.interop;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.tensor.Tensor;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Objects;

/** Test helpers around the iris resource. */
final class Iris {
  private Iris() {}

  /** The iris CSV on the test classpath, as the File DataVec's FileSplit wants. */
  static File csv() {
    try {
      return new File(Objects.requireNonNull(Iris.class.getResource("/iris/iris.csv"), "iris.csv resource").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fraction of samples whose largest logit is their class. */
  static double accuracy(Module model, Batch b) {
    try (GradMode.Scope s = GradMode.off()) {
      model.eval();
      Tensor predicted = model.forward(b.inputs()).argmax(1, false);
      model.train();
      return predicted.eq(b.targets()).mean().item();
    }
  }
}

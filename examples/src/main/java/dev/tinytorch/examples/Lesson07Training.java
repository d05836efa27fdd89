package dev.tinytorch.examples;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.optim.CosineAnnealingLR;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.nn.train.Evaluation;
import dev.tinytorch.nn.train.History;
import dev.tinytorch.nn.train.Trainer;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Locale;

/**
 * Lesson 7: training with nn.train's {@link Trainer}, the loop Lesson 3 writes by hand (zero grad, forward,
 * loss, backward, step), plus a schedule, validation after each epoch and a {@link History}. The data: two
 * interleaved spirals that no straight line separates, 400 points for training and 200 for validation.
 *
 * <pre>{@code
 * History h = Trainer.builder(model, sgd, new CrossEntropyLoss()).build().fit(train, validation, 60);
 * }</pre>
 */
public final class Lesson07Training {
  private Lesson07Training() {}

  public static void main(String[] args) {
    run(60);
  }

  /** Trains for {@code epochs}; returns the validation accuracy. */
  static double run(int epochs) {
    System.out.println("== Lesson 7: training with the Trainer (two spirals) ==");
    TensorDataset train = spirals(400, new Generator(1));
    TensorDataset validation = spirals(200, new Generator(2));
    Generator g = new Generator(3);
    Sequential model = new Sequential(new Linear(2, 64, true, g), new ReLU(), new Linear(64, 64, true, g), new ReLU(),
        new Linear(64, 2, true, g));
    SGD sgd = SGD.builder(model.parameters()).lr(0.1).momentum(0.9).build();
    Trainer trainer = Trainer.builder(model, sgd, new CrossEntropyLoss())
        .scheduler(new CosineAnnealingLR(sgd, epochs, 0))
        // One line per epoch to System.out; a progress bar when that is a terminal.
        .progress(true).build();
    DataLoader trainLoader = DataLoader.builder(train).batchSize(32).shuffle(1).build();
    DataLoader valLoader = DataLoader.builder(validation).batchSize(200).build();
    History h = trainer.fit(trainLoader, valLoader, epochs);
    Evaluation e = trainer.evaluate(valLoader);
    System.out.printf(Locale.ROOT, "after %d epochs: train loss %.4f, validation accuracy %.1f %% (%d points)%n",
        h.size(), h.trainLoss().get(h.size() - 1), 100 * e.accuracy(), e.samples());
    return e.accuracy();
  }

  /** {@code n} points on two spirals with a little noise; label 0 or 1 by spiral. */
  static TensorDataset spirals(int n, Generator g) {
    float[] x = new float[2 * n];
    float[] y = new float[n];
    float[] noise = Tensor.randn(g, 2 * n).mul(0.05).toFloatArray();
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      double t = 0.5 + 3.0 * (i / 2) / (n / 2.0);   // angle along the spiral, 0.5 to 3.5 rad
      double r = t / 3.5;
      double angle = t + label * Math.PI;
      x[2 * i] = (float) (r * Math.cos(angle)) + noise[2 * i];
      x[2 * i + 1] = (float) (r * Math.sin(angle)) + noise[2 * i + 1];
      y[i] = label;
    }
    return new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y));
  }
}

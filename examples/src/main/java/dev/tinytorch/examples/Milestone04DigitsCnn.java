package dev.tinytorch.examples;

import dev.tinytorch.nn.Conv2d;
import dev.tinytorch.nn.Flatten;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.MaxPool2d;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.tensor.Generator;

/**
 * Milestone 4 (1998, LeNet): a small CNN on TinyDigits' 8x8 images: Conv2d(1, 8, 3) - ReLU - MaxPool2d(2)
 * - Flatten - Linear(72, 10). TinyTorch's CNN reaches 66.5-82.5 % test accuracy.
 */
public final class Milestone04DigitsCnn {
  private Milestone04DigitsCnn() {}

  public static void main(String[] args) {
    run(25, args.length > 0 ? Double.parseDouble(args[0]) : 0.05, args.length > 1 ? Long.parseLong(args[1]) : 1);
  }

  /** Trains and returns the test accuracy. */
  static double run(int epochs, double lr, long seed) {
    System.out.println("== Milestone 4: TinyDigits CNN ==");
    TinyDigits.Split train = TinyDigits.train();
    TinyDigits.Split test = TinyDigits.test();
    Generator g = new Generator(seed);
    Sequential cnn = new Sequential(
        new Conv2d(1, 8, 3, 1, 0, true, g), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(72, 10, true, g));
    System.out.println(cnn + "  (" + cnn.parameterCount() + " parameters)");
    long t0 = System.nanoTime();
    double loss = MilestoneTraining.fit(cnn, new dev.tinytorch.nn.optim.SGD(cnn.parameters(), lr), MilestoneTraining.loader(train.asImages(), train.labels(), 32, seed), epochs);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double accuracy = MilestoneTraining.accuracy(cnn, test.asImages(), test.labels());
    System.out.printf("%d epochs in %.2f s, last epoch's mean loss %.4f, test accuracy %.1f %% (%d images)%n",
        epochs, seconds, loss, 100 * accuracy, test.size());
    return accuracy;
  }
}

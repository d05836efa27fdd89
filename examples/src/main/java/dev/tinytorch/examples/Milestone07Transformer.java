package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Embedding;
import dev.tinytorch.nn.LayerNorm;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.MultiHeadAttention;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Locale;
import java.util.Random;

/**
 * Milestone 7 (2017, attention): a one-block transformer learns to reverse sequences of 6 digits. Each output
 * position must find the input at the mirrored position, which no per-position layer can do: self-attention
 * with learned position embeddings learns where to look. Trained on fresh random sequences each step, tested
 * on 1000 it never saw; prints a few of its answers. Seed 1: 100 % of test sequences right after 300 steps (loss 0.009 after 120)
 * (about 6 s on 2 cores).
 *
 * <p>Model: token Embedding(10, 32) + position Embedding(6, 32) - MultiHeadAttention(32, 4 heads) with a
 * residual and LayerNorm - a ReLU feed-forward block (32-64-32) with a residual and LayerNorm - Linear(32, 10)
 * at each position. Adam lr 3e-3, batch 64.
 *
 * <pre>{@code
 * double sequenceAccuracy = Milestone07Transformer.run(1, 300);   // 1.0
 * }</pre>
 */
public final class Milestone07Transformer {
  static final int LENGTH = 6;
  static final int DIGITS = 10;
  static final int DIM = 32;

  private Milestone07Transformer() {}

  public static void main(String[] args) {
    run(1, args.length > 0 ? Integer.parseInt(args[0]) : 300);
  }

  /** The encoder block; forward maps digit tokens [B, T] (as whole numbers) to logits [B, T, 10]. */
  static final class Reverser extends Module {
    final Embedding tokens;
    final Embedding positions;
    final MultiHeadAttention attention;
    final LayerNorm norm1;
    final Sequential feedForward;
    final LayerNorm norm2;
    final Linear head;

    Reverser(Generator g) {
      tokens = module("tokens", new Embedding(DIGITS, DIM, g));
      positions = module("positions", new Embedding(LENGTH, DIM, g));
      attention = module("attention", new MultiHeadAttention(DIM, 4, true, g));
      norm1 = module("norm1", new LayerNorm(DIM));
      feedForward = module("feed_forward", new Sequential(new Linear(DIM, 2 * DIM, true, g), new ReLU(),
          new Linear(2 * DIM, DIM, true, g)));
      norm2 = module("norm2", new LayerNorm(DIM));
      head = module("head", new Linear(DIM, DIGITS, true, g));
    }

    @Override
    public Tensor forward(Tensor digits) {
      int t = digits.size(1);
      // [B, T, E] + [T, E]: every sequence gets the same position vectors.
      Tensor x = tokens.forward(digits).add(positions.forward(Tensor.arange(t)));
      Tensor h = norm1.forward(x.add(attention.forward(x)));
      h = norm2.forward(h.add(feedForward.forward(h)));
      return head.forward(h);
    }
  }

  /** Trains for {@code steps} and prints what the model answers; returns the share of test sequences right. */
  static double run(long seed, int steps) {
    System.out.println("== Milestone 7 (2017): a transformer block (nn.MultiHeadAttention) learns to reverse "
        + LENGTH + " digits ==");
    Generator g = new Generator(seed);
    Reverser model = new Reverser(g);
    System.out.println(model + "  (" + model.parameterCount() + " parameters)");
    Optimizer opt = Adam.builder(model.parameters()).lr(3e-3).build();
    Random data = new Random(seed);
    long t0 = System.nanoTime();
    for (int step = 1; step <= steps; step++) {
      Tensor[] batch = batch(data, 64);
      opt.zeroGrad();
      Tensor loss = loss(model, batch[0], batch[1]);
      loss.backward();
      opt.step();
      if (step % Math.max(1, steps / 5) == 0 || step == steps) {
        System.out.printf(Locale.ROOT, "step %4d  loss %.4f%n", step, loss.item());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    // Held-out sequences from another stream: with 10^6 possible sequences few coincide with training ones.
    Tensor[] test = batch(new Random(seed + 1_000_003), 1000);
    model.eval();
    Tensor predicted;
    try (var off = GradMode.off()) {
      predicted = model.forward(test[0]).argmax(2, false);
    }
    float[] p = predicted.toFloatArray();
    float[] in = test[0].toFloatArray();
    float[] want = test[1].toFloatArray();
    int right = 0;
    for (int s = 0; s < 1000; s++) {
      boolean ok = true;
      for (int i = 0; i < LENGTH; i++) {
        ok &= p[s * LENGTH + i] == want[s * LENGTH + i];
      }
      right += ok ? 1 : 0;
      if (s < 5) {
        System.out.printf("  %s -> %s%s%n", digits(in, s), digits(p, s), ok ? "" : "   (want " + digits(want, s) + ")");
      }
    }
    double accuracy = right / 1000.0;
    System.out.printf(Locale.ROOT, "%d steps in %.2f s; %.1f %% of 1000 unseen sequences reversed exactly%n", steps,
        seconds, 100 * accuracy);
    return accuracy;
  }

  private static Tensor loss(Module model, Tensor x, Tensor y) {
    Tensor logits = model.forward(x);
    return F.crossEntropy(logits.reshape(-1, DIGITS), y.reshape(-1));
  }

  /** {@code n} random digit sequences [n, T] and their reversals. */
  private static Tensor[] batch(Random r, int n) {
    float[] x = new float[n * LENGTH];
    float[] y = new float[n * LENGTH];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < LENGTH; i++) {
        x[s * LENGTH + i] = r.nextInt(DIGITS);
      }
      for (int i = 0; i < LENGTH; i++) {
        y[s * LENGTH + i] = x[s * LENGTH + LENGTH - 1 - i];
      }
    }
    return new Tensor[] {Tensor.of(x, n, LENGTH), Tensor.of(y, n, LENGTH)};
  }

  private static String digits(float[] v, int s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < LENGTH; i++) {
      b.append((int) v[s * LENGTH + i]);
    }
    return b.toString();
  }
}

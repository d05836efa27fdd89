package dev.tinytorch.bench;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Transposed against contiguous matmul operands at 1024^2, in alternating turns within one JVM:
 * each round times {@code a @ b}, {@code a.T @ b} and {@code a @ b.T} for about 0.3 s each, in a
 * rotating order, and the result is the median over rounds of each transposed form's speed over
 * the contiguous one's in the same round. MatmulBench's JMH runs time the three one after the
 * other, seconds apart, and on this VM two such runs of the same kernel differ by up to 1.5x, which
 * decided the "as fast as contiguous" cells more than the kernels did.
 *
 * <p>Prints one JSON object per dtype on stdout (run.sh collects them):
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.tinytorch.bench.TransposedTurns [rounds]}</pre>
 * Add {@code --add-modules jdk.incubator.vector} to measure the Vector API kernels.
 */
public final class TransposedTurns {
  private static final int N = 1024;
  private static final double FLOPS = 2.0 * N * N * N;

  private TransposedTurns() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    for (DType dtype : DType.values()) {
      Generator g = new Generator(42);
      Tensor a = Tensor.randn(g, dtype, N, N);
      Tensor b = Tensor.randn(g, dtype, N, N);
      Tensor aT = Tensor.randn(g, dtype, N, N);
      Tensor bT = Tensor.randn(g, dtype, N, N);
      List<String> names = List.of("contiguous", "transposedA", "transposedB");
      List<Supplier<Tensor>> forms = List.of(() -> a.matmul(b), () -> aT.t().matmul(b), () -> a.matmul(bT.t()));
      for (Supplier<Tensor> f : forms) {
        turn(f, 2.0); // C2 compiles the kernels and packing paths of each form
      }
      double[][] gflops = new double[forms.size()][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < forms.size(); k++) {
          int form = (r + k) % forms.size(); // rotate who goes first
          gflops[form][r] = FLOPS / turn(forms.get(form), 0.3) / 1e9;
        }
      }
      List<String> fields = new ArrayList<>();
      for (int f = 0; f < forms.size(); f++) {
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratio[r] = gflops[f][r] / gflops[0][r];
        }
        fields.add(String.format(Locale.ROOT, "\"%s\": {\"gflops\": %.2f, \"ratio_to_contiguous\": %.4f}",
            names.get(f), median(gflops[f]), median(ratio)));
      }
      System.out.println("{\"dtype\": \"" + dtype + "\", \"rounds\": " + rounds + ", " + String.join(", ", fields) + "}");
    }
  }

  /** Seconds per call over calls made for at least {@code seconds}. */
  private static double turn(Supplier<Tensor> form, double seconds) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int calls = 0;
    long now;
    do {
      form.get();
      calls++;
      now = System.nanoTime();
    } while (now < deadline);
    return (now - start) / 1e9 / calls;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}

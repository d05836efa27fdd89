package dev.tinytorch.tensor.bench;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Locale;

/**
 * Throughput of {@link Tensor#matmul} for square products, contiguous and with transposed
 * operands ("NT" = A @ B.T, as in backward passes). Not a test: run it by hand, e.g.
 *
 * <pre>
 * ./mvnw -q -pl tinytorch-tensor test-compile
 * java -cp tinytorch-tensor/target/classes:tinytorch-tensor/target/test-classes \
 *     dev.tinytorch.tensor.bench.MatMulBench 1024 FLOAT32 NN,NT,TN,TT
 * </pre>
 *
 * Add {@code -Dtinytorch.matmul.threads=1} for one thread. Prints the best of several runs in
 * GFLOPS (2 n^3 / seconds).
 */
public final class MatMulBench {
  private MatMulBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    DType dtype = args.length > 1 ? DType.valueOf(args[1]) : DType.FLOAT32;
    String[] modes = (args.length > 2 ? args[2] : "NN,NT,TN,TT").split(",");
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Generator g = new Generator(1);
    Tensor a = Tensor.randn(g, dtype, n, n);
    Tensor b = Tensor.randn(g, dtype, n, n);
    for (String mode : modes) {
      Tensor x = mode.charAt(0) == 'T' ? a.transpose(0, 1) : a;
      Tensor y = mode.charAt(1) == 'T' ? b.transpose(0, 1) : b;
      double best = 0;
      for (int r = 0; r < reps; r++) {
        long t = System.nanoTime();
        Tensor c = x.matmul(y);
        long dt = System.nanoTime() - t;
        if (c.numel() != n * n) {
          throw new AssertionError();
        }
        best = Math.max(best, 2.0 * n * n * n / dt);
      }
      System.out.printf(Locale.ROOT, "%s %s %d: %.1f GFLOPS%n", dtype, mode, n, best);
    }
  }
}

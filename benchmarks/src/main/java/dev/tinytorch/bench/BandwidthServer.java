package dev.tinytorch.bench;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The loop of {@link ElementwiseBench#addInPlace} ({@code acc.addInPlace(b)} over 10M floats) in
 * short turns on request, for benchmarks/stream/paired.py: it prints {@code ready} once warmed
 * up, then reads a number of calls per line from stdin and answers with the seconds per call.
 * The host's memory bandwidth drifts by up to 2x within minutes, so comparing a JMH run with a C
 * or PyTorch run made minutes apart says more about the host than about the kernels; turns of a
 * fraction of a second, alternating with the others, see the same bandwidth.
 *
 * <pre>{@code java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.tinytorch.bench.BandwidthServer}</pre>
 */
public final class BandwidthServer {
  private BandwidthServer() {}

  public static void main(String[] args) throws Exception {
    Generator g = new Generator(3);
    Tensor acc = Tensor.rand(g, DType.FLOAT32, ElementwiseBench.N);
    Tensor b = Tensor.rand(g, DType.FLOAT32, ElementwiseBench.N).mul(1e-6); // acc grows slowly
    for (int i = 0; i < 400; i++) { // past C2's compilation of the kernel and the fork-join pool's start
      acc.addInPlace(b);
    }
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      int calls = Math.max(1, Integer.parseInt(line.trim()));
      long t0 = System.nanoTime();
      for (int c = 0; c < calls; c++) {
        acc.addInPlace(b);
      }
      System.out.println((System.nanoTime() - t0) / 1e9 / calls);
      System.out.flush();
    }
    System.err.println("checksum " + acc.get(ElementwiseBench.N / 2));
  }
}

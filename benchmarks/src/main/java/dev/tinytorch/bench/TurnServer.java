package dev.tinytorch.bench;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The throughput workloads (matmul, the in-place add) in short turns on request, for
 * benchmarks/turns/turns.py, which alternates them with the same workloads in PyTorch and in C.
 * It prints {@code ready} once every workload is warmed up, then reads lines {@code "<workload>
 * <calls>"} and answers each with the seconds per call.
 *
 * <p>Why turns: on this VM the host's memory bandwidth and the cores' throughput move by up to 2x
 * within minutes (PyTorch's own 1024² matmul read 172 GFLOPS in one run and 205 in another, an
 * hour apart). A JMH run and a PyTorch run minutes apart compare phases of the host; turns of a
 * fraction of a second, alternating, see the same one. Workloads match MatmulBench and
 * ElementwiseBench.addInPlace:
 *
 * <pre>{@code
 * mm:FLOAT32  mmTA:FLOAT32  mmTB:FLOAT32  bmm:FLOAT32  (and :FLOAT64)   a @ b, a.T @ b, a @ b.T at 1024², [8,256,256] batched
 * mm2048:FLOAT32  (and :FLOAT64)                                      [2048,256] @ [256,256]: bmm's work as one product
 * add                                                                 acc += b over 10M floats
 * }</pre>
 *
 * <p>{@code mm2048} does the multiply-adds of {@code bmm} with the eight A's stacked into one
 * contiguous matrix and one B: the same work without batching, so {@code bmm} against it shows
 * what batching itself costs, apart from the small size of each product.
 */
public final class TurnServer {
  private TurnServer() {}

  static Map<String, Supplier<Tensor>> workloads() {
    Map<String, Supplier<Tensor>> w = new LinkedHashMap<>();
    for (DType dtype : DType.values()) {
      Generator g = new Generator(42);
      int n = MatmulBench.N;
      Tensor a = Tensor.randn(g, dtype, n, n);
      Tensor b = Tensor.randn(g, dtype, n, n);
      Tensor aT = Tensor.randn(g, dtype, n, n);
      Tensor bT = Tensor.randn(g, dtype, n, n);
      Tensor ba = Tensor.randn(g, dtype, MatmulBench.BATCH, MatmulBench.BN, MatmulBench.BN);
      Tensor bb = Tensor.randn(g, dtype, MatmulBench.BATCH, MatmulBench.BN, MatmulBench.BN);
      w.put("mm:" + dtype, () -> a.matmul(b));
      w.put("mmTA:" + dtype, () -> aT.t().matmul(b));
      w.put("mmTB:" + dtype, () -> a.matmul(bT.t()));
      w.put("bmm:" + dtype, () -> ba.matmul(bb));
      Tensor stacked = Tensor.randn(g, dtype, MatmulBench.BATCH * MatmulBench.BN, MatmulBench.BN);
      Tensor shared = Tensor.randn(g, dtype, MatmulBench.BN, MatmulBench.BN);
      w.put("mm2048:" + dtype, () -> stacked.matmul(shared));
    }
    Generator g = new Generator(3);
    Tensor acc = Tensor.rand(g, DType.FLOAT32, ElementwiseBench.N);
    Tensor b = Tensor.rand(g, DType.FLOAT32, ElementwiseBench.N).mul(1e-6); // acc grows slowly
    w.put("add", () -> acc.addInPlace(b));
    return w;
  }

  public static void main(String[] args) throws Exception {
    serve(workloads());
  }

  /** Warms every workload up, prints {@code ready}, then answers turns until stdin closes. */
  static void serve(Map<String, Supplier<Tensor>> work) throws Exception {
    serve(work, 2);
  }

  /** {@link #serve(Map)} with {@code warmupSeconds} of calls per workload before {@code ready}. */
  static void serve(Map<String, Supplier<Tensor>> work, double warmupSeconds) throws Exception {
    for (Supplier<Tensor> s : work.values()) { // C2 compiles each path; the Vector API's first products are slow
      long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
      while (System.nanoTime() < end) {
        s.get();
      }
    }
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] parts = line.trim().split("\\s+");
      Supplier<Tensor> s = work.get(parts[0]);
      if (s == null) {
        throw new IllegalArgumentException("TurnServer: no workload '" + parts[0] + "'; there are " + work.keySet());
      }
      int calls = Math.max(1, Integer.parseInt(parts[1]));
      long t0 = System.nanoTime();
      for (int c = 0; c < calls; c++) {
        s.get();
      }
      System.out.println((System.nanoTime() - t0) / 1e9 / calls);
      System.out.flush();
    }
  }
}

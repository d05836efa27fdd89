package dev.tinytorch.bench;

/**
 * {@link ModelSteps}' whole-model workloads in turns on request, for benchmarks/turns/steps.py, with
 * the protocol of {@link TurnServer}: {@code ready}, then {@code "<workload> <calls>"} answered with
 * the seconds per call. Run it with {@code -Dtinytorch.threads=1} for the one-thread rows.
 *
 * <pre>{@code
 * java -Dtinytorch.threads=1 -cp benchmarks/target/benchmarks.jar dev.tinytorch.bench.StepTurnServer
 * cnn 10
 * 0.0123
 * }</pre>
 */
public final class StepTurnServer {
  private StepTurnServer() {}

  public static void main(String[] args) throws Exception {
    // A whole step runs many kernels, each compiled on its own; 2 s per workload left the Vector API
    // steps still getting faster over the first rounds.
    TurnServer.serve(ModelSteps.workloads(), Double.parseDouble(System.getProperty("tinytorch.bench.warmup", "6")));
  }
}

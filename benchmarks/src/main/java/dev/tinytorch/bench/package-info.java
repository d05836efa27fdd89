/**
 * JMH benchmarks for the performance targets (matmul, per-op overhead, training steps, memory
 * bandwidth). {@code benchmarks/run.sh} runs them next to the same workloads in PyTorch
 * ({@code benchmarks/pytorch/bench.py}) and prints the ratios.
 *
 * <p>Every class uses the same budget (one fork, 3 x 1 s warm-up, 5 x 1 s measurement) so the
 * whole suite takes a few minutes; the scores run.sh reports are the medians of the measurement
 * iterations. Inputs are built in {@code @Setup} from a fixed seed, outside the timed region.
 */
package dev.tinytorch.bench;

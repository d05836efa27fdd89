/**
 * JMH benchmarks for the performance targets (matmul, per-op overhead, training steps, memory
 * bandwidth). {@code benchmarks/run.sh} runs them next to the same workloads in PyTorch
 * ({@code benchmarks/pytorch/bench.py}) and prints the ratios.
 *
 * <p>Every class runs one fork with 5 x 1 s measurement, so the whole suite takes a few minutes;
 * the scores run.sh reports are the medians of the measurement iterations. Kernel benchmarks warm
 * up for 3 x 1 s; the graph benchmarks for 5 x 1 s, because C2 needs about 3 s to compile the
 * whole forward/backward path (the tiny graph ran 4.2, 3.5, then 1.2 us/op in its first three
 * seconds). Inputs are built in {@code @Setup} from a fixed seed, outside the timed region.
 *
 * <p>Two plain programs sit beside the JMH classes: {@code TurnServer} runs the matmul and
 * in-place add workloads in short turns for {@code benchmarks/turns/turns.py}, which alternates
 * them with PyTorch and a C loop (the host's speed drifts too much for runs minutes apart to be
 * compared), and {@code KernelWorkout} exercises the elementwise kernels for
 * {@code benchmarks/jit/packed.py}, which reads the JIT's machine code for them.
 */
package dev.tinytorch.bench;

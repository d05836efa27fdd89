package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The split loop and the kernels that use it: every element is visited once whatever the thread
 * count, borders fall on cache lines, failures surface, and large tensors (which split on a
 * multi-core machine) give element for element what the scalar definition gives.
 */
class ParallelTest {
  /** Large enough to split on two or more cores: twice the memory grain and then some. */
  private static final int BIG = 2 * Parallel.MEMORY_GRAIN + 1234;

  @Test
  void everyIndexIsVisitedOnceForAnyThreadCount() {
    for (int threads = 1; threads <= 5; threads++) {
      for (int n : new int[] {0, 1, 15, 16, 100, 1000, 4099}) {
        int[] hits = new int[n];
        List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(n, 10, threads, (from, to) -> {
          chunks.add(new int[] {from, to});
          for (int i = from; i < to; i++) {
            hits[i]++;
          }
        });
        for (int i = 0; i < n; i++) {
          assertEquals(1, hits[i], "n=" + n + " threads=" + threads + " index " + i);
        }
        assertTrue(chunks.size() <= threads, "more chunks than threads: " + chunks.size());
        for (int[] c : chunks) {
          assertTrue(c[0] % 16 == 0, "chunk starts off a cache line: " + c[0] + " (n=" + n + ")");
        }
      }
    }
  }

  @Test
  void smallLoopsStayOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    Parallel.forRange(Parallel.MEMORY_GRAIN, Parallel.MEMORY_GRAIN, 4,
        (from, to) -> assertEquals(caller, Thread.currentThread(), "a one-grain loop was handed to another thread"));
    assertTrue(!Parallel.pays(2L * Parallel.MEMORY_GRAIN - 1, Parallel.MEMORY_GRAIN));
  }

  @Test
  void anExceptionInAnyChunkReachesTheCaller() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        Parallel.forRange(1000, 10, 4, (from, to) -> {
          if (to == 1000) {
            throw new IllegalStateException("last chunk failed");
          }
        }));
    assertTrue(e.getMessage().contains("last chunk failed"), e.getMessage());
  }

  private static Tensor ramp(DType dtype, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 1000) * 0.5 - 250;
    }
    return Tensor.of(v, n).to(dtype);
  }

  @Test
  void largeDenseBinaryAndUnaryOpsMatchTheDefinition() {
    for (DType dtype : DType.values()) {
      Tensor a = ramp(dtype, BIG);
      Tensor b = ramp(dtype, BIG).mul(0.25).add(1);
      double[] x = a.toDoubleArray();
      double[] y = b.toDoubleArray();
      double[] sum = a.add(b).toDoubleArray();
      double[] scaled = a.mul(3).toDoubleArray();
      double[] relu = a.relu().toDoubleArray();
      Tensor small = a.mul(0.01);
      double[] z = small.toDoubleArray();
      double[] exp = small.exp().toDoubleArray();
      double[] clamped = a.clamp(-10, 10).toDoubleArray();
      double[] square = a.pow(2).toDoubleArray();
      for (int i = 0; i < BIG; i++) {
        assertEquals(x[i] + y[i], sum[i], 0.0, "add at " + i);
        assertEquals(x[i] * 3, scaled[i], 0.0, "mul by scalar at " + i);
        assertEquals(Math.max(x[i], 0), relu[i], 0.0, "relu at " + i);
        double e = Math.exp(z[i]);
        assertEquals(dtype == DType.FLOAT32 ? (float) e : e, exp[i], 0.0, "exp at " + i);
        assertEquals(Math.min(Math.max(x[i], -10), 10), clamped[i], 0.0, "clamp at " + i);
        assertEquals(x[i] * x[i], square[i], 0.0, "pow 2 at " + i);
      }
    }
  }

  @Test
  void largeBroadcastAndTransposedOperandsMatchTheDefinition() {
    int rows = 517; // not a multiple of 16: chunks start mid-row
    int cols = BIG / rows + 3;
    Tensor a = ramp(DType.FLOAT64, rows * cols).reshape(cols, rows).transpose(0, 1); // [rows, cols], strided
    Tensor bias = ramp(DType.FLOAT64, cols).mul(0.5); // [cols], broadcast over rows
    Tensor column = ramp(DType.FLOAT64, rows).reshape(rows, 1); // [rows, 1], broadcast over cols
    double[] sum = a.add(bias).toDoubleArray();
    double[] gt = a.gt(column).toDoubleArray();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double aij = a.get(i, j);
        assertEquals(aij + bias.get(j), sum[i * cols + j], 0.0, "a + bias at " + i + "," + j);
        assertEquals(aij > column.get(i, 0) ? 1.0 : 0.0, gt[i * cols + j], 0.0, "a > column at " + i + "," + j);
      }
    }
  }

  @Test
  void largeInPlaceUpdatesMatchTheDefinition() {
    for (DType dtype : DType.values()) {
      Tensor p = ramp(dtype, BIG);
      Tensor g = ramp(dtype, BIG).mul(0.5);
      double[] before = p.toDoubleArray();
      double[] grad = g.toDoubleArray();
      p.addInPlace(g, -0.25).mulInPlace(2);
      double[] after = p.toDoubleArray();
      for (int i = 0; i < BIG; i++) {
        double expected = dtype == DType.FLOAT32
            ? (float) ((float) (before[i] + (float) -0.25 * (float) grad[i]) * 2f)
            : (before[i] + -0.25 * grad[i]) * 2;
        assertEquals(expected, after[i], 0.0, "p at " + i);
      }
    }
  }

  @Test
  void largeStridedCopiesMatchTheDefinition() {
    int rows = 517;
    int cols = BIG / rows + 3;
    Tensor a = ramp(DType.FLOAT32, rows * cols).reshape(rows, cols);
    Tensor t = a.transpose(0, 1); // [cols, rows] over a's storage
    double[] copied = t.contiguous().toDoubleArray(); // the strided copy, split on several cores
    Tensor target = Tensor.zeros(DType.FLOAT64, rows, cols).transpose(0, 1); // a strided destination
    target.copyFrom(t);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        double v = a.get(i, j);
        assertEquals(v, copied[j * rows + i], 0.0, "contiguous() at " + j + "," + i);
        assertEquals(v, target.get(j, i), 0.0, "copyFrom into a transposed view at " + j + "," + i);
      }
    }
  }
}

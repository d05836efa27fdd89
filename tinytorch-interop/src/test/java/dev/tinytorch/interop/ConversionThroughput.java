package dev.tinytorch.interop;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures {@link INDArrays} conversion throughput at 4 MB and 64 MB, both ways, FLOAT32 and
 * FLOAT64, next to ND4J's own {@code Nd4j.create(float[])} and {@code toFloatVector()} for scale.
 * Not a test: a main, run from the module's test classpath.
 *
 * <pre>
 * ./mvnw -B -q -pl tinytorch-interop -am test-compile
 * ./mvnw -B -q -pl tinytorch-interop dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -cp "tinytorch-interop/target/test-classes:tinytorch-interop/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.tinytorch.interop.ConversionThroughput
 * </pre>
 *
 * <p>Prints the median of several timed repetitions after warm-up, in MB/s of payload (the
 * tensor's bytes), one line per case.
 */
public final class ConversionThroughput {
  private ConversionThroughput() {}

  public static void main(String[] args) {
    for (int mb : new int[] {4, 64}) {
      for (DType dtype : DType.values()) {
        int n = mb * 1024 * 1024 / dtype.byteSize();
        int reps = mb == 4 ? 40 : 8;
        Tensor t = Tensor.rand(new Generator(1), dtype, n / 1024, 1024);
        INDArray a = INDArrays.toINDArray(t);
        report(mb, dtype, "toINDArray", reps, () -> INDArrays.toINDArray(t));
        report(mb, dtype, "toTensor", reps, () -> INDArrays.toTensor(a));
        INDArray at = a.transpose();
        report(mb, dtype, "toTensor of a transposed view", reps, () -> INDArrays.toTensor(at));
        if (dtype == DType.FLOAT32) {
          float[] f = t.toFloatArray();
          report(mb, dtype, "baseline Nd4j.create(float[], shape)", reps, () -> Nd4j.create(f, new long[] {n / 1024, 1024}, 'c'));
          report(mb, dtype, "baseline INDArray.data().asFloat()", reps, () -> a.data().asFloat());
        }
      }
    }
  }

  private static void report(int mb, DType dtype, String what, int reps, Runnable op) {
    for (int i = 0; i < 3; i++) {
      op.run();
    }
    double[] seconds = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      op.run();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    double median = seconds[reps / 2];
    System.out.printf("%2d MB %-7s %-38s %8.0f MB/s  (median %.2f ms of %d)%n", mb, dtype, what, mb / median,
        median * 1e3, reps);
  }
}

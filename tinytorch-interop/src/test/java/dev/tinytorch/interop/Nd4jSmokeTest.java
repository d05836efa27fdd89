package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The test classpath's ND4J backend is the CPU one, with this host's natives, and computes. */
class Nd4jSmokeTest {
  @Test
  void nativeCpuBackendLoadsAndComputes() {
    INDArray a = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {2, 2}, 'c');
    assertEquals(10.0, a.sumNumber().doubleValue(), 0.0);
    assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", Nd4j.getBackend().getClass().getName());
  }
}

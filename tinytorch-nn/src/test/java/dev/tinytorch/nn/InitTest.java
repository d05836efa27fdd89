package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Init's distributions have PyTorch's bounds and standard deviations, with fans read in our layouts
 * (2-D [in, out]; conv [out, in, kh, kw]). Moments over 60,000+ draws, so the tolerances are a few
 * standard errors.
 */
class InitTest {
  private static double max(Tensor t) {
    return t.abs().max().item();
  }

  private static double std(Tensor t) {
    return Math.sqrt(t.var().item());
  }

  @Test
  void uniformFamiliesStayInsideTheirBoundAndFillIt() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 300, 200);      // fanIn 300, fanOut 200
    double xavier = Math.sqrt(6.0 / 500);
    assertSame(w, Init.xavierUniform(w, 1.0, new Generator(1)));
    assertTrue(max(w) <= xavier && max(w) > 0.99 * xavier);
    Init.kaimingUniform(w, Math.sqrt(5), new Generator(2));   // PyTorch's Linear default: 1/sqrt(fanIn)
    assertTrue(max(w) <= 1 / Math.sqrt(300) && max(w) > 0.99 / Math.sqrt(300));
    Tensor conv = Tensor.zeros(DType.FLOAT64, 64, 16, 3, 3);   // fanIn 16*9
    Init.kaimingUniform(conv, 0, new Generator(3));
    double he = Math.sqrt(3) * Math.sqrt(2.0) / Math.sqrt(144);
    assertTrue(max(conv) <= he && max(conv) > 0.99 * he);
  }

  @Test
  void normalFamiliesHaveTheirStandardDeviation() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 300, 200);
    Init.xavierNormal(w, 2.0, new Generator(4));
    assertEquals(2.0 * Math.sqrt(2.0 / 500), std(w), 0.01 * 2.0 * Math.sqrt(2.0 / 500));
    Init.kaimingNormal(w, 0, new Generator(5));
    assertEquals(Math.sqrt(2.0 / 300), std(w), 0.01 * Math.sqrt(2.0 / 300));
    Init.normal(w, 3, 0.5, new Generator(6));
    assertEquals(3.0, w.mean().item(), 0.01);
    assertEquals(0.5, std(w), 0.005);
  }

  @Test
  void constantsAndParametersAndErrors() {
    Linear fc = new Linear(3, 2);
    Init.ones(fc.weight());            // parameters are filled under no-grad
    Init.zeros(fc.bias());
    assertEquals(6.0, fc.weight().sum().item(), 0.0);
    assertEquals(0.0, fc.bias().abs().sum().item(), 0.0);
    assertTrue(fc.weight().requiresGrad());
    assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(Tensor.zeros(5)));
    assertThrows(IllegalArgumentException.class, () -> Init.uniform(Tensor.zeros(5), 1, 0));
  }
}

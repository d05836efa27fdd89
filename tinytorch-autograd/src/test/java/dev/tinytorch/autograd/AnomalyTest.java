package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Anomaly mode: the first op whose forward or backward goes non-finite, per thread, nested scopes. */
class AnomalyTest {
  private static Tensor t(double... v) {
    return Tensor.of(v);
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), () -> "message lacks '" + p + "': " + message);
    }
  }

  private static boolean createdInThisTest(Throwable created, String method) {
    return Arrays.stream(created.getStackTrace())
        .anyMatch(e -> e.getClassName().equals(AnomalyTest.class.getName()) && e.getMethodName().contains(method));
  }

  @Test
  void offByDefaultAndNaNFlowsSilently() {
    assertFalse(Anomaly.isEnabled());
    Tensor x = t(1.0, -1.0).requiresGrad(true);
    Tensor y = x.log();
    assertEquals(0.0, y.get(0), 0.0);
    assertTrue(Double.isNaN(y.get(1)));
  }

  @Test
  void logOfANegativeFailsInTheForwardNamingOpShapeAndSite() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, -1, 5, 6}, 2, 3).requiresGrad(true);
    try (var anomaly = Anomaly.detect()) {
      Tensor ok = x.mul(2.0); // finite: passes
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ok.log());
      assertMentions(e.getMessage(), "forward", "log", "LogBackward", "NaN", "[2, 3]", "AnomalyTest");
      assertTrue(createdInThisTest(e.getCause(), "logOfANegativeFailsInTheForwardNamingOpShapeAndSite"));
    }
    assertFalse(Anomaly.isEnabled());
    assertTrue(Double.isNaN(x.mul(2.0).log().get(1, 0))); // closed: silent again
  }

  @Test
  void sqrtAtZeroFailsInTheBackwardAndLeavesGradsUntouched() {
    Tensor x = t(0.0, 4.0).requiresGrad(true);
    try (var anomaly = Anomaly.detect()) {
      Tensor loss = x.sqrt().sum(); // forward is finite: [0, 2]
      IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
      assertMentions(e.getMessage(), "backward", "sqrt", "SqrtBackward", "Inf", "[2]", "AnomalyTest");
      assertNotNull(e.getCause());
      assertTrue(createdInThisTest(e.getCause(), "sqrtAtZeroFailsInTheBackwardAndLeavesGradsUntouched"));
    }
    assertNull(x.grad());
  }

  @Test
  void zeroOverZeroInTheBackwardIsNaNAndNamesTheFirstOpNotItsConsumers() {
    // d/dx [sqrt(x) * 0] at 0: MulBackward sends 0, SqrtBackward computes 0 / (2 sqrt 0) = 0/0.
    Tensor x = t(0.0).requiresGrad(true);
    try (var anomaly = Anomaly.detect()) {
      Tensor loss = x.sqrt().mul(0.0).add(1.0).sum();
      IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
      assertMentions(e.getMessage(), "backward", "SqrtBackward", "NaN", "[1]");
      assertFalse(e.getMessage().contains("MulBackward"));
    }
    // without the mode the same graph quietly gives NaN
    Tensor loss = x.sqrt().mul(0.0).sum();
    loss.backward();
    assertTrue(Double.isNaN(x.grad().item()));
  }

  @Test
  void autogradGradIsCheckedToo() {
    Tensor x = t(0.0).requiresGrad(true);
    try (var anomaly = Anomaly.detect()) {
      Tensor y = x.sqrt().sum();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Autograd.grad(y, x, false));
      assertMentions(e.getMessage(), "SqrtBackward", "Inf");
    }
  }

  @Test
  void anOpRecordedOutsideTheModeIsStillCaughtInABackwardInside() {
    Tensor x = t(0.0).requiresGrad(true);
    Tensor loss = x.sqrt().sum();
    try (var anomaly = Anomaly.detect()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
      assertMentions(e.getMessage(), "SqrtBackward", "recorded outside anomaly mode");
    }
  }

  /** A custom op whose forward divides by its input. */
  static final class Reciprocal extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0]);
      return in[0].pow(-1.0);
    }

    @Override
    public Tensor[] backward(Tensor g) {
      Tensor x = savedTensors()[0];
      return new Tensor[] {g.neg().div(x.square())};
    }
  }

  @Test
  void customFunctionsAreChecked() {
    Tensor x = t(0.0, 1.0).requiresGrad(true);
    try (var anomaly = Anomaly.detect()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Reciprocal().apply(x));
      assertMentions(e.getMessage(), "forward", "Reciprocal", "Inf", "[2]");
    }
    assertTrue(Double.isInfinite(new Reciprocal().apply(x).get(0)));
  }

  @Test
  void scopesNestAndRestore() {
    assertFalse(Anomaly.isEnabled());
    try (var outer = Anomaly.detect()) {
      assertTrue(Anomaly.isEnabled());
      try (var off = Anomaly.set(false)) {
        assertFalse(Anomaly.isEnabled());
        Tensor x = t(-1.0).requiresGrad(true);
        assertTrue(Double.isNaN(x.log().item())); // off inside: not checked
        try (var inner = Anomaly.detect()) {
          assertTrue(Anomaly.isEnabled());
          assertThrows(IllegalStateException.class, () -> x.log());
        }
        assertFalse(Anomaly.isEnabled());
      }
      assertTrue(Anomaly.isEnabled());
      outer.close();
      outer.close(); // closing twice changes nothing
      assertFalse(Anomaly.isEnabled());
    }
    assertFalse(Anomaly.isEnabled());
  }

  @Test
  void otherThreadsAreUnaffected() throws Exception {
    try (var anomaly = Anomaly.detect()) {
      AtomicReference<Object> seen = new AtomicReference<>();
      Thread t = new Thread(() -> {
        Tensor x = t(-1.0, 0.0).requiresGrad(true);
        Tensor y = x.log();
        y.sum().backward();
        seen.set(new Object[] {Anomaly.isEnabled(), y.toDoubleArray(), x.grad().toDoubleArray()});
      });
      t.start();
      t.join();
      Object[] r = (Object[]) seen.get();
      assertEquals(false, r[0]);
      double[] y = (double[]) r[1];
      assertTrue(Double.isNaN(y[0]));
      assertEquals(Double.NEGATIVE_INFINITY, y[1]);
      assertArrayEquals(new double[] {-1.0, Double.POSITIVE_INFINITY}, (double[]) r[2]);
      // while this thread is still checked
      assertThrows(IllegalStateException.class, () -> t(-1.0).requiresGrad(true).log());
    }
  }

  @Test
  void untrackedOpsAreNotChecked() {
    try (var anomaly = Anomaly.detect()) {
      assertTrue(Double.isNaN(t(-1.0).log().item())); // no input requires grad: not recorded
      try (var off = GradMode.off()) {
        assertTrue(Double.isNaN(t(-1.0).requiresGrad(true).log().item()));
      }
    }
  }
}

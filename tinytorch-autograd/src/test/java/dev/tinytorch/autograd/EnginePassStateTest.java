package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The per-node state of a backward pass (dependency counts, pending gradients, the claim on the
 * node): reset after every pass, also one that threw, and guarded against a second pass running
 * through the same graph at the same time.
 */
class EnginePassStateTest {
  private static Tensor leaf(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  /** Identity whose backward runs {@code hook} first (which may throw or block). */
  static final class Hooked extends Function {
    private final Runnable hook;

    Hooked(Runnable hook) {
      this.hook = hook;
    }

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].clone();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      hook.run();
      return new Tensor[] {gradOutput.mul(1.0)};
    }
  }

  /** Every node reachable from {@code t}'s gradFn. */
  private static List<Function> nodes(Tensor t) {
    List<Function> out = new ArrayList<>();
    Map<Function, Boolean> seen = new IdentityHashMap<>();
    List<Function> todo = new ArrayList<>();
    todo.add((Function) t.gradFn());
    while (!todo.isEmpty()) {
      Function fn = todo.remove(todo.size() - 1);
      if (seen.put(fn, true) == null) {
        out.add(fn);
        for (int i = 0; i < fn.numInputs(); i++) {
          if (fn.nextFunction(i) != null) {
            todo.add(fn.nextFunction(i));
          }
        }
      }
    }
    return out;
  }

  private static void assertIdle(Tensor root) {
    for (Function fn : nodes(root)) {
      assertEquals(0, fn.dependencies, fn.name());
      assertNull(fn.pendingGrad, fn.name());
      assertFalse(fn.pendingExclusive, fn.name());
      assertNull(fn.claim(null), fn.name() + " is still claimed");
    }
  }

  @Test
  void aSecondPassWithRetainGraphGivesTheSameGradients() {
    Tensor x = leaf(1, -2, 3);
    Tensor w = leaf(0.5, 0.25, -1);
    Tensor h = x.mul(w).add(x); // x reaches MulBackward and AddBackward: two edges meet
    Tensor y = h.mul(h).add(h.relu()).sum();
    y.backward(Tensor.onesLike(y), true, false);
    assertIdle(y);
    double[] gx = x.grad().toDoubleArray();
    double[] gw = w.grad().toDoubleArray();
    // h = x*w + x = (1.5, -2.5, 0); dy/dh = 2h + (h > 0) = (4, -5, 0)
    assertArrayEquals(new double[] {4 * 1.5, -5 * 1.25, 0}, gx);
    assertArrayEquals(new double[] {4 * 1, -5 * -2, 0}, gw);
    x.zeroGrad();
    w.zeroGrad();
    y.backward(Tensor.onesLike(y), true, false);
    assertArrayEquals(gx, x.grad().toDoubleArray());
    assertArrayEquals(gw, w.grad().toDoubleArray());
    y.backward(Tensor.onesLike(y), false, false);
    assertArrayEquals(new double[] {2 * 6, 2 * -6.25, 0}, x.grad().toDoubleArray());
    assertIdle(y);
  }

  @Test
  void aRuleThatThrowsLeavesNoStaleCountsAndARetryWorks() {
    boolean[] fail = {true};
    Tensor x = leaf(2.0, 3.0);
    Tensor h = new Hooked(() -> {
      if (fail[0]) {
        throw new IllegalStateException("boom");
      }
    }).apply(x.mul(x));
    Tensor y = h.add(x).sum();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> y.backward(Tensor.onesLike(y), true, false));
    assertEquals("boom", e.getMessage());
    assertIdle(y);
    assertNull(x.grad(), "a pass that threw adds nothing to the leaves");
    fail[0] = false;
    y.backward(Tensor.onesLike(y), true, false);
    assertArrayEquals(new double[] {5, 7}, x.grad().toDoubleArray()); // 2x + 1
  }

  @Test
  void aRuleThatThrowsWithoutRetainGraphLeavesAClearError() {
    boolean[] fail = {true};
    Tensor x = leaf(2.0);
    Tensor y = new Hooked(() -> {
      if (fail[0]) {
        throw new IllegalStateException("boom");
      }
    }).apply(x.mul(x)).mul(3).sum();
    assertThrows(IllegalStateException.class, y::backward);
    assertIdle(y);
    fail[0] = false;
    // The nodes above the failing one ran and freed their saved tensors.
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("second time"), e.getMessage());
    assertNull(x.grad());
  }

  @Test
  void aSecondPassThroughAGraphInUseOnAnotherThreadFailsClearly() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Tensor x = leaf(2.0);
    Tensor y = new Hooked(() -> {
      inside.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).apply(x.mul(x)).sum();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread first = new Thread(() -> {
      try {
        y.backward(Tensor.onesLike(y), true, false);
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "first-backward");
    first.start();
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> y.backward(Tensor.onesLike(y), true, false));
    assertTrue(e.getMessage().contains("still running"), e.getMessage());
    assertTrue(e.getMessage().contains("first-backward"), e.getMessage());
    assertTrue(e.getMessage().contains("one after the other"), e.getMessage());
    release.countDown();
    first.join(10_000);
    assertNull(failure.get());
    assertEquals(4.0, x.grad().item(), "the refused pass added nothing");
    y.backward(Tensor.onesLike(y), false, false);
    assertEquals(8.0, x.grad().item());
    assertIdle(y);
  }

  @Test
  void passesOverSeparateGraphsRunAtTheSameTime() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    Runnable meet = () -> {
      try {
        together.await(10, TimeUnit.SECONDS); // both passes are inside a rule at once
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    Tensor w = leaf(3.0); // a leaf may be shared: leaves are not nodes
    Tensor[] inputs = {leaf(1.0), leaf(2.0)};
    Tensor[] grads = new Tensor[2];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int k = t;
      threads[t] = new Thread(() -> {
        try {
          grads[k] = Autograd.grad(new Hooked(meet).apply(inputs[k].mul(w)).mul(inputs[k]).sum(), inputs[k], false)[0];
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertNull(failure.get());
    assertEquals(2 * 1.0 * 3.0, grads[0].item()); // d(w x^2)/dx = 2wx
    assertEquals(2 * 2.0 * 3.0, grads[1].item());
  }

  @Test
  void aBackwardInsideABackwardRuleWorksOnItsOwnGraphAndFailsClearlyOnTheSameOne() {
    Tensor[] inner = new Tensor[1];
    Tensor z = leaf(5.0);
    Tensor x = leaf(2.0);
    Tensor[] outer = new Tensor[1];
    outer[0] = new Hooked(() -> {
      try (var on = GradMode.on()) {
        inner[0] = Autograd.grad(z.mul(z).sum(), z, false)[0];
      }
    }).apply(x.mul(x)).sum();
    outer[0].backward();
    assertEquals(10.0, inner[0].item());
    assertEquals(4.0, x.grad().item());

    Tensor x2 = leaf(2.0);
    Tensor[] y = new Tensor[1];
    IllegalStateException[] nested = new IllegalStateException[1];
    y[0] = new Hooked(() -> {
      nested[0] = assertThrows(IllegalStateException.class, () -> y[0].backward(Tensor.onesLike(y[0]), true, false));
    }).apply(x2.mul(x2)).sum();
    y[0].backward();
    assertTrue(nested[0].getMessage().contains("an enclosing backward on this thread"), nested[0].getMessage());
    assertEquals(4.0, x2.grad().item());
    assertIdle(y[0]);
  }

  @Test
  void manyLeavesAreIndexedAndSummedOnce() {
    int n = 40; // past the linear scan of the leaf list
    Tensor[] xs = new Tensor[n];
    Tensor y = null;
    for (int i = 0; i < n; i++) {
      xs[i] = leaf(i);
      Tensor term = xs[i].mul(xs[i]).add(xs[i]); // x reaches two nodes: 2x + 1
      y = y == null ? term : y.add(term);
    }
    Tensor loss = y.sum();
    loss.backward(Tensor.onesLike(loss), true, false);
    for (int i = 0; i < n; i++) {
      assertEquals(2.0 * i + 1, xs[i].grad().item(), "leaf " + i);
      xs[i].zeroGrad();
    }
    loss.backward(); // the thread's pass reuses its leaf index, emptied
    for (int i = 0; i < n; i++) {
      assertEquals(2.0 * i + 1, xs[i].grad().item(), "leaf " + i + ", second pass");
    }
    Tensor[] g = Autograd.grad(xs[0].mul(xs[n - 1]).sum(), new Tensor[] {xs[n - 1], xs[0]}, null, false, false);
    assertEquals(0.0, g[0].item());
    assertEquals(n - 1.0, g[1].item());
  }

  @Test
  void aPassReusedOnTheThreadStartsEmpty() {
    BackwardPass first = BackwardPass.acquire();
    first.finish();
    BackwardPass again = BackwardPass.acquire();
    try {
      assertSame(first, again, "the thread reuses its lists");
      BackwardPass nested = BackwardPass.acquire();
      assertFalse(nested == again, "a pass inside a pass gets its own lists");
      nested.finish();
    } finally {
      again.finish();
    }
    Tensor a = leaf(1.0);
    Tensor b = leaf(2.0);
    a.mul(b).sum().backward();
    Tensor c = leaf(3.0);
    c.mul(c).sum().backward();
    assertEquals(2.0, a.grad().item());
    assertEquals(1.0, b.grad().item());
    assertEquals(6.0, c.grad().item());
  }
}

package dev.tinytorch.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.Linear;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** An optimizer entered from two threads at once fails loudly and changes nothing (issue 15). */
class OptimizerThreadGuardTest {
  private static void withStepHeldByAnotherThread(Optimizer opt, Runnable whileHeld) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      try (var g = opt.enterStep("step")) {
        entered.countDown();
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "holder");
    holder.start();
    entered.await();
    try {
      whileHeld.run();
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @Test
  void aSecondThreadsStepIsRefusedAndChangesNothing() throws Exception {
    for (String kind : List.of("SGD", "Adam", "AdamW")) {
      Linear lin = new Linear(3, 2, true, new Generator(1));
      Optimizer opt = kind.equals("SGD") ? SGD.builder(lin.parameters()).lr(0.1).momentum(0.9).build()
          : kind.equals("Adam") ? Adam.builder(lin.parameters()).lr(0.1).build()
          : AdamW.builder(lin.parameters()).lr(0.1).build();
      lin.forward(Tensor.ones(2, 3)).sum().backward();
      double[] before = lin.weight().toDoubleArray();
      withStepHeldByAnotherThread(opt, () -> {
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains(kind + ".step: entered on thread main while thread holder"), e.getMessage());
        assertTrue(e.getMessage().contains("not thread-safe"), e.getMessage());
        IllegalStateException l = assertThrows(IllegalStateException.class, () -> opt.loadStateDict(opt.stateDict()));
        assertTrue(l.getMessage().contains(kind + ".loadStateDict"), l.getMessage());
      });
      assertArrayEquals(before, lin.weight().toDoubleArray(), 0.0);
      assertTrue(opt.stateDict().values().stream().allMatch(t -> t.abs().sum().item() == 0 || t.numel() == 0)
          || opt.stateDict().isEmpty(), kind + ": no state was created by the refused step");
      opt.step(); // released: works again
      assertTrue(lin.weight().sub(Tensor.of(before, 3, 2)).abs().sum().item() > 0);
    }
  }
}

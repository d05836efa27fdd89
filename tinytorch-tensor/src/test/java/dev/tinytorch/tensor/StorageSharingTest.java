package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sharesStorage and spansStorage: which tensors can see each other's writes, and which own a whole buffer. */
class StorageSharingTest {
  private final Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void viewsShareStorageAndCopiesDoNot() {
    assertTrue(a.sharesStorage(a));
    assertTrue(a.reshape(3, 2).sharesStorage(a));
    assertTrue(a.transpose(0, 1).sharesStorage(a));
    assertTrue(a.narrow(1, 1, 2).sharesStorage(a));
    assertTrue(a.detach().sharesStorage(a));
    assertTrue(a.to(DType.FLOAT64).sharesStorage(a), "to() of the same dtype is the tensor itself");
    assertFalse(a.clone().sharesStorage(a));
    assertFalse(a.to(DType.FLOAT32).sharesStorage(a));
    assertFalse(a.add(0.0).sharesStorage(a));
    assertFalse(a.sharesStorage(null));
  }

  @Test
  void onlyAWholeRowMajorBufferSpansItsStorage() {
    assertTrue(a.spansStorage());
    assertTrue(a.reshape(6).spansStorage());
    assertTrue(a.unsqueeze(0).spansStorage());
    assertTrue(a.clone().spansStorage());
    assertTrue(Tensor.scalar(2.0).spansStorage());
    assertFalse(a.transpose(0, 1).spansStorage(), "a transposed view is not row-major");
    assertFalse(a.narrow(0, 0, 1).spansStorage(), "a prefix leaves the rest of the buffer outside it");
    assertFalse(a.narrow(0, 1, 1).spansStorage(), "an offset view does not start the buffer");
    assertFalse(Tensor.scalar(2.0).expand(4).spansStorage(), "an expanded view repeats elements");
  }
}

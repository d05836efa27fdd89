package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Caller mistakes are refused with an IllegalArgumentException (or IllegalStateException for a
 * tensor in the wrong state) whose message names the op, the offending shape or value, and the fix.
 */
class BadInputTest {
  private static final Tensor M23 = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

  private static <E extends RuntimeException> void fails(Class<E> type, Executable call, String... fragments) {
    E e = assertThrows(type, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
  }

  private static void badArg(Executable call, String... fragments) {
    fails(IllegalArgumentException.class, call, fragments);
  }

  @Test
  void negativeSizes() {
    badArg(() -> Tensor.zeros(2, -1), "zeros:", "negative size -1", "[2, -1]", ">= 0");
    badArg(() -> Tensor.zeros(DType.FLOAT64, -3), "negative size -3");
    badArg(() -> Tensor.ones(-1), "negative size -1");
    badArg(() -> Tensor.full(1.0, 3, -2), "negative size -2", "[3, -2]");
    badArg(() -> Tensor.of(new double[0], 0, -1), "Tensor.of:", "negative size -1");
    badArg(() -> Tensor.rand(new Generator(1), -4), "negative size -4");
    badArg(() -> Tensor.randn(new Generator(1), DType.FLOAT64, 2, -4), "negative size -4");
    badArg(() -> Tensor.eye(-2), "negative size -2");
    badArg(() -> M23.reshape(-2, -3), "reshape:", "negative size -2", "one -1");
    badArg(() -> M23.view(3, -5), "view:", "negative size -5");
  }

  @Test
  void nonFiniteOrHugeRanges() {
    badArg(() -> Tensor.arange(0, Double.NaN, 1), "arange:", "end NaN", "finite");
    badArg(() -> Tensor.arange(Double.NEGATIVE_INFINITY, 0, 1), "arange:", "start -Infinity");
    badArg(() -> Tensor.arange(0, 1, 0), "arange:", "step 0.0", "non-zero step");
    badArg(() -> Tensor.arange(0, 1, Double.NaN), "arange:", "step NaN");
    badArg(() -> Tensor.arange(0, 1e12, 1), "arange:", "too many");
    badArg(() -> Tensor.zeros(100_000, 100_000), "zeros:", "[100000, 100000]", "more than 2^31 elements");
    badArg(() -> M23.clamp(2, 1), "clamp:", "min 2.0 is greater than max 1.0");
  }

  @Test
  void dataLengthMustMatchTheShape() {
    badArg(() -> Tensor.of(new double[5], 2, 3), "Tensor.of:", "data has 5 values but shape [2, 3] needs 6",
        "product is 5");
    badArg(() -> Tensor.of(new float[7], 2, 3), "Tensor.of:", "data has 7 values");
    badArg(() -> Tensor.of(new double[] {1, 2}, new int[0]), "Tensor.of:", "shape [] needs 1");
  }

  @Test
  void dimsOutOfRange() {
    badArg(() -> M23.size(2), "size:", "dim 2 is out of range for a tensor of rank 2", "[-2, 1]");
    badArg(() -> M23.size(-3), "size:", "dim -3");
    badArg(() -> Tensor.scalar(1).size(0), "size:", "0-d tensor has no dims");
    badArg(() -> M23.unsqueeze(-4), "unsqueeze:", "dim -4", "[-3, 2]");
    badArg(() -> M23.transpose(0, 5), "transpose:", "dim 5");
    badArg(() -> M23.squeeze(2), "squeeze:", "dim 2");
    badArg(() -> M23.narrow(9, 0, 1), "narrow:", "dim 9");
    badArg(() -> M23.select(-3, 0), "select:", "dim -3");
    badArg(() -> M23.slice(2, 0, 1), "slice:", "dim 2");
    // Tensor wraps and checks dims before any kernel runs.
    badArg(() -> M23.sum(2), "sum:", "dim 2", "rank 2");
    badArg(() -> M23.mean(new int[] {1, -1}, false), "mean:", "dim 1 appears more than once", "[1, -1]");
    badArg(() -> M23.max(new int[] {0, 2}, true), "max:", "dim 2");
    badArg(() -> M23.var(new int[] {-3}, 1, false), "var:", "dim -3");
    badArg(() -> M23.argmax(4, false), "argmax:", "dim 4");
    badArg(() -> M23.softmax(2), "softmax:", "dim 2");
    badArg(() -> M23.logSoftmax(-3), "logSoftmax:", "dim -3");
    badArg(() -> Tensor.stack(new Tensor[] {M23}, 4), "stack:", "dim 4", "rank 3");
  }

  @Test
  void reshapeCountMismatch() {
    badArg(() -> M23.reshape(4, 2), "reshape:", "shape [4, 2] holds 8 elements but the tensor has 6",
        "product is 6");
    badArg(() -> M23.reshape(-1, 4), "reshape:", "cannot infer the -1 in shape [-1, 4] for 6 elements");
    badArg(() -> M23.reshape(-1, -1), "reshape:", "only one dim can be -1");
    badArg(() -> M23.reshape(0, -1), "reshape:", "cannot infer");
    badArg(() -> M23.view(7), "view:", "holds 7 elements");
    badArg(() -> M23.reshape(), "reshape:", "shape [] holds 1 elements but the tensor has 6");
  }

  @Test
  void getIndexErrors() {
    badArg(() -> M23.get(1), "get:", "index [1] has 1 entries but the tensor has rank 2", "one index per dim");
    badArg(() -> M23.get(0, 3), "get:", "index 3 is out of range for dim 1 of size 3", "[2, 3]");
    badArg(() -> M23.get(-3, 0), "get:", "index -3 is out of range for dim 0 of size 2");
    badArg(() -> Tensor.scalar(1).get(0), "get:", "rank 0");
  }

  @Test
  void itemNeedsExactlyOneElement() {
    fails(IllegalStateException.class, M23::item, "item:", "shape [2, 3]", "get(index...)");
    fails(IllegalStateException.class, () -> Tensor.zeros(0).item(), "item:", "shape [0]");
  }
}

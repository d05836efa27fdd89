package dev.tinytorch.tensor;

/**
 * The shape rules of torch.matmul, checked before any work: operand ranks, inner dims, batch
 * broadcasting and the result's shape. Every failure is an {@link IllegalArgumentException}
 * naming both shapes.
 */
final class MatMulShapes {
  /** Rows of each product (1 for a 1-D first operand). */
  final int m;
  /** Shared inner size. */
  final int k;
  /** Columns of each product (1 for a 1-D second operand). */
  final int n;
  /** Batch dims of each operand (everything before its matrix dims; empty below rank 3). */
  final int[] batchA;
  final int[] batchB;
  /** The broadcast batch shape. */
  final int[] batch;
  /** batch + [m] unless A is 1-D + [n] unless B is 1-D. */
  final int[] outShape;

  MatMulShapes(int[] a, int[] b) {
    k = check(a, b);
    m = a.length == 1 ? 1 : a[a.length - 2];
    n = b.length == 1 ? 1 : b[b.length - 1];
    batchA = prefix(a);
    batchB = prefix(b);
    batch = broadcastBatch(a, b);
    int rank = batch.length + (a.length > 1 ? 1 : 0) + (b.length > 1 ? 1 : 0);
    outShape = new int[rank];
    System.arraycopy(batch, 0, outShape, 0, batch.length);
    int d = batch.length;
    if (a.length > 1) {
      outShape[d++] = m;
    }
    if (b.length > 1) {
      outShape[d] = n;
    }
  }

  /**
   * Checks that both operands have at least one dim and that their inner sizes agree; returns
   * that inner size k. Allocates nothing, so the 2-D fast path can use it.
   */
  static int check(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException(
          "matmul: both operands need at least 1 dimension, got shapes " + Shapes.str(a) + " @ "
              + Shapes.str(b) + "; use mul for products with a 0-d tensor");
    }
    int k = a[a.length - 1];
    int kb = b.length == 1 ? b[0] : b[b.length - 2];
    if (k != kb) {
      throw new IllegalArgumentException(
          "matmul: inner dimensions differ: " + Shapes.str(a) + " @ " + Shapes.str(b) + " (" + k + " != "
              + kb + "); the last dim of the first operand must equal the "
              + (b.length == 1 ? "length of the 1-D second operand" : "second-to-last dim of the second")
              + ", so transpose an operand or fix the sizes");
    }
    return k;
  }

  private static int[] prefix(int[] shape) {
    int[] out = new int[Math.max(shape.length - 2, 0)];
    System.arraycopy(shape, 0, out, 0, out.length);
    return out;
  }

  private int[] broadcastBatch(int[] a, int[] b) {
    int rank = Math.max(batchA.length, batchB.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - batchA.length ? 1 : batchA[i - (rank - batchA.length)];
      int db = i < rank - batchB.length ? 1 : batchB[i - (rank - batchB.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "matmul: batch dims " + Shapes.str(batchA) + " of " + Shapes.str(a) + " and " + Shapes.str(batchB)
                + " of " + Shapes.str(b) + " cannot be broadcast (batch dim " + i + ": " + da + " vs " + db
                + "); batch sizes must match or be 1 when aligned from the right");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }
}

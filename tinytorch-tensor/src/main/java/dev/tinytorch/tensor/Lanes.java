package dev.tinytorch.tensor;

/**
 * Why the elementwise loops index every array with one {@code i}, and how operands at other
 * offsets are lined up with their output first.
 *
 * <p>C2, on JDK 17 and on JDK 25, vectorises {@code o[i] = a[i] + b[i]} but leaves
 * {@code o[io + i] = a[ia + i] + b[ib + i]} scalar: {@code o} and {@code a} might be one array
 * read and written at overlapping, shifted ranges, and it does not check at run time. Scalar code
 * moves a quarter as much per instruction and stalls a core's streaming near 35 GB/s here, where
 * vector code runs at the memory's speed (benchmarks/turns/README.md has the measurements).
 *
 * <p>So the loops of BinaryFloat, UnaryFloat, InPlace, their double twins and SpreadRows take a range
 * {@code [from, to)} valid in all their arrays. An operand at another offset (a bias row, a view
 * into a larger tensor) is copied with {@link System#arraycopy}, which is vectorised whatever the
 * offsets, into the output's own block of {@link #BLOCK} elements; the op then runs there in
 * place, while the block is still in the L1 cache. Only when no such copy lines everything up (two
 * operands at two other offsets) does a scalar loop run.
 */
final class Lanes {
  /** Elements staged at a time: 8-16 KB, well inside a core's 32 KB L1 data cache. */
  static final int BLOCK = 2048;

  private Lanes() {}
}

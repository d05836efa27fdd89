package dev.tinytorch.bench;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Runs each elementwise kernel and the reductions often enough for C2 to compile them, on operands
 * that line up with their output and on ones that do not (a view at an offset, a bias row), so that
 * {@code benchmarks/jit/packed.py} can read the machine code C2 made and say which loops are SIMD.
 * Not a benchmark: it prints one checksum and exits.
 */
public final class KernelWorkout {
  private KernelWorkout() {}

  public static void main(String[] args) {
    int n = 1 << 16;
    double checksum = 0;
    for (DType dtype : DType.values()) {
      Generator g = new Generator(7);
      Tensor a = Tensor.rand(g, dtype, n);
      Tensor b = Tensor.rand(g, dtype, n);
      Tensor p = Tensor.rand(g, dtype, n);
      Tensor shifted = Tensor.rand(g, dtype, n + 3).narrow(0, 3, n);
      Tensor x = Tensor.rand(g, dtype, 256, 256);
      Tensor bias = Tensor.rand(g, dtype, 256);
      for (int r = 0; r < 3000; r++) {
        Tensor s = a.add(b).sub(shifted).mul(a).div(b.add(1)).maximum(a).relu().neg().abs();
        Tensor t = x.add(bias).clamp(0.1, 0.9).pow(2).sub(0.5);
        p.addInPlace(s, -1e-6).mulInPlace(0.999);
        Tensor colSums = x.sum(0); // a bias gradient: rows spread into a row of accumulators
        if (r % 1000 == 0) {
          checksum += s.get(5) + t.get(1, 2) + colSums.get(3) + x.sum().item() + x.max(0, false).get(2);
        }
      }
      checksum += p.get(7);
    }
    System.out.println("checksum " + checksum);
  }
}

#!/usr/bin/python3
"""Golden numbers for FactoriesTest: torch.arange values, and the first draws of
dev.tinytorch.tensor.Generator(42).

An independent Python re-implementation of the Java generator (SplitMix64 bits, 53-bit doubles,
Box-Muller normals with the spare kept for the next call), so a change to the Java algorithm is
caught. Run: /usr/bin/python3 tools/golden/factories.py
Normal draws go through libm log/sin/cos; Java uses StrictMath (fdlibm), which can differ in the
last bit, so the test compares float64 normals to 1e-15 and everything else exactly.
"""
import math

import numpy as np
import torch

MASK = (1 << 64) - 1


class Generator:
    def __init__(self, seed):
        self.state = seed & MASK
        self.spare = None

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_int(self, bound):
        return (self.next_long() >> 33) % bound

    def next_gaussian(self):
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        u1 = 1.0 - self.next_double()
        u2 = self.next_double()
        r = math.sqrt(-2.0 * math.log(u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)


def signed(x):
    return x - (1 << 64) if x >= 1 << 63 else x


def java_doubles(xs):
    return "{" + ", ".join(repr(float(x)) for x in xs) + "}"


def java_floats(xs):
    return "{" + ", ".join(repr(float(np.float32(x))) + "f" for x in xs) + "}"


def main():
    # arange: element count ceil((end - start) / step), values start + i * step rounded to the dtype.
    print("  static final float[] ARANGE_0_1_STEP_0_1 = " + java_floats(torch.arange(0, 1, 0.1).tolist()) + ";")
    print("  static final double[] ARANGE_F64_MINUS1_1_STEP_0_3 = "
          + java_doubles(torch.arange(-1, 1, 0.3, dtype=torch.float64).tolist()) + ";")
    print("  static final float[] ARANGE_5_1_STEP_MINUS_1_5 = " + java_floats(torch.arange(5, 1, -1.5).tolist()) + ";")
    g = Generator(42)
    print("  static final long[] LONGS_42 = {" + ", ".join("%dL" % signed(g.next_long()) for _ in range(4)) + "};")
    g = Generator(42)
    print("  static final double[] DOUBLES_42 = " + java_doubles(g.next_double() for _ in range(4)) + ";")
    g = Generator(42)
    print("  static final int[] INTS_42_BOUND_10 = {" + ", ".join(str(g.next_int(10)) for _ in range(8)) + "};")
    g = Generator(42)
    print("  static final double[] GAUSSIANS_42 = " + java_doubles(g.next_gaussian() for _ in range(5)) + ";")
    # Tensor.rand / randn fill row-major, one draw per element, then round to the dtype.
    g = Generator(42)
    print("  static final float[] RAND_F32_42 = " + java_floats(g.next_double() for _ in range(6)) + ";")
    g = Generator(42)
    print("  static final float[] RANDN_F32_42 = " + java_floats(g.next_gaussian() for _ in range(6)) + ";")


if __name__ == "__main__":
    main()

"""Golden values for MatMulTest (torch.matmul semantics), computed in float64.

Run with Debian's python (torch 1.13):  /usr/bin/python3 tools/golden/matmul.py
Inputs are small arange-based tensors so the test can rebuild them exactly.
"""
import torch

torch.set_printoptions(precision=17)


def arange(n, scale, shift, *shape):
    return ((torch.arange(n, dtype=torch.float64) - shift) * scale).reshape(*shape)


def show(name, t):
    vals = ", ".join(repr(float(v)) for v in t.flatten())
    print(f"// {name}: shape {list(t.shape)}")
    print(f"{{{vals}}}")


# Batched broadcast: [2, 1, 2, 3] @ [3, 3, 2] -> [2, 3, 2, 2]
a = arange(12, 0.5, 5, 2, 1, 2, 3)
b = arange(18, 0.25, 7, 3, 3, 2)
show("batched [2,1,2,3] @ [3,3,2]", torch.matmul(a, b))

# 1-D @ 3-D: [3] @ [2, 3, 4] -> [2, 4]
v = arange(3, 1.0, -1, 3)
c = arange(24, 0.5, 10, 2, 3, 4)
show("vector [3] @ [2,3,4]", torch.matmul(v, c))

# 3-D @ 1-D: [2, 3, 4] @ [4] -> [2, 3]
w = arange(4, 1.5, 2, 4)
show("[2,3,4] @ vector [4]", torch.matmul(c, w))

# 4-D @ 2-D with a transposed second operand: [2, 2, 3, 4] @ ([5, 4].T) -> [2, 2, 3, 5]... kept small:
d = arange(48, 0.125, 20, 2, 2, 3, 4)
e = arange(20, 0.5, 9, 5, 4)
show("[2,2,3,4] @ [5,4].T", torch.matmul(d, e.t()))

"""Golden values for ReductionsTest, SoftmaxTest and LossKernelsTest (tinytorch-tensor).

Run with Debian's python that has torch: /usr/bin/python3 tools/golden/reductions.py
Everything is computed in float64; the output is Java array literals pasted into the tests.
"""
import torch

torch.set_printoptions(precision=17)
f64 = torch.float64


def java(name, t):
    vals = ", ".join(repr(float(v)) for v in t.flatten().tolist())
    vals = vals.replace("inf", "Double.POSITIVE_INFINITY").replace("nan", "Double.NaN")
    print(f"  // {name}: shape {list(t.shape)}")
    print(f"  static final double[] {name} = {{{vals}}};")


print("// ---- variance (ReductionsTest) ----")
v = torch.tensor([[1.0, 2.0, 4.0], [3.0, 7.0, 5.0]], dtype=f64)
java("VAR_ALL", torch.var(v, dim=(0, 1), correction=1))
java("VAR_ALL_POP", torch.var(v, dim=(0, 1), correction=0))
java("VAR_DIM0", torch.var(v, dim=0, correction=1))
java("VAR_DIM1", torch.var(v, dim=1, correction=1))
java("VAR_DIM1_POP", torch.var(v, dim=1, correction=0))

print("// ---- softmax (SoftmaxTest) ----")
x = torch.tensor([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -999.0]], dtype=f64)
java("SOFTMAX_ROWS", torch.softmax(x, dim=1))
java("LOG_SOFTMAX_ROWS", torch.log_softmax(x, dim=1))
java("SOFTMAX_COLS", torch.softmax(x, dim=0))
java("LOG_SOFTMAX_COLS", torch.log_softmax(x, dim=0))
y = torch.tensor([[[0.5, -1.0], [2.0, 3.0], [-0.25, 4.0]],
                  [[1.0, 1.0], [7.0, -2.0], [0.0, 0.125]]], dtype=f64)
java("SOFTMAX_3D_DIM1", torch.softmax(y, dim=1))
java("LOG_SOFTMAX_3D_DIM1", torch.log_softmax(y, dim=1))
java("SOFTMAX_3D_DIM0", torch.softmax(y, dim=0))

print("// ---- losses (LossKernelsTest) ----")
p = torch.tensor([[0.5, -1.25, 2.0], [3.0, 0.75, -0.5]], dtype=f64)
t = torch.tensor([[1.0, 0.0, 2.5], [-1.0, 0.25, 0.0]], dtype=f64)
java("MSE", torch.nn.functional.mse_loss(p, t))
bp = torch.tensor([0.9, 0.2, 0.0, 1.0, 0.5, 0.0, 1.0], dtype=f64)
bt = torch.tensor([1.0, 0.0, 1.0, 0.0, 0.3, 0.0, 1.0], dtype=f64)
java("BCE", torch.nn.functional.binary_cross_entropy(bp, bt))
java("BCE_CLAMP_P0_T1", torch.nn.functional.binary_cross_entropy(
    torch.tensor([0.0], dtype=f64), torch.tensor([1.0], dtype=f64)))
java("BCE_SMOOTH", torch.nn.functional.binary_cross_entropy(bp[[0, 1, 4]], bt[[0, 1, 4]]))
logits = torch.tensor([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0], [0.5, -0.5, 0.25], [-3.0, 7.0, 2.0]], dtype=f64)
target = torch.tensor([2, 1, 0, 1])
java("CROSS_ENTROPY", torch.nn.functional.cross_entropy(logits, target))
java("CROSS_ENTROPY_ROWS", torch.nn.functional.cross_entropy(logits, target, reduction="none"))

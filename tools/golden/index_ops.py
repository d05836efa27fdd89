"""Golden values for tinytorch-autograd's GoldenIndexOpsTest, computed by PyTorch in float64.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tools/golden/index_ops.py
Each case prints the Java constant(s) the test holds (forward values, then gradients); inputs
are written out in both files. Index tensors are int64 here and whole-number doubles in Java.
"""
import torch
import torch.nn.functional as F

D = torch.float64


def t(v, grad=True):
    return torch.tensor(v, dtype=D, requires_grad=grad)


def show(name, tensor):
    flat = ", ".join(repr(float(x)) for x in tensor.detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


def grid(rows, cols, scale, shift):
    """rows x cols values scale * (i * cols + j) + shift, written the same way in the Java test."""
    return [[scale * (i * cols + j) + shift for j in range(cols)] for i in range(rows)]


# 1. index_select with repeats along dim 0, and along dim 1; weighted sum
x = t(grid(4, 3, 0.25, -1.0))
w = torch.tensor([[1.0, -2.0, 0.5], [3.0, 1.5, -1.0], [0.25, 2.0, 4.0], [-0.5, 1.0, 2.5], [1.0, 1.0, -3.0]], dtype=D)
y = x.index_select(0, torch.tensor([3, 0, 3, 1, 3]))
show("SELECT_ROWS", y)
(y * w).sum().backward(); show("SELECT_ROWS_GRAD", x.grad)
x = t(grid(4, 3, 0.25, -1.0))
y = x.index_select(1, torch.tensor([2, 2, 0, 2]))
show("SELECT_COLS", y)
(y * torch.arange(16, dtype=D).reshape(4, 4) * 0.5).sum().backward(); show("SELECT_COLS_GRAD", x.grad)

# 2. index_add with repeats; self and source both get gradients; then squared for a second order
s = t(grid(5, 2, 0.5, 0.125))
src = t(grid(4, 2, -0.75, 1.5))
y = s.index_add(0, torch.tensor([4, 0, 4, 2]), src)
show("INDEX_ADD", y)
w = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0], [0.25, 0.75], [1.5, -0.5]], dtype=D)
(y * w).sum().backward(); show("INDEX_ADD_GRAD_SELF", s.grad); show("INDEX_ADD_GRAD_SOURCE", src.grad)
s = t(grid(5, 2, 0.5, 0.125))
src = t(grid(4, 2, -0.75, 1.5))
f = (s.index_add(0, torch.tensor([4, 0, 4, 2]), src) ** 2 * w).sum()
gs, gsrc = torch.autograd.grad(f, (s, src), create_graph=True)
(gs.sum() + (gsrc * gsrc).sum()).backward()
show("INDEX_ADD_SQ_GRAD_SOURCE", gsrc); show("INDEX_ADD_SQ_GG_SELF", s.grad); show("INDEX_ADD_SQ_GG_SOURCE", src.grad)

# 3. where with all three broadcast: condition [2, 1, 3], a [4, 1], b [3] -> [2, 4, 3]
cond = torch.tensor([[[1.0, 0.0, 1.0]], [[0.0, 0.0, 1.0]]], dtype=D)
a = t([[0.5], [-1.0], [2.0], [1.25]])
b = t([3.0, -0.5, 0.75])
y = torch.where(cond != 0, a, b)
show("WHERE", y)
w = (torch.arange(24, dtype=D).reshape(2, 4, 3) - 11.5) * 0.25
(y * w).sum().backward(); show("WHERE_GRAD_A", a.grad); show("WHERE_GRAD_B", b.grad)

# 4. masked_fill with -inf, then softmax: no NaN, zero gradient where filled
scores = t([[1.0, 2.0, 0.5, -1.0], [0.0, 3.0, 1.0, 2.0]])
mask = torch.tensor([[False, True, False, True], [True, False, False, False]])
p = scores.masked_fill(mask, float("-inf")).softmax(-1)
show("MASKED_SOFTMAX", p)
(p * torch.tensor([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 2.0, 1.0]], dtype=D)).sum().backward()
show("MASKED_SOFTMAX_GRAD", scores.grad)

# 5. max_pool2d with ties and stride != kernel: [1, 2, 4, 5], kernel (2, 3), stride (1, 2)
mp = [[[[1.0, 3.0, 3.0, 0.0, 2.0], [3.0, 1.0, 0.0, 3.0, 2.0], [0.0, 0.0, 5.0, 5.0, 1.0], [5.0, 0.0, 1.0, 1.0, 5.0]],
       [[-1.0, -1.0, -1.0, -1.0, -1.0], [-2.0, -1.0, -3.0, -1.0, -2.0], [4.0, 2.0, 4.0, 2.0, 4.0], [0.5, 4.0, 0.5, 4.0, 0.5]]]]
x = t(mp)
y, idx = F.max_pool2d(x, (2, 3), (1, 2), return_indices=True)
show("MAXPOOL", y); show("MAXPOOL_INDICES", idx.to(D))
w = (torch.arange(12, dtype=D).reshape(1, 2, 3, 2) + 1) * 0.5
(y * w).sum().backward(); show("MAXPOOL_GRAD", x.grad)
# kernel 3, stride 2 over a 5 x 5 plane with a plateau: windows share their maxima
x = t([[[[1.0, 1.0, 2.0, 2.0, 2.0], [1.0, 1.0, 2.0, 2.0, 2.0], [0.0, 0.0, 2.0, 2.0, 2.0], [7.0, 0.0, 0.0, 0.0, 0.0],
         [0.0, 0.0, 0.0, 0.0, 7.0]]]])
y = F.max_pool2d(x, 3, 2)
show("MAXPOOL_PLATEAU", y)
(y * torch.tensor([[[[1.0, 10.0], [100.0, 1000.0]]]], dtype=D)).sum().backward(); show("MAXPOOL_PLATEAU_GRAD", x.grad)

# 6. avg_pool2d: [2, 1, 5, 4], kernel (3, 2), stride (2, 1); then squared for a second order
av = [[[[0.1 * (i * 4 + j) - 0.5 * n for j in range(4)] for i in range(5)]] for n in range(2)]
x = t(av)
y = F.avg_pool2d(x, (3, 2), (2, 1))
show("AVGPOOL", y)
w = (torch.arange(12, dtype=D).reshape(2, 1, 2, 3) - 5.0) * 0.5
(y * w).sum().backward(); show("AVGPOOL_GRAD", x.grad)
x = t(av)
(g,) = torch.autograd.grad((F.avg_pool2d(x, (3, 2), (2, 1)) ** 2 * w).sum(), x, create_graph=True)
(g * g).sum().backward(); show("AVGPOOL_SQ_GRAD", g); show("AVGPOOL_SQ_GG", x.grad)

"""Golden values for tinytorch-nn's NormLayersGoldenTest (LayerNorm, BatchNorm1d/2d, Embedding), PyTorch in float64.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tools/golden/norm_layers.py
Inputs come from fill(shape, salt, scale) = sin(0.7 i + salt) * scale over the flat index, which the test
computes the same way; each case's loss is sum(y * fill(y.shape, salt + 50)), so every output element gets
its own upstream gradient. Dropout has no golden values: PyTorch's random numbers are not ours.
"""
import math
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def fill(shape, salt, scale=1.0):
    n = math.prod(shape)
    return torch.tensor([math.sin(0.7 * i + salt) * scale for i in range(n)]).reshape(shape)


def show(name, values):
    flat = ", ".join(repr(float(x)) for x in torch.as_tensor(values).detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


def loss(y, salt):
    return (y * fill(list(y.shape), salt + 50)).sum()


def affine(m, salt):
    with torch.no_grad():
        m.weight.copy_(1 + fill(list(m.weight.shape), salt, 0.5))
        m.bias.copy_(fill(list(m.bias.shape), salt + 1, 0.5))


# LayerNorm(4) on [2, 3, 4] (scaled and shifted input), weight and bias set by formula
ln = nn.LayerNorm(4); affine(ln, 1)
x = (fill([2, 3, 4], 2, 3.0) + 0.5).requires_grad_(True)
y = ln(x); loss(y, 3).backward()
show("LN_Y", y); show("LN_GRAD_X", x.grad); show("LN_GRAD_W", ln.weight.grad); show("LN_GRAD_B", ln.bias.grad)

# LayerNorm([3, 4]) on [2, 3, 4]
ln2 = nn.LayerNorm([3, 4]); affine(ln2, 4)
x = fill([2, 3, 4], 5, 2.0).requires_grad_(True)
y = ln2(x); loss(y, 6).backward()
show("LN2_Y", y); show("LN2_GRAD_X", x.grad); show("LN2_GRAD_W", ln2.weight.grad); show("LN2_GRAD_B", ln2.bias.grad)

# LayerNorm(5) without the affine step, eps 1e-3, on [3, 5]
ln3 = nn.LayerNorm(5, eps=1e-3, elementwise_affine=False)
x = fill([3, 5], 7, 0.1).requires_grad_(True)
y = ln3(x); loss(y, 8).backward()
show("LN3_Y", y); show("LN3_GRAD_X", x.grad)


def batch_norm_case(name, m, shape, salt):
    """Two train steps (outputs and gradients of the first), the running statistics, then eval on the first input."""
    affine(m, salt)
    x1 = (fill(shape, salt + 1, 2.0) + 0.3).requires_grad_(True)
    x2 = (fill(shape, salt + 2, 1.5) - 0.2).requires_grad_(True)
    m.train()
    y = m(x1); loss(y, salt + 3).backward()
    show(name + "_Y", y); show(name + "_GRAD_X", x1.grad)
    show(name + "_GRAD_W", m.weight.grad); show(name + "_GRAD_B", m.bias.grad)
    m(x2)
    show(name + "_RUNNING_MEAN", m.running_mean); show(name + "_RUNNING_VAR", m.running_var)
    print(f"  static final long {name}_BATCHES = {int(m.num_batches_tracked)};")
    m.eval(); m.zero_grad()
    x1 = x1.detach().requires_grad_(True)
    y = m(x1); loss(y, salt + 4).backward()
    show(name + "_EVAL_Y", y); show(name + "_EVAL_GRAD_X", x1.grad)
    show(name + "_EVAL_GRAD_W", m.weight.grad); show(name + "_EVAL_GRAD_B", m.bias.grad)


batch_norm_case("BN1D", nn.BatchNorm1d(3), [4, 3], 10)
batch_norm_case("BN1D_L", nn.BatchNorm1d(2), [3, 2, 4], 20)
batch_norm_case("BN2D", nn.BatchNorm2d(3), [2, 3, 2, 3], 30)

# Embedding(5, 3): indices [2, 3] with repeats; the weight's gradient sums them
emb = nn.Embedding(5, 3)
with torch.no_grad():
    emb.weight.copy_(fill([5, 3], 40))
idx = torch.tensor([[0, 2, 4], [2, 2, 1]])
y = emb(idx); loss(y, 41).backward()
show("EMB_Y", y); show("EMB_GRAD_W", emb.weight.grad)

# Embedding(5, 3, padding_idx=2): the same lookups; row 2 gets no gradient
emb = nn.Embedding(5, 3, padding_idx=2)
with torch.no_grad():
    emb.weight.copy_(fill([5, 3], 40))
y = emb(idx); loss(y, 41).backward()
show("EMB_PAD_Y", y); show("EMB_PAD_GRAD_W", emb.weight.grad)

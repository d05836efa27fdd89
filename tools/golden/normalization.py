"""Golden values for tinytorch-nn's NormalizationGoldenTest: LayerNorm, BatchNorm1d/2d and Embedding
forward values and gradients, PyTorch 1.13 in float64.

Run with Debian's python3:  /usr/bin/python3 tools/golden/normalization.py
Inputs are ((i * 37 + shift) % 101) / 50 - 1 over the flat index; the loss is sum(y * up) with
up = ((i * 13) % 7) / 3 - 1, both computed the same way in the test.
"""
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def wave(shape, shift):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * 37 + shift) % 101) / 50 - 1 for i in range(n)]).reshape(shape)


def up(shape):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * 13) % 7) / 3 - 1 for i in range(n)]).reshape(shape)


def show(name, t):
    flat = ", ".join(repr(float(v)) for v in torch.as_tensor(t).detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


def run(name, layer, x):
    with torch.no_grad():
        for i, (k, p) in enumerate(layer.named_parameters()):
            p.copy_(wave(list(p.shape), 11 + i))
    layer.zero_grad()
    x = x.clone().requires_grad_(True)
    y = layer(x)
    (y * up(list(y.shape))).sum().backward()
    show(name + "_Y", y)
    show(name + "_GRAD_X", x.grad)
    for k, p in layer.named_parameters():
        show(name + "_GRAD_" + k.upper(), p.grad)
    return layer


run("LN", nn.LayerNorm([2, 3]), wave([4, 2, 3], 1))
bn1 = run("BN1", nn.BatchNorm1d(3), wave([4, 3, 2], 2))
show("BN1_RUNNING_MEAN", bn1.running_mean); show("BN1_RUNNING_VAR", bn1.running_var)
bn2 = run("BN2", nn.BatchNorm2d(2), wave([3, 2, 2, 3], 3))
show("BN2_RUNNING_MEAN", bn2.running_mean); show("BN2_RUNNING_VAR", bn2.running_var)
bn2.eval()
run("BN2_EVAL", bn2, wave([3, 2, 2, 3], 4))

emb = nn.Embedding(5, 3)
with torch.no_grad():
    emb.weight.copy_(wave([5, 3], 5))
idx = torch.tensor([[1, 4, 1], [0, 4, 4]])
y = emb(idx)
(y * up([2, 3, 3])).sum().backward()
show("EMB_Y", y); show("EMB_GRAD_WEIGHT", emb.weight.grad)

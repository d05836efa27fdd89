"""Golden values for tinytorch-nn's LayersGoldenTest (Linear and the activations), PyTorch in float64.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tools/golden/layers.py
Our Linear weight is [in, out]; PyTorch's is [out, in], so the script passes W.T to F.linear.
"""
import torch
import torch.nn.functional as F

D = torch.float64


def t(v, grad=True):
    return torch.tensor(v, dtype=D, requires_grad=grad)


def show(name, tensor):
    flat = ", ".join(repr(float(x)) for x in tensor.detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


# Linear: x [2, 3], W [3, 2] (ours), b [2]; loss = sum(y * c)
x = t([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
w = t([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]])
b = t([0.05, -0.1])
c = torch.tensor([[1.0, -2.0], [0.5, 3.0]], dtype=D)
y = F.linear(x, w.T, b)
(y * c).sum().backward()
show("LINEAR_Y", y); show("LINEAR_GRAD_X", x.grad); show("LINEAR_GRAD_W", w.grad); show("LINEAR_GRAD_B", b.grad)

xs = [-2.0, -0.5, 0.0, 0.5, 3.0]
up = torch.tensor([1.0, -1.0, 2.0, 0.5, -0.25], dtype=D)
for name, fn in [("LEAKY", lambda v: F.leaky_relu(v, 0.1)), ("SIGMOID", torch.sigmoid), ("TANH", torch.tanh),
                 ("RELU", F.relu), ("GELU", F.gelu), ("GELU_TANH", lambda v: F.gelu(v, approximate="tanh"))]:
    v = t(xs)
    out = fn(v)
    (out * up).sum().backward()
    show(name + "_Y", out); show(name + "_GRAD", v.grad)

# softmax / log-softmax along dim 1 of [2, 3]
for name, fn in [("SOFTMAX", lambda v: F.softmax(v, 1)), ("LOG_SOFTMAX", lambda v: F.log_softmax(v, 1))]:
    v = t([[1.0, 2.0, -1.0], [0.0, 0.5, 4.0]])
    out = fn(v)
    (out * torch.tensor([[1.0, -1.0, 2.0], [0.5, 0.25, -3.0]], dtype=D)).sum().backward()
    show(name + "_Y", out); show(name + "_GRAD", v.grad)

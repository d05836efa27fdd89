"""Golden gradients for tinytorch-autograd's GoldenGradientTest, computed by PyTorch in float64.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tools/golden/autograd.py
Each case prints the Java constant(s) the test holds; inputs are written out in both files.
"""
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=17)
D = torch.float64


def t(v, grad=True):
    return torch.tensor(v, dtype=D, requires_grad=grad)


def show(name, tensor):
    flat = ", ".join(repr(float(x)) for x in tensor.detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


# 1. exact and tanh GELU
x = t([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
F.gelu(x).sum().backward(); show("GELU_GRAD", x.grad)
x = t([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
F.gelu(x, approximate="tanh").sum().backward(); show("GELU_TANH_GRAD", x.grad)

# 2. softmax weighted
x = t([[1.0, 2.0, 3.0], [-1.0, 0.5, 4.0]])
w = torch.tensor([[0.1, -0.2, 0.3], [1.0, 2.0, -1.0]], dtype=D)
(F.softmax(x, 1) * w).sum().backward(); show("SOFTMAX_GRAD", x.grad)

# 3. cross-entropy with class indices
z = t([[0.2, -1.0, 3.0, 0.5], [1.5, 1.5, -0.5, 0.0], [-2.0, 0.3, 0.7, 1.1]])
F.cross_entropy(z, torch.tensor([0, 3, 1])).backward(); show("CROSS_ENTROPY_GRAD", z.grad)

# 4. binary cross-entropy, both inputs
p = t([0.1, 0.5, 0.9, 0.3]); y = t([0.0, 1.0, 1.0, 0.25])
F.binary_cross_entropy(p, y).backward(); show("BCE_GRAD_P", p.grad)
# torch refuses the target gradient of binary_cross_entropy; its closed form (log(1-p) - log p) / N
show("BCE_GRAD_T", (torch.log(1 - p) - torch.log(p)).detach() / 4)

# 5. mse
p = t([1.0, 2.0, -0.5]); y = t([0.5, 2.5, 0.0])
F.mse_loss(p, y).backward(); show("MSE_GRAD_P", p.grad); show("MSE_GRAD_T", y.grad)

# 6. unbiased var over dim 1
x = t([[1.0, 4.0, 2.0, 8.0], [0.5, -0.5, 3.0, 1.0]])
w = torch.tensor([2.0, -1.0], dtype=D)
(x.var(1) * w).sum().backward(); show("VAR_GRAD", x.grad)

# 7. max over dim 0 keepdim
x = t([[1.0, 5.0, 2.0], [3.0, 4.0, 6.0]])
(x.max(0, keepdim=True).values * torch.tensor([[1.0, 2.0, 3.0]], dtype=D)).sum().backward(); show("MAX_GRAD", x.grad)

# 8. batched matmul with broadcast batch dims
a = t([[[[0.1 * (i + 3 * j + 6 * k) - 0.5 for i in range(3)] for j in range(2)]] for k in range(2)])  # [2,1,2,3]
b = t([[0.3, -0.2], [1.0, 0.5], [-0.7, 0.25]])  # [3,2]
w = torch.tensor([[1.0, -1.0], [0.5, 2.0]], dtype=D)
((a @ b) * w).sum().backward(); show("BMM_GRAD_A", a.grad); show("BMM_GRAD_B", b.grad)

# 9. sum over dim 0 without keepdim (TinyTorch's SumBackward gets this wrong)
x = t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
(x.sum(0) * torch.tensor([1.0, 2.0, 3.0], dtype=D)).sum().backward(); show("SUM_DIM0_GRAD", x.grad)

# 10. maximum with ties: the gradient is split in half
a = t([1.0, 2.0, 3.0]); b = t([1.0, 3.0, 2.0])
torch.maximum(a, b).sum().backward(); show("MAXIMUM_GRAD_A", a.grad); show("MAXIMUM_GRAD_B", b.grad)

# 11. layer norm written with tensor ops
x = t([[1.0, 2.0, 4.0], [-1.0, 0.0, 3.0]])
g = t([1.5, -0.5, 2.0]); bb = t([0.1, 0.2, 0.3])
mu = x.mean(1, keepdim=True); var = x.var(1, keepdim=True, unbiased=False)
y = (x - mu) / torch.sqrt(var + 1e-5) * g + bb
(y * torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.25]], dtype=D)).sum().backward()
show("LAYERNORM_GRAD_X", x.grad); show("LAYERNORM_GRAD_G", g.grad); show("LAYERNORM_GRAD_B", bb.grad)

# 12. Hessian-vector product of sum(tanh(x)^3)
x = t([0.3, -1.2, 0.8])
(gx,) = torch.autograd.grad((torch.tanh(x) ** 3).sum(), x, create_graph=True)
v = torch.tensor([1.0, -2.0, 0.5], dtype=D)
(hv,) = torch.autograd.grad((gx * v).sum(), x)
show("TANH3_GRAD", gx); show("TANH3_HVP", hv)

"""Golden values for tinytorch-nn's LossesGoldenTest, computed by PyTorch 1.13 in float64.

Run with Debian's python3 (torch 1.13):
  /usr/bin/python3 tools/golden/losses.py > tinytorch-nn/src/test/java/dev/tinytorch/nn/LossesGolden.java
Prints that Java class: for every case its inputs (values and shapes), then per reduction the forward
value(s) and the gradients of the input (and of the target where PyTorch defines one). A NONE result
is backpropagated with the upstream gradient <case>_NONE_UP (printed too); MEAN and SUM with 1.
"""
import torch
import torch.nn.functional as F

D = torch.float64
REDUCTIONS = ["mean", "sum", "none"]


def t(v, grad=False):
    return torch.tensor(v, dtype=D, requires_grad=grad)


def show(name, tensor):
    flat = ", ".join(java(float(x)) for x in torch.as_tensor(tensor).detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


def show_shape(name, tensor):
    print(f"  static final int[] {name} = {{{', '.join(str(d) for d in tensor.shape)}}};")


def java(x):
    if x != x:
        return "Double.NaN"
    if x == float("inf"):
        return "Double.POSITIVE_INFINITY"
    if x == float("-inf"):
        return "Double.NEGATIVE_INFINITY"
    return repr(x)


def upstream(shape):
    n = 1
    for s in shape:
        n *= s
    return t([0.25 + 0.5 * ((3 * i) % 7) - 1.5 for i in range(n)]).reshape(shape)


def case(name, fn, inputs, grads):
    """fn(*inputs, reduction) -> loss; grads: indices of inputs whose gradient is printed."""
    print(f"\n  // {name}")
    for i, x in enumerate(inputs):
        show(f"{name}_IN{i}", x)
        show_shape(f"{name}_SHAPE{i}", x)
    for r in REDUCTIONS:
        xs = [x.detach().clone().requires_grad_(i in grads) for i, x in enumerate(inputs)]
        out = fn(*xs, r)
        tag = f"{name}_{r.upper()}"
        show(tag, out)
        if r == "none":
            up = upstream(out.shape)
            show(f"{name}_NONE_UP", up)
            out.backward(up)
        else:
            out.backward()
        for i in grads:
            show(f"{tag}_GRAD{i}", xs[i].grad)


print("""package dev.tinytorch.nn;

/**
 * PyTorch 1.13's losses in float64, printed by tools/golden/losses.py (run with /usr/bin/python3);
 * do not edit by hand. Read by {@link LossesGoldenTest}.
 */
@SuppressWarnings("unused") // read by name
final class LossesGolden {
  private LossesGolden() {}""")

# 1. MSE, both inputs
case("MSE", lambda x, y, r: F.mse_loss(x, y, reduction=r),
     [t([[1.0, 2.0, -0.5], [0.25, -3.0, 4.0]]), t([[0.5, 2.5, 0.0], [1.0, -1.0, 4.5]])], [0, 1])

# 2. BCE, probabilities inside (0, 1), both inputs (torch refuses BCE's target gradient; the
#    closed form (log(1-p) - log p) * upstream is what its formula gives, printed from autograd of
#    the same expression)
def bce_with_target_grad(p, y, r):
    loss = -(y * torch.log(p).clamp_min(-100) + (1 - y) * torch.log(1 - p).clamp_min(-100))
    return {"mean": loss.mean(), "sum": loss.sum(), "none": loss}[r]


P = t([[0.1, 0.5, 0.9], [0.3, 0.75, 0.02]])
Y = t([[0.0, 1.0, 1.0], [0.25, 0.5, 1.0]])
case("BCE", lambda p, y, r: F.binary_cross_entropy(p, y, reduction=r), [P, Y], [0])
case("BCE_T", bce_with_target_grad, [P, Y], [1])

# 3. BCE at the clamps: p = 0 and 1 with every target; gradient (p - t) / max(p (1 - p), 1e-12)
case("BCE_EDGE", lambda p, y, r: F.binary_cross_entropy(p, y, reduction=r),
     [t([0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1e-50]), t([0.0, 1.0, 0.0, 1.0, 0.5, 0.5, 1.0])], [0])

# 4. BCE with a per-element weight broadcast over rows
W3 = t([0.5, 2.0, 1.0])
print("\n  // weights of the weighted cases"); show("W3", W3)
case("BCE_W", lambda p, y, r: F.binary_cross_entropy(p, y, weight=W3, reduction=r), [P, Y], [0])

# 5. BCE with logits, including +-1000 and 0, both inputs
X = t([[-1000.0, -3.5, 0.0], [0.7, 3.5, 1000.0]])
YL = t([[0.3, 0.0, 0.5], [1.0, 0.2, 0.7]])
case("BCEL", lambda x, y, r: F.binary_cross_entropy_with_logits(x, y, reduction=r), [X, YL], [0, 1])

# 6. BCE with logits, pos_weight [C] and weight [C]
PW = t([3.0, 0.5, 1.5])
show("PW", PW)
case("BCEL_PW", lambda x, y, r: F.binary_cross_entropy_with_logits(x, y, weight=W3, pos_weight=PW, reduction=r),
     [X, YL], [0, 1])

# 7. cross-entropy [N, C], one row of +-1000
Z = t([[0.2, -1.0, 3.0, 0.5], [1.5, 1.5, -0.5, 0.0], [-1000.0, 1000.0, 0.0, 2.0], [-2.0, 0.3, 0.7, 1.1]])
TZ = t([0.0, 3.0, 0.0, 1.0])
case("CE", lambda z, y, r: F.cross_entropy(z, y.long(), reduction=r), [Z, TZ], [0])

# 8. label smoothing 0.1 and 0.35
case("CE_LS", lambda z, y, r: F.cross_entropy(z, y.long(), reduction=r, label_smoothing=0.1), [Z, TZ], [0])
case("CE_LS35", lambda z, y, r: F.cross_entropy(z, y.long(), reduction=r, label_smoothing=0.35), [Z, TZ], [0])

# 9. per-class weight, ignore_index, and both with smoothing
WC = t([0.5, 2.0, 1.0, 3.0])
show("WC", WC)
TI = t([0.0, 3.0, -100.0, 1.0])
case("CE_W", lambda z, y, r: F.cross_entropy(z, y.long(), weight=WC, reduction=r), [Z, TZ], [0])
case("CE_IGN", lambda z, y, r: F.cross_entropy(z, y.long(), ignore_index=-100, reduction=r), [Z, TI], [0])
case("CE_W_IGN_LS", lambda z, y, r: F.cross_entropy(z, y.long(), weight=WC, ignore_index=-100, reduction=r,
                                                    label_smoothing=0.2), [Z, TI], [0])

# 10. [N, C, d1, d2] logits with [N, d1, d2] targets, with smoothing
Z4 = t([[[[0.1 * ((7 * (i + 2 * j + 4 * c + 12 * n)) % 11) - 0.5 for j in range(2)] for i in range(2)]
         for c in range(3)] for n in range(2)])
T4 = t([[[0.0, 2.0], [1.0, 1.0]], [[2.0, 0.0], [1.0, 2.0]]])
case("CE_4D", lambda z, y, r: F.cross_entropy(z, y.long(), reduction=r, label_smoothing=0.1), [Z4, T4], [0])

# 11. logits [C] with a 0-d target
case("CE_1D", lambda z, y, r: F.cross_entropy(z, y.long(), reduction=r, label_smoothing=0.1),
     [t([0.5, -1.0, 2.0]), t(2.0)], [0])

# 12. NLL of log-probabilities with a -inf in a class that is not picked
LP = t([[-0.5, float("-inf"), -1.2, -2.0], [-1.5, -0.25, -3.0, float("-inf")], [-0.1, -2.0, -4.0, -3.5]])
TL = t([2.0, 1.0, 0.0])
case("NLL", lambda z, y, r: F.nll_loss(z, y.long(), reduction=r), [LP, TL], [0])
case("NLL_W_IGN", lambda z, y, r: F.nll_loss(z, y.long(), weight=WC, ignore_index=1, reduction=r), [LP, TL], [0])

print("}")

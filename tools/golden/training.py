"""Training parity golden values for tinytorch-nn's TrainingParityTest: PyTorch 1.13 in float64.

Run with Debian's python3:  /usr/bin/python3 tools/golden/training.py
Each model starts from weights given by a formula both sides compute, fill(shape, key), in OUR layout
(Linear weight [in, out], MultiHeadAttention in_proj_weight [E, 3E]); the script transposes those for
PyTorch. Data and class targets come from formulas too. Plain SGD (lr 0.1) in the test loop, STEPS
steps alternating between two batches. Printed: the loss at each step, then every parameter after
training (sorted by key, our layout, flattened), and for batch-norm models the running statistics
and the eval-mode output on the first batch.
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
STEPS = 6
LR = 0.1


def salt(key):
    return sum(ord(ch) for ch in key) % 97


def fill(shape, s, scale=0.3):
    n = math.prod(shape)
    return torch.tensor([math.sin(0.7 * i + s) * scale for i in range(n)]).reshape(shape)


def data(shape, s):
    return fill(shape, s, 1.0)


def targets(n, classes, s):
    return torch.tensor([(i * 7 + s) % classes for i in range(n)])


def show(name, values):
    flat = ", ".join(repr(float(x)) for x in torch.as_tensor(values).detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


def ours_to_torch(key, module_of_key, t):
    m = module_of_key(key)
    if (isinstance(m, nn.Linear) and key.endswith("weight")) or key.endswith("in_proj_weight"):
        return t.T.contiguous()
    return t


def init(model, our_shapes):
    named = dict(model.named_modules())
    def module_of_key(key):
        return named[key.rsplit(".", 1)[0]] if "." in key else model
    with torch.no_grad():
        for key, p in model.named_parameters():
            ours = fill(our_shapes(key, p), salt(key))
            p.copy_(ours_to_torch(key, module_of_key, ours))
    return module_of_key


def our_shape_of(model):
    named = dict(model.named_modules())
    def shape(key, p):
        m = named[key.rsplit(".", 1)[0]] if "." in key else model
        if (isinstance(m, nn.Linear) and key.endswith("weight")) or key.endswith("in_proj_weight"):
            return list(p.shape[::-1])
        return list(p.shape)
    return shape


def run(name, model, batches, forward=None):
    module_of_key = init(model, our_shape_of(model))
    forward = forward or (lambda m, x: m(x))
    losses = []
    model.train()
    for step in range(STEPS):
        x, y = batches[step % len(batches)]
        model.zero_grad()
        loss = F.cross_entropy(forward(model, x), y)
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= LR * p.grad
        losses.append(loss.item())
    print(f"  // {name}")
    show(name + "_LOSSES", losses)
    final = []
    for key, p in sorted(model.named_parameters()):
        final.append(ours_to_torch(key, module_of_key, p.detach()).reshape(-1))  # transpose is its own inverse
    show(name + "_FINAL", torch.cat(final))
    return model


# MLP: Linear(6, 5) - ReLU - Linear(5, 3)
mlp = nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3))
run("MLP", mlp, [(data([8, 6], 1), targets(8, 3, 0)), (data([8, 6], 2), targets(8, 3, 1))])

# CNN: Conv2d(2, 3, 3, 1, 1) - ReLU - MaxPool2d(2) - Flatten - Linear(27, 3)
cnn = nn.Sequential(nn.Conv2d(2, 3, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(27, 3))
run("CNN", cnn, [(data([4, 2, 6, 6], 3), targets(4, 3, 0)), (data([4, 2, 6, 6], 4), targets(4, 3, 2))])

# LayerNorm: Linear(5, 4) - LayerNorm(4) - Tanh - Linear(4, 3)
ln = nn.Sequential(nn.Linear(5, 4), nn.LayerNorm(4), nn.Tanh(), nn.Linear(4, 3))
run("LN", ln, [(data([6, 5], 5), targets(6, 3, 0)), (data([6, 5], 6), targets(6, 3, 1))])

# BatchNorm1d: Linear(5, 4) - BatchNorm1d(4) - ReLU - Linear(4, 3)
bn = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 3))
b1 = data([8, 5], 7)
run("BN1D", bn, [(b1, targets(8, 3, 0)), (data([8, 5], 8), targets(8, 3, 2))])
show("BN1D_RUNNING_MEAN", bn[1].running_mean); show("BN1D_RUNNING_VAR", bn[1].running_var)
print(f"  static final long BN1D_BATCHES = {int(bn[1].num_batches_tracked)};")
bn.eval(); show("BN1D_EVAL", bn(b1))

# BatchNorm2d: Conv2d(2, 3, 3, 1, 1) - BatchNorm2d(3) - ReLU - AvgPool2d(2) - Flatten - Linear(12, 3)
bn2 = nn.Sequential(nn.Conv2d(2, 3, 3, 1, 1), nn.BatchNorm2d(3), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(), nn.Linear(12, 3))
c1 = data([4, 2, 5, 5], 9)
run("BN2D", bn2, [(c1, targets(4, 3, 1)), (data([4, 2, 5, 5], 10), targets(4, 3, 0))])
show("BN2D_RUNNING_MEAN", bn2[1].running_mean); show("BN2D_RUNNING_VAR", bn2[1].running_var)
bn2.eval(); show("BN2D_EVAL", bn2(c1))


# Attention: causal self-attention MultiheadAttention(4, 2, batch_first) - mean over T - Linear(4, 3)
class Attn(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(4, 2, batch_first=True)
        self.head = nn.Linear(4, 3)

    def forward(self, x):
        t = x.shape[1]
        causal = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        h, _ = self.attn(x, x, x, attn_mask=causal, need_weights=False)
        return self.head(h.mean(1))


run("ATTN", Attn(), [(data([2, 3, 4], 11), targets(2, 3, 0)), (data([2, 3, 4], 12), targets(2, 3, 1))])

"""Training through the optimizer classes, golden values for tinytorch-nn's OptimizerTrainingParityTest:
PyTorch 1.13 in float64 (torch.optim with foreach=False).

Run with Debian's python3:  /usr/bin/python3 tools/golden/optim_training.py
The MLP Linear(6, 5) - ReLU - Linear(5, 3) starts from tools/golden/training.py's formula weights
(fill(our shape, salt(key)) * 0.3, in OUR [in, out] Linear layout, transposed for PyTorch) and trains
STEPS steps of cross-entropy alternating two formula batches, with per step: zero_grad, backward,
clip_grad_norm_(MAX_NORM) (recorded), optimizer.step(), scheduler.step(). Printed per run: the
losses, the gradient norms before clipping and the final parameters (sorted by key, our layout).
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
STEPS = 8
MAX_NORM = 0.22


def salt(key):
    return sum(ord(ch) for ch in key) % 97


def fill(shape, s, scale=0.3):
    n = math.prod(shape)
    return torch.tensor([math.sin(0.7 * i + s) * scale for i in range(n)]).reshape(shape)


def targets(n, classes, s):
    return torch.tensor([(i * 7 + s) % classes for i in range(n)])


def show(name, values):
    flat = ", ".join(repr(float(x)) for x in torch.as_tensor(values).detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


def mlp():
    model = nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3))
    with torch.no_grad():
        for key, p in model.named_parameters():
            if key.endswith("weight"):
                p.copy_(fill(list(p.shape[::-1]), salt(key)).T)
            else:
                p.copy_(fill(list(p.shape), salt(key)))
    return model


BATCHES = [(fill([8, 6], 1, 1.0), targets(8, 3, 0)), (fill([8, 6], 2, 1.0), targets(8, 3, 1))]


def run(name, make_opt, make_sched):
    model = mlp()
    opt = make_opt(list(model.parameters()))
    sched = make_sched(opt)
    losses, norms = [], []
    for step in range(STEPS):
        x, y = BATCHES[step % 2]
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)))
        opt.step()
        sched.step()
        losses.append(loss.item())
    print(f"  // {name}")
    show(name + "_LOSSES", losses)
    show(name + "_NORMS", norms)
    final = []
    for key, p in sorted(model.named_parameters()):
        final.append((p.detach().T if key.endswith("weight") else p.detach()).reshape(-1))
    show(name + "_FINAL", torch.cat(final))


O = torch.optim
S = O.lr_scheduler
run("SGD", lambda ps: O.SGD(ps, lr=0.2, momentum=0.9, nesterov=True, weight_decay=1e-3, foreach=False),
    lambda o: S.CosineAnnealingLR(o, T_max=STEPS, eta_min=0.01))
run("ADAM", lambda ps: O.Adam(ps, lr=0.05, weight_decay=0.01, foreach=False),
    lambda o: S.StepLR(o, step_size=3, gamma=0.5))
run("ADAMW", lambda ps: O.AdamW(ps, lr=0.05, betas=(0.8, 0.99), amsgrad=True, foreach=False),
    lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4))

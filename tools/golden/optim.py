"""Optimizer, scheduler and gradient-clipping golden values for tinytorch-nn's OptimizerParityTest:
PyTorch 1.13 in float64, torch.optim with foreach=False (the single-tensor formulas).

Run with Debian's python3:  /usr/bin/python3 tools/golden/optim.py
Two parameters, shapes [2, 3] and [4], start from w_k[i] = 0.5 sin(0.7 i + k) (k = 1, 2). At step s
(0-based) parameter k gets the gradient g[i] = sin(0.7 i + 1.3 s + k) + 0.2 k, except that the second
parameter gets no gradient at step 2 (the optimizer must skip it). STEPS steps; printed: both
parameters, flattened and concatenated, after each step. Schedulers start at lr 0.1 and print the rate
at epochs 0..EPOCHS. Clipping prints the norm and the clipped gradients.
"""
import math
import torch

torch.set_default_dtype(torch.float64)
STEPS = 5
EPOCHS = 12
SHAPES = [(2, 3), (4,)]


def weights():
    out = []
    for k, shape in enumerate(SHAPES, start=1):
        n = math.prod(shape)
        out.append(torch.tensor([0.5 * math.sin(0.7 * i + k) for i in range(n)]).reshape(shape).requires_grad_(True))
    return out


def grad(k, shape, s):
    n = math.prod(shape)
    return torch.tensor([math.sin(0.7 * i + 1.3 * s + k) + 0.2 * k for i in range(n)]).reshape(shape)


def rows(name, values):
    body = ",\n      ".join("{" + ", ".join(repr(float(x)) for x in row) + "}" for row in values)
    print(f"  static final double[][] {name} = {{\n      {body}}};")


def trajectory(name, make):
    ps = weights()
    opt = make(ps)
    out = []
    for s in range(STEPS):
        for k, (p, shape) in enumerate(zip(ps, SHAPES), start=1):
            p.grad = None if (k == 2 and s == 2) else grad(k, shape, s)
        opt.step()
        out.append(torch.cat([p.detach().reshape(-1) for p in ps]).tolist())
    rows(name, out)


O = torch.optim
trajectory("SGD_PLAIN", lambda ps: O.SGD(ps, lr=0.1, foreach=False))
trajectory("SGD_MOMENTUM", lambda ps: O.SGD(ps, lr=0.1, momentum=0.9, dampening=0.3, foreach=False))
trajectory("SGD_NESTEROV", lambda ps: O.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, foreach=False))
trajectory("SGD_WEIGHT_DECAY", lambda ps: O.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01, foreach=False))
trajectory("SGD_DECAY_ONLY", lambda ps: O.SGD(ps, lr=0.1, weight_decay=0.1, foreach=False))
trajectory("ADAM", lambda ps: O.Adam(ps, lr=0.01, foreach=False))
trajectory("ADAM_WEIGHT_DECAY", lambda ps: O.Adam(ps, lr=0.01, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.1, foreach=False))
trajectory("ADAM_AMSGRAD", lambda ps: O.Adam(ps, lr=0.01, weight_decay=0.05, amsgrad=True, foreach=False))
trajectory("ADAMW", lambda ps: O.AdamW(ps, lr=0.01, foreach=False))
trajectory("ADAMW_AMSGRAD", lambda ps: O.AdamW(ps, lr=0.02, betas=(0.85, 0.99), weight_decay=0.1, amsgrad=True, foreach=False))


def schedule(name, make):
    p = torch.zeros(1, requires_grad=True)
    opt = O.SGD([p], lr=0.1)
    sched = make(opt)
    out = [sched.get_last_lr()[0]]
    for _ in range(EPOCHS):
        opt.step()
        sched.step()
        out.append(sched.get_last_lr()[0])
    print(f"  static final double[] {name} = {{{', '.join(repr(float(x)) for x in out)}}};")


S = O.lr_scheduler
schedule("STEP_LR", lambda o: S.StepLR(o, step_size=3, gamma=0.5))
schedule("EXPONENTIAL_LR", lambda o: S.ExponentialLR(o, gamma=0.9))
schedule("COSINE_ANNEALING_LR", lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.01))
schedule("LINEAR_WARMUP", lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4))
schedule("LINEAR_WARMUP_DEFAULT", lambda o: S.LinearLR(o, total_iters=5))


def clip(name, max_norm):
    ps = weights()
    for k, (p, shape) in enumerate(zip(ps, SHAPES), start=1):
        p.grad = grad(k, shape, 0)
    norm = torch.nn.utils.clip_grad_norm_(ps, max_norm)
    print(f"  static final double {name}_NORM = {float(norm)!r};")
    print(f"  static final double[] {name}_GRADS = {{{', '.join(repr(float(x)) for x in torch.cat([p.grad.reshape(-1) for p in ps]))}}};")


clip("CLIP_1", 1.0)
clip("CLIP_100", 100.0)

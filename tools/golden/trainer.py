"""The Trainer's loop in PyTorch, golden values for tinytorch-nn's TrainerGoldenTest: PyTorch 1.13 in
float64 (torch.optim with foreach=False).

Run with Debian's python3:  /usr/bin/python3 tools/golden/trainer.py
The MLP Linear(6, 5) - ReLU - Linear(5, 3) starts from tools/golden/training.py's formula weights
(fill(our shape, salt(key)) * 0.3, in OUR [in, out] Linear layout, transposed for PyTorch). Each epoch
goes through five formula micro-batches of 5, 3, 6, 4 and 2 samples in order, accumulated two at a
time (groups of 8, 10 and 2 samples). Per group: zero_grad; per micro-batch the cross-entropy times
its share of the group's samples, backward; clip_grad_norm_(MAX_NORM) (recorded); SGD step. Per
epoch: the train loss (sample-weighted mean of the micro-batch losses), then a validation pass in
eval mode under no_grad over batches of 4 and 3 samples (sample-weighted mean), then scheduler.step().
Printed: per-epoch train and validation losses and learning rates, the per-step norms, the final
parameters (sorted by key, our layout).
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
EPOCHS = 4
MAX_NORM = 0.5
SIZES = [5, 3, 6, 4, 2]
ACCUMULATION = 2
VALIDATION = [4, 3]


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


def batches(sizes, s):
    x = fill([sum(sizes), 6], s, 1.0)
    y = targets(sum(sizes), 3, s)
    out, start = [], 0
    for b in sizes:
        out.append((x[start:start + b], y[start:start + b]))
        start += b
    return out


model = nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3))
with torch.no_grad():
    for key, p in model.named_parameters():
        if key.endswith("weight"):
            p.copy_(fill(list(p.shape[::-1]), salt(key)).T)
        else:
            p.copy_(fill(list(p.shape), salt(key)))
opt = torch.optim.SGD(model.parameters(), lr=0.3, momentum=0.9, foreach=False)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
train, val = batches(SIZES, 1), batches(VALIDATION, 2)
train_losses, val_losses, lrs, norms = [], [], [], []
for epoch in range(EPOCHS):
    model.train()
    lrs.append(opt.param_groups[0]["lr"])
    total, samples = 0.0, 0
    for g in range(0, len(train), ACCUMULATION):
        group = train[g:g + ACCUMULATION]
        n = sum(len(y) for _, y in group)
        opt.zero_grad()
        for x, y in group:
            loss = F.cross_entropy(model(x), y)
            (loss * (len(y) / n)).backward()
            total += loss.item() * len(y)
            samples += len(y)
        norms.append(float(torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)))
        opt.step()
    train_losses.append(total / samples)
    model.eval()
    with torch.no_grad():
        vt = sum(F.cross_entropy(model(x), y).item() * len(y) for x, y in val)
    val_losses.append(vt / sum(VALIDATION))
    sched.step()

show("TRAIN_LOSSES", train_losses)
show("VALIDATION_LOSSES", val_losses)
show("LRS", lrs)
show("NORMS", norms)
final = []
for key, p in sorted(model.named_parameters()):
    final.append((p.detach().T if key.endswith("weight") else p.detach()).reshape(-1))
show("FINAL", torch.cat(final))

#!/usr/bin/python3
"""The whole-model workloads of ModelSteps.java in PyTorch, answering TurnServer's protocol, for steps.py.

Run by benchmarks/turns/steps.py under Debian's /usr/bin/python3 (torch 1.13 with OpenBLAS) with
OPENBLAS_NUM_THREADS and OMP_NUM_THREADS set before torch loads (OpenBLAS reads them only then), and
the thread count given as the first argument (1 for the issue's rows). Prints "ready" after warming
every workload up, then answers each "<workload> <calls>" line with the seconds per call.

  digits   MLP 64-256-10, cross-entropy, Adam, batch 32: one step
  mlp      MLP 784-128-64-10, cross-entropy, SGD, batch 64: one step
  cnn      the issue's CNN on [64,1,28,28], cross-entropy, Adam: one step
  predict  the 784-128-64-10 MLP, batch 1, no-grad forward

A step is zero_grad(set_to_none=True), forward, loss, backward, optimizer step, as ModelSteps does,
and every RESTART steps the model restarts from its initial parameters with a new optimizer.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(*sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


# Steps after which a trainer restarts from its initial parameters with a fresh optimizer, as
# ModelSteps.RESTART: on one fixed batch the loss otherwise falls below 1e-7, gradients and Adam's
# second moments turn subnormal, and the steps measured are the CPU's subnormal penalty.
RESTART = 100


def trainer(model, make_opt, x, y):
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    state = {"opt": make_opt(model.parameters()), "steps": 0}

    def step():
        state["steps"] += 1
        if state["steps"] % RESTART == 0:
            model.load_state_dict(initial)
            state["opt"] = make_opt(model.parameters())
        opt = state["opt"]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss
    return step


def workloads():
    torch.manual_seed(11)
    w = {}
    digits = mlp(64, 256, 10)
    w["digits"] = trainer(digits, lambda ps: torch.optim.Adam(ps, lr=1e-3),
                          torch.rand(32, 64), torch.randint(0, 10, (32,)))
    m = mlp(784, 128, 64, 10)
    w["mlp"] = trainer(m, lambda ps: torch.optim.SGD(ps, lr=0.01), torch.rand(64, 784), torch.randint(0, 10, (64,)))
    c = cnn()
    w["cnn"] = trainer(c, lambda ps: torch.optim.Adam(ps, lr=1e-3),
                       torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,)))
    p = mlp(784, 128, 64, 10).eval()
    one = torch.rand(1, 784)

    def predict():
        with torch.no_grad():
            return p(one)
    w["predict"] = predict
    return w


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    work = workloads()
    for fn in work.values():
        end = time.perf_counter() + 1.0
        while time.perf_counter() < end:
            fn()
    print("ready", flush=True)
    for line in sys.stdin:
        name, calls = line.split()
        fn, calls = work[name], max(1, int(calls))
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        print((time.perf_counter() - t) / calls, flush=True)


if __name__ == "__main__":
    main()

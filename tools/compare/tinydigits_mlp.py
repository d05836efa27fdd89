#!/usr/bin/python3
"""The main job's recipe in PyTorch, on the same TinyDigits split, for README's side-by-side numbers.

Run with Debian's python (it has torch 1.13): /usr/bin/python3 tools/compare/tinydigits_mlp.py
Reads examples' embedded CSVs; prints the test accuracy for seeds 1-5 and the training time.
Model and training as `java -jar examples/target/tinytorch-examples.jar train`: pixels / 16 standardised
with the training split's statistics (population std, 1 where it is 0), Linear(64, 256) - BatchNorm1d -
ReLU - Dropout(0.2) - Linear(256, 10), AdamW lr 2e-3 weight decay 1e-2, cosine annealing over 40
epochs, batch 32, shuffled each epoch. Different random streams, so the numbers match in range, not bit
for bit.
"""
import time
from pathlib import Path

import numpy as np
import torch

DATA = Path(__file__).resolve().parents[2] / "examples/src/main/resources/dev/tinytorch/examples/data"


def load(name):
    rows = np.loadtxt(DATA / name, delimiter=",", comments="#")
    return rows[:, :-1] / 16.0, rows[:, -1].astype(np.int64)


def main():
    torch.set_num_threads(2)
    xtr, ytr = load("tinydigits-train.csv")
    xte, yte = load("tinydigits-test.csv")
    mean, std = xtr.mean(0), xtr.std(0)
    std[std == 0] = 1
    xtr = torch.tensor((xtr - mean) / std, dtype=torch.float32)
    xte = torch.tensor((xte - mean) / std, dtype=torch.float32)
    ytr, yte = torch.tensor(ytr), torch.tensor(yte)
    for seed in range(1, 6):
        torch.manual_seed(seed)
        net = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.BatchNorm1d(256), torch.nn.ReLU(),
                                  torch.nn.Dropout(0.2), torch.nn.Linear(256, 10))
        opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-2)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, 40, 0)
        t0 = time.perf_counter()
        for epoch in range(40):
            net.train()
            for idx in torch.randperm(len(ytr)).split(32):
                opt.zero_grad()
                torch.nn.functional.cross_entropy(net(xtr[idx]), ytr[idx]).backward()
                opt.step()
            sched.step()
        seconds = time.perf_counter() - t0
        net.eval()
        with torch.no_grad():
            acc = (net(xte).argmax(1) == yte).float().mean().item()
        print(f"seed {seed}: test accuracy {100 * acc:.2f} %, 40 epochs in {seconds:.2f} s")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The PyTorch twin of dev.tinytorch.bench.FashionEpoch: Fashion-MNIST epochs, data loading included.

Reads the four IDX .gz files with gzip and numpy, divides the images by 255, batches them with
TensorDataset + DataLoader (batch 64, shuffled, num_workers=0: the loading happens in this process,
as on the Java side), trains the MLP 784-256-128-10 or the CNN of step_server.py with cross-entropy
and Adam (lr 1e-3), evaluates on the test set and prints one JSON line: the seconds of loading (file
open to the DataLoader built), of each epoch, the test accuracy and the peak RSS (VmHWM).

  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/pytorch/fashion_epoch.py \
      /work/shared/datasets/fashion-mnist cnn [epochs=1] [threads=1]

Run by benchmarks/turns/epochs.py, which sets the thread variables before torch loads (OpenBLAS
reads them only then).
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from step_server import cnn, mlp  # noqa: E402

FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
BATCH = 64
SEED = 13


def idx(path):
    """One IDX array of unsigned bytes (type 0x08), as a uint8 numpy array of its shape."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = int.from_bytes(data[0:2], "big"), data[2], data[3]
    if zero != 0 or dtype != 0x08:
        raise SystemExit(f"fashion_epoch.py: {path} is not an IDX file of unsigned bytes")
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return -1


def main():
    if len(sys.argv) < 3 or sys.argv[2] not in ("mlp", "cnn"):
        raise SystemExit("usage: fashion_epoch.py DATASET_DIR mlp|cnn [EPOCHS=1] [THREADS=1]")
    folder, model = sys.argv[1], sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    missing = [f for f in FILES if not os.path.isfile(os.path.join(folder, f))]
    if missing:
        sys.exit(f"fashion_epoch.py: {os.path.abspath(folder)} lacks {', '.join(missing)}; pass the Fashion-MNIST "
                 "folder (the four IDX .gz files)")
    torch.set_num_threads(threads)
    torch.manual_seed(SEED)
    shape = (-1, 1, 28, 28) if model == "cnn" else (-1, 784)

    t0 = time.perf_counter()
    train_x = torch.from_numpy(idx(os.path.join(folder, FILES[0])).reshape(shape).astype(np.float32) / 255)
    train_y = torch.from_numpy(idx(os.path.join(folder, FILES[1])).astype(np.int64))
    test_x = torch.from_numpy(idx(os.path.join(folder, FILES[2])).reshape(shape).astype(np.float32) / 255)
    test_y = torch.from_numpy(idx(os.path.join(folder, FILES[3])).astype(np.int64))
    loader = DataLoader(TensorDataset(train_x, train_y), batch_size=BATCH, shuffle=True, num_workers=0)
    load = time.perf_counter() - t0

    net = cnn() if model == "cnn" else mlp(784, 256, 128, 10)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    epoch_s = []
    loss = None
    for _ in range(epochs):
        s = time.perf_counter()
        for x, y in loader:
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
        epoch_s.append(time.perf_counter() - s)

    s = time.perf_counter()
    net.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(test_x), 1000):
            correct += (net(test_x[i:i + 1000]).argmax(1) == test_y[i:i + 1000]).sum().item()
    print(json.dumps({"side": "pytorch", "model": model, "threads": threads, "load_s": round(load, 4),
                      "epoch_s": [round(e, 4) for e in epoch_s], "loss": round(loss.item(), 4),
                      "test_accuracy": correct / len(test_x), "eval_s": round(time.perf_counter() - s, 4),
                      "rss_peak_mb": round(peak_rss_mb(), 1), "torch": torch.__version__}))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""TurnServer's workloads in PyTorch, answering the same protocol, for turns.py.

Run by turns.py under Debian's /usr/bin/python3 (torch 1.13 with OpenBLAS) with OPENBLAS_NUM_THREADS
and OMP_NUM_THREADS set to 2 before torch loads (OpenBLAS reads its thread count only then). Prints
"ready" after warming every workload up, then answers each "<workload> <calls>" line with the
seconds per call.
"""
import sys
import time

import torch


def workloads():
    g = torch.Generator().manual_seed(42)
    w = {}
    for dtype, name in ((torch.float32, "FLOAT32"), (torch.float64, "FLOAT64")):
        a, b, at, bt = (torch.randn(1024, 1024, generator=g, dtype=dtype) for _ in range(4))
        ba, bb = (torch.randn(8, 256, 256, generator=g, dtype=dtype) for _ in range(2))
        w[f"mm:{name}"] = lambda a=a, b=b: torch.matmul(a, b)
        w[f"mmTA:{name}"] = lambda at=at, b=b: torch.matmul(at.t(), b)
        w[f"mmTB:{name}"] = lambda a=a, bt=bt: torch.matmul(a, bt.t())
        w[f"bmm:{name}"] = lambda ba=ba, bb=bb: torch.matmul(ba, bb)
        st, sh = torch.randn(2048, 256, generator=g, dtype=dtype), torch.randn(256, 256, generator=g, dtype=dtype)
        w[f"mm2048:{name}"] = lambda st=st, sh=sh: torch.matmul(st, sh)
    acc = torch.rand(10_000_000, generator=g)
    eb = torch.rand(10_000_000, generator=g) * 1e-6
    w["add"] = lambda: acc.add_(eb)
    return w


def main():
    torch.set_num_threads(2)
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

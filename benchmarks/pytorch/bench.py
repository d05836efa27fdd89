#!/usr/bin/python3
"""The JMH workloads of benchmarks/src/main/java/dev/tinytorch/bench, in PyTorch, for side-by-side ratios.

Run with Debian's python (torch 1.13 with OpenBLAS): /usr/bin/python3 benchmarks/pytorch/bench.py [--json FILE]

Each workload is warmed up, then timed in rounds of about --round-seconds; a round runs the call in a
loop and divides, and the reported time is the median over --rounds rounds (as run.sh reports the median
of JMH's measurement iterations). Keys match the JMH benchmark names so run.sh can join the two.

Threads: matmul and elementwise use 2 threads (the machine's two cores); the MLP step uses 1, as the
performance issue specifies, and so does MatmulOneThreadBench. OpenBLAS reads its thread count from the environment when it loads, and
torch.set_num_threads does not reach it, so each thread setting runs in its own child process with
OPENBLAS_NUM_THREADS and OMP_NUM_THREADS set before torch is imported.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

# workload group -> thread count; a group runs in one child process
GROUPS = {"two_threads": 2, "one_thread": 1}


def timed(fn, round_seconds, rounds, warmup_seconds):
    """Median seconds per call of fn() over rounds of about round_seconds each."""
    end = time.perf_counter() + warmup_seconds
    calls = 0
    start = time.perf_counter()
    while time.perf_counter() < end or calls < 3:
        fn()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    n = max(1, int(round_seconds / per_call))
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - t0) / n)
    return statistics.median(samples), samples, n


def workloads(group, torch):
    """(key, callable) pairs of the group; inputs are built here, outside the timed region."""
    import torch.nn.functional as F

    g = torch.Generator().manual_seed(42)
    out = []
    if group == "two_threads":
        for dtype, name in ((torch.float32, "FLOAT32"), (torch.float64, "FLOAT64")):
            a = torch.randn(1024, 1024, generator=g, dtype=dtype)
            b = torch.randn(1024, 1024, generator=g, dtype=dtype)
            at = torch.randn(1024, 1024, generator=g, dtype=dtype)
            bt = torch.randn(1024, 1024, generator=g, dtype=dtype)
            ba = torch.randn(8, 256, 256, generator=g, dtype=dtype)
            bb = torch.randn(8, 256, 256, generator=g, dtype=dtype)
            out += [
                (f"MatmulBench.contiguous:{name}", lambda a=a, b=b: torch.matmul(a, b)),
                (f"MatmulBench.transposedA:{name}", lambda at=at, b=b: torch.matmul(at.t(), b)),
                (f"MatmulBench.transposedB:{name}", lambda a=a, bt=bt: torch.matmul(a, bt.t())),
                (f"MatmulBench.batched:{name}", lambda ba=ba, bb=bb: torch.matmul(ba, bb)),
            ]

        ea = torch.rand(10_000_000, generator=g)
        eb = torch.rand(10_000_000, generator=g)
        acc = torch.rand(10_000_000, generator=g)
        out.append(("ElementwiseBench.add", lambda: torch.add(ea, eb)))
        out.append(("ElementwiseBench.addInPlace", lambda: acc.add_(eb)))
        out.append(("ElementwiseBench.copyInPlace", lambda: acc.copy_(eb)))

        ta = torch.arange(1, 11, dtype=torch.float32)
        tb = torch.arange(0.5, 10.5, dtype=torch.float32)
        out.append(("TinyOpBench.add", lambda: torch.add(ta, tb)))

        gx = torch.tensor([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5], dtype=torch.float32)
        gw = torch.linspace(0.1, 1.0, 10).requires_grad_(True)
        gb = torch.linspace(0.0, 0.9, 10).requires_grad_(True)

        def tiny_graph():
            gw.grad = None
            gb.grad = None
            y = (gx * gw + gb).relu().sum()
            y.backward()
            return gw.grad

        out.append(("TinyGraphBench.forwardBackward", tiny_graph))
        out.append(("TinyGraphBench.forwardRecorded", lambda: (gx * gw + gb).relu().sum()))

        def tiny_forward_no_grad():
            with torch.no_grad():
                return (gx * gw + gb).relu().sum()

        out.append(("TinyGraphBench.forwardNoGrad", tiny_forward_no_grad))

        x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float32)
        t = torch.tensor([[0], [1], [1], [0]], dtype=torch.float32)
        w1 = (torch.randn(2, 16, generator=g) * (2.0 / 2) ** 0.5).requires_grad_(True)
        b1 = torch.zeros(16, requires_grad=True)
        w2 = (torch.randn(16, 1, generator=g) * (1.0 / 16) ** 0.5).requires_grad_(True)
        b2 = torch.zeros(1, requires_grad=True)
        xor_params = [w1, b1, w2, b2]

        def xor_step():
            hidden = (x @ w1 + b1).relu()
            p = (hidden @ w2 + b2).sigmoid()
            loss = (p - t).square().mean()
            for q in xor_params:
                q.grad = None
            loss.backward()
            with torch.no_grad():
                for q in xor_params:
                    q.add_(q.grad, alpha=-0.5)
            return loss

        out.append(("XorStepBench.step", xor_step))

    elif group == "one_thread":
        for dtype, name in ((torch.float32, "FLOAT32"), (torch.float64, "FLOAT64")):
            a = torch.randn(1024, 1024, generator=g, dtype=dtype)
            b = torch.randn(1024, 1024, generator=g, dtype=dtype)
            out.append((f"MatmulOneThreadBench.contiguous:{name}", lambda a=a, b=b: torch.matmul(a, b)))

        sizes = [784, 128, 64, 10]
        mx = torch.rand(64, 784, generator=g)
        labels = torch.randint(0, 10, (64,), generator=g)
        weights, biases = [], []
        for i in range(3):
            weights.append((torch.randn(sizes[i], sizes[i + 1], generator=g)
                            * (2.0 / sizes[i]) ** 0.5).requires_grad_(True))
            biases.append(torch.zeros(sizes[i + 1], requires_grad=True))
        mlp_params = weights + biases

        def mlp_step():
            h = mx
            for i in range(3):
                h = h @ weights[i] + biases[i]
                if i < 2:
                    h = h.relu()
            loss = F.cross_entropy(h, labels)
            for q in mlp_params:
                q.grad = None
            loss.backward()
            with torch.no_grad():
                for q in mlp_params:
                    q.add_(q.grad, alpha=-0.01)
            return loss

        out.append(("MlpStepBench.step", mlp_step))
    return out


def run_group(group, args):
    import torch

    torch.set_num_threads(GROUPS[group])
    results = {}
    for key, fn in workloads(group, torch):
        if args.filter and not re.search(args.filter, key):
            continue
        median, samples, calls = timed(fn, args.round_seconds, args.rounds, args.warmup_seconds)
        results[key] = {"seconds": median, "rounds": samples, "calls_per_round": calls,
                        "threads": GROUPS[group]}
        print(f"  {key:40s} {median * 1e6:12.3f} us  ({GROUPS[group]} thread(s))", file=sys.stderr)
    return {"torch": torch.__version__, "results": results}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", help="write results here (default: stdout)")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--round-seconds", type=float, default=1.0)
    p.add_argument("--warmup-seconds", type=float, default=2.0)
    p.add_argument("--filter", help="only workloads whose key matches this regex (JMH-style names)")
    p.add_argument("--group", choices=sorted(GROUPS), help=argparse.SUPPRESS)
    args = p.parse_args()

    if args.group:  # child: one thread setting
        json.dump(run_group(args.group, args), sys.stdout)
        return

    merged = {"python": platform.python_version(), "machine": platform.processor() or platform.machine(),
              "results": {}}
    for group, threads in GROUPS.items():
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
        cmd = [sys.executable, os.path.abspath(__file__), "--group", group,
               "--rounds", str(args.rounds), "--round-seconds", str(args.round_seconds),
               "--warmup-seconds", str(args.warmup_seconds)]
        if args.filter:
            cmd += ["--filter", args.filter]
        child = json.loads(subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE).stdout)
        merged["torch"] = child["torch"]
        merged["results"].update(child["results"])
    text = json.dumps(merged, indent=2)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()

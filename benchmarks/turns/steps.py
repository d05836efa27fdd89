#!/usr/bin/env python3
"""Whole training steps and a prediction (issue 13's table) against PyTorch, in alternating turns.

Participants, all running at once and answering turns (see turns.py for why turns):
- dev.tinytorch.bench.StepTurnServer on each JDK given, with -Dtinytorch.threads=N, and with the
  Vector API too (--vector);
- benchmarks/pytorch/step_server.py under Debian's python, torch.set_num_threads(N), OpenBLAS and
  OpenMP at N threads.

Each round gives every participant a turn of about --turn-seconds on every workload; the speed-up
printed is the median over rounds of PyTorch's seconds per call divided by ours (above 1: faster).

  benchmarks/turns/steps.py --java jdk17=/usr/bin/java --vector [--threads 1] [--rounds 10] [--json out.json]
"""
import argparse
import json
import os
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from turns import Server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = ["digits", "mlp", "cnn", "predict"]
LABELS = {
    "digits": "TinyDigits MLP 64-256-10, CE, Adam, batch 32: step",
    "mlp": "MLP 784-128-64-10, CE, SGD, batch 64: step",
    "cnn": "CNN [64,1,28,28], CE, Adam: step",
    "predict": "MLP 784-128-64-10, batch 1, no-grad prediction",
}
# the targets (one thread): speed-up against PyTorch, default kernels and Vector API
TARGETS = {"digits": (5.0, 5.0), "mlp": (0.6, 1.0), "cnn": (0.6, 1.0), "predict": (5.0, 5.0)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", default="benchmarks/target/benchmarks.jar")
    p.add_argument("--java", action="append", default=[],
                   help="label=path of a java executable, optionally followed by JVM flags (repeatable)")
    p.add_argument("--vector", action="store_true", help="also run each JDK with --add-modules jdk.incubator.vector")
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--no-pytorch", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--turn-seconds", type=float, default=0.5)
    p.add_argument("--json")
    args = p.parse_args()
    workloads = [w for w in args.workloads.split(",") if w]
    if not args.java:
        args.java = [f"java={shutil.which('java')}"]

    servers = []
    seconds = {w: {} for w in workloads}
    try:
        for spec in args.java:
            label, java = spec.split("=", 1)
            java, *flags = java.split()
            base = [java, "-Xms2g", "-Xmx2g", "-Dtinytorch.quiet=true", f"-Dtinytorch.threads={args.threads}",
                    "-cp", args.jar, *flags]
            main_cls = ["dev.tinytorch.bench.StepTurnServer"]
            servers.append(Server(label, base + main_cls, workloads))
            if args.vector:
                servers.append(Server(f"{label}-vector", base + ["--add-modules", "jdk.incubator.vector"] + main_cls,
                                      workloads))
        if not args.no_pytorch:
            n = str(args.threads)
            servers.append(Server("PyTorch", [args.python, os.path.join(HERE, "..", "pytorch", "step_server.py"), n],
                                  workloads, {"OPENBLAS_NUM_THREADS": n, "OMP_NUM_THREADS": n, "MKL_NUM_THREADS": n}))
        calls = {(s.name, w): max(1, round(args.turn_seconds / s.run(w, 3))) for s in servers for w in workloads}
        for r in range(args.rounds):
            for w in workloads:
                k = r % len(servers)
                for s in servers[k:] + servers[:k]:
                    seconds[w].setdefault(s.name, []).append(s.run(w, calls[(s.name, w)]))
            print(f"  round {r + 1}/{args.rounds}: " + "  ".join(
                f"{w} " + "/".join(f"{v[-1] * 1e6:.0f}" for v in seconds[w].values()) for w in workloads)
                + " us", flush=True)
    finally:
        for s in servers:
            s.close()

    summary = {}
    print(f"threads {args.threads}; medians over {args.rounds} rounds of alternating turns "
          "(speed-up = PyTorch's time / ours, per round):")
    for w in workloads:
        summary[w] = {}
        for n, v in seconds[w].items():
            e = {"median_us": statistics.median(v) * 1e6}
            if "PyTorch" in seconds[w] and n != "PyTorch":
                e["speedup"] = statistics.median(t / x for x, t in zip(v, seconds[w]["PyTorch"]))
                e["speedup_min"] = min(t / x for x, t in zip(v, seconds[w]["PyTorch"]))
                e["speedup_max"] = max(t / x for x, t in zip(v, seconds[w]["PyTorch"]))
            summary[w][n] = e
            extra = ""
            if "speedup" in e:
                target = TARGETS[w][1 if n.endswith("-vector") else 0] if args.threads == 1 else None
                verdict = "" if target is None else (" ok" if e["speedup"] >= target else f" MISSES {target}x")
                extra = (f"  {e['speedup']:.2f}x of PyTorch (rounds {e['speedup_min']:.2f}-{e['speedup_max']:.2f})"
                         f"{verdict}")
            print(f"  {LABELS[w]:50s} {n:14s} {e['median_us']:10.1f} us{extra}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rounds": args.rounds, "threads": args.threads, "summary": summary, "seconds": seconds}, f,
                      indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Memory bandwidth of the in-place add, TinyTorch against a C loop and PyTorch, in alternating turns.

The host's memory bandwidth moves between roughly 60 and 130 GB/s within minutes (other tenants),
so a JMH run and a C or PyTorch run minutes apart compare phases of the host, not kernels. Here
every participant stays running (benchmarks/stream/add.c, BandwidthServer on each JDK, PyTorch in
this process) and the rounds alternate turns of a fraction of a second between them; each round's
ratio compares loops that saw the same bandwidth, and the median over rounds is the result.

The machine's bandwidth in a round is the fastest of the other loops in it: two C builds of the
same loop (-march=native and AVX2 only; on Zen 4 either can be the faster one) and PyTorch's
add_, which here streams 5-15 % faster than both C builds.

  benchmarks/stream/paired.py --jar benchmarks/target/benchmarks.jar --java jdk17=/usr/bin/java \\
      [--java jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--rounds 15] [--json out.json]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N = 10_000_000
BYTES = 3 * 4 * N  # two 10M-float reads and one write per add, as ElementwiseBench counts
HERE = os.path.dirname(os.path.abspath(__file__))
C_BUILDS = {"C -march=native": ["-march=native"], "C AVX2": ["-mavx2", "-mfma"]}


class Server:
    """A process that answers a number of calls with the seconds per call."""

    def __init__(self, name, cmd, ready_line):
        env = dict(os.environ, OMP_NUM_THREADS="2")
        self.name = name
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        if ready_line:
            line = self.proc.stdout.readline().strip()
            if line != "ready":
                raise SystemExit(f"paired.py: {name} did not start (said {line!r}): {' '.join(cmd)}")

    def run(self, calls):
        self.proc.stdin.write(f"{calls}\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


class Torch:
    name = "PyTorch"

    def __init__(self):
        import torch
        torch.set_num_threads(2)
        g = torch.Generator().manual_seed(3)
        self.acc = torch.rand(N, generator=g)
        self.b = torch.rand(N, generator=g) * 1e-6
        self.version = torch.__version__
        self.run(20)

    def run(self, calls):
        t = time.perf_counter()
        for _ in range(calls):
            self.acc.add_(self.b)
        return (time.perf_counter() - t) / calls

    def close(self):
        pass


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", default="benchmarks/target/benchmarks.jar")
    p.add_argument("--java", action="append", default=[], help="label=path of a java executable (repeatable)")
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--calls", type=int, default=100, help="calls per turn (about 0.1-0.2 s)")
    p.add_argument("--json", help="write the per-round results here")
    args = p.parse_args()

    work = tempfile.mkdtemp(prefix="paired-")
    participants = []
    try:
        if shutil.which("gcc"):
            for name, flags in C_BUILDS.items():
                exe = os.path.join(work, name.replace(" ", "_"))
                subprocess.run(["gcc", "-O3", *flags, "-fopenmp", os.path.join(HERE, "add.c"), "-o", exe], check=True)
                participants.append(Server(name, [exe], ready_line=False))
        for spec in args.java or [f"java={shutil.which('java')}"]:
            label, java = spec.split("=", 1)
            cmd = [java, "-Xms2g", "-Xmx2g", "-Dtinytorch.quiet=true", "-cp", args.jar,
                   "dev.tinytorch.bench.BandwidthServer"]
            participants.append(Server(f"TinyTorch {label}", cmd, ready_line=True))
        torch_version = None
        try:
            t = Torch()
            torch_version = t.version
            participants.append(t)
        except ImportError:
            print("paired.py: no torch in this python; comparing with C only", file=sys.stderr)
        for s in participants:
            s.run(5)

        seconds = {s.name: [] for s in participants}
        for r in range(args.rounds):
            k = r % len(participants)  # rotate who goes first, so no one always follows the same loop
            for s in participants[k:] + participants[:k]:
                seconds[s.name].append(s.run(args.calls))
            print("  " + "  ".join(f"{n} {BYTES / v[-1] / 1e9:.0f}" for n, v in seconds.items()), flush=True)
    finally:
        for s in participants:
            s.close()
        shutil.rmtree(work, ignore_errors=True)

    gbs = {n: [BYTES / s / 1e9 for s in v] for n, v in seconds.items()}
    others = [n for n in gbs if not n.startswith("TinyTorch")]
    machine = [max(gbs[n][r] for n in others) for r in range(args.rounds)] if others else None
    summary = {"rounds": args.rounds, "calls": args.calls, "torch": torch_version, "median_gbs": {},
               "ratio_to_machine": {}, "ratio_to_torch": {}}
    for n, v in gbs.items():
        summary["median_gbs"][n] = statistics.median(v)
        if machine:
            summary["ratio_to_machine"][n] = statistics.median(x / m for x, m in zip(v, machine))
        if "PyTorch" in gbs:
            summary["ratio_to_torch"][n] = statistics.median(x / t for x, t in zip(v, gbs["PyTorch"]))
    if machine:
        summary["median_gbs"]["fastest other loop per round"] = statistics.median(machine)
    print(f"in-place add of 10M floats, {args.rounds} rounds of {args.calls} calls each, medians:")
    for n, v in summary["median_gbs"].items():
        parts = [f"{v:6.1f} GB/s"]
        if n in summary["ratio_to_machine"]:
            parts.append(f"{summary['ratio_to_machine'][n]:.2f} of the fastest other loop")
        if n in summary["ratio_to_torch"] and n != "PyTorch":
            parts.append(f"{summary['ratio_to_torch'][n]:.2f} of PyTorch")
        print(f"  {n:30s} " + ", ".join(parts))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": summary, "gbs": gbs, "machine_gbs": machine}, f, indent=1)


if __name__ == "__main__":
    main()

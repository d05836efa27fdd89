#!/usr/bin/env python3
"""Throughput of TinyTorch against PyTorch and a C loop, measured in alternating turns.

The host this runs on moves: its memory bandwidth between about 55-65 and 90-130 GB/s, its matmul
throughput by up to 1.5x, both within minutes (other tenants). A JMH run and a PyTorch run made
minutes apart compare phases of the host, not the code. Here every participant stays running:

- TurnServer on each JDK given, with and without the Vector API (--vector);
- torch_server.py under Debian's python (torch 1.13 with OpenBLAS, 2 threads);
- add.c, the in-place add as a plain C/OpenMP loop, built twice (-march=native and AVX2 only),
  when gcc is here;

and each round gives every participant a turn of about --turn-seconds on every workload, workload
by workload, so the loops compared in a round ran seconds apart at most. Results are medians over
rounds of the per-round values and ratios.

  benchmarks/turns/turns.py --jar benchmarks/target/benchmarks.jar --java jdk17=/usr/bin/java \\
      [--java jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--vector] [--rounds 10] [--json out.json]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
N = 1024
WORK = {"add": 3 * 4 * 10_000_000}  # bytes per in-place add: two reads and one write
for dt in ("FLOAT32", "FLOAT64"):
    for form in ("mm", "mmTA", "mmTB"):
        WORK[f"{form}:{dt}"] = 2 * N ** 3  # flops
    WORK[f"bmm:{dt}"] = 2 * 8 * 256 ** 3
    WORK[f"mm2048:{dt}"] = 2 * 2048 * 256 * 256  # bmm's work as one contiguous product
C_BUILDS = {"C -march=native": ["-march=native"], "C AVX2": ["-mavx2", "-mfma"]}


class Server:
    """A process that answers "<workload> <calls>" with the seconds per call."""

    def __init__(self, name, cmd, workloads, env=None, ready=True):
        self.name = name
        self.workloads = workloads
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env=dict(os.environ, **(env or {})))
        if ready:
            line = self.proc.stdout.readline().strip()
            if line != "ready":
                raise SystemExit(f"turns.py: {name} did not start (said {line!r}): {' '.join(cmd)}")

    def run(self, workload, calls):
        self.proc.stdin.write(f"{workload} {calls}\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise SystemExit(f"turns.py: {self.name} stopped during {workload}")
        return float(answer)

    def close(self):
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def start(args, work):
    servers = []
    if shutil.which("gcc") and "add" in args.workloads:
        for name, flags in C_BUILDS.items():
            exe = os.path.join(work, name.replace(" ", "_"))
            subprocess.run(["gcc", "-O3", *flags, "-fopenmp", os.path.join(HERE, "add.c"), "-o", exe], check=True)
            s = Server(name, [exe], ["add"], env={"OMP_NUM_THREADS": "2"}, ready=False)
            s.run("add", 20)
            servers.append(s)
    for spec in args.java:
        label, java = spec.split("=", 1)
        java, *flags = java.split()  # "jdk17=/usr/bin/java -XX:MaxVectorSize=32" adds JVM flags
        # Flags after -cp, so that a participant's own "-cp other.jar" (an older build, say) wins.
        base = [java, "-Xms2g", "-Xmx2g", "-Dtinytorch.quiet=true", "-cp", args.jar, *flags]
        main = ["dev.tinytorch.bench.TurnServer"]
        servers.append(Server(label, base + main, args.workloads))
        if args.vector:
            servers.append(Server(f"{label}-vector", base + ["--add-modules", "jdk.incubator.vector"] + main,
                                  [w for w in args.workloads if w != "add"]))
    if not args.no_pytorch:
        env = {"OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2"}
        servers.append(Server("PyTorch", [args.python, os.path.join(HERE, "torch_server.py")], args.workloads, env))
    return servers


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", default="benchmarks/target/benchmarks.jar")
    p.add_argument("--java", action="append", default=[],
                   help="label=path of a java executable, optionally followed by JVM flags (repeatable)")
    p.add_argument("--vector", action="store_true", help="also run each JDK with --add-modules jdk.incubator.vector")
    p.add_argument("--python", default="/usr/bin/python3", help="a python that has torch")
    p.add_argument("--no-pytorch", action="store_true")
    p.add_argument("--workloads", default=",".join(WORK), help="comma-separated subset of " + ",".join(WORK))
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--turn-seconds", type=float, default=0.25)
    p.add_argument("--json", help="write the per-round results here")
    args = p.parse_args()
    args.workloads = [w for w in args.workloads.split(",") if w]
    if not args.java:
        args.java = [f"java={shutil.which('java')}"]

    work = tempfile.mkdtemp(prefix="turns-")
    servers = []
    seconds = {w: {} for w in args.workloads}
    try:
        servers = start(args, work)
        # Calls per turn from one call each (the servers are warm): about --turn-seconds a turn.
        calls = {(s.name, w): max(1, round(args.turn_seconds / s.run(w, 1)))
                 for s in servers for w in args.workloads if w in s.workloads}
        for r in range(args.rounds):
            for w in args.workloads:
                group = [s for s in servers if w in s.workloads]
                k = r % len(group)  # rotate who goes first
                for s in group[k:] + group[:k]:
                    seconds[w].setdefault(s.name, []).append(s.run(w, calls[(s.name, w)]))
            print(f"  round {r + 1}/{args.rounds}: " + "  ".join(
                f"{w} " + "/".join(f"{WORK[w] / v[-1] / 1e9:.0f}" for v in seconds[w].values())
                for w in args.workloads), flush=True)
    finally:
        for s in servers:
            s.close()
        shutil.rmtree(work, ignore_errors=True)

    rate = {w: {n: [WORK[w] / x / 1e9 for x in v] for n, v in per.items()} for w, per in seconds.items()}
    summary = {}
    for w, per in rate.items():
        others = [n for n in per if n.startswith("C ") or n == "PyTorch"]
        fastest = [max(per[n][r] for n in others) for r in range(args.rounds)] if others else None
        summary[w] = {}
        for n, v in per.items():
            entry = {"median": statistics.median(v)}
            if "PyTorch" in per:
                entry["of_pytorch"] = statistics.median(x / t for x, t in zip(v, per["PyTorch"]))
            if w == "add" and fastest:
                entry["of_fastest_other"] = statistics.median(x / f for x, f in zip(v, fastest))
            # bmm's contiguous counterpart is the same work as one product (mm2048)
            contiguous = w.replace("mmTA", "mm").replace("mmTB", "mm").replace("bmm", "mm2048")
            if contiguous != w and n in rate.get(contiguous, {}):
                entry["of_own_contiguous"] = statistics.median(
                    x / c for x, c in zip(v, rate[contiguous][n]))
            summary[w][n] = entry
    unit = {w: "GB/s" if w == "add" else "GFLOPS" for w in args.workloads}
    print(f"medians over {args.rounds} rounds of alternating turns:")
    for w, per in summary.items():
        for n, e in per.items():
            extra = ", ".join(f"{k.replace('_', ' ')} {100 * v:.0f} %" for k, v in e.items() if k != "median")
            print(f"  {w:13s} {n:16s} {e['median']:7.1f} {unit[w]}" + (f"  ({extra})" if extra else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rounds": args.rounds, "summary": summary, "rates": rate}, f, indent=1)


if __name__ == "__main__":
    main()

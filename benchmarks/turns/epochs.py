#!/usr/bin/env python3
"""Fashion-MNIST epochs, data loading included, and their memory (issue 13) against PyTorch, in turns.

Each turn is one process that reads the four IDX .gz files, trains for --epochs epochs (1: the
issue's row, the JVM's warm-up included, as a user running one epoch feels it) and evaluates:
- dev.tinytorch.bench.FashionEpoch on each JDK given (-Xmx from --xmx, -Dtinytorch.threads=N), and
  with the Vector API too (--vector);
- benchmarks/pytorch/fashion_epoch.py under Debian's python, torch.set_num_threads(N), OpenBLAS and
  OpenMP at N threads.
An epoch takes seconds (MLP) to tens of seconds (CNN), so the turns alternate per epoch: every round
runs each side once per model, the order rotating from round to round, as steps.py does.

Time = load (file open to the DataLoader built) + the first epoch, both timed inside the process (the
JVM's start and torch's import are not in it; "process" is the whole process's wall time).
Speed-up = PyTorch's time / ours, the median of the per-round ratios. Memory: the JVM's heap as the
sum of the heap pools' peak usages (eden, survivor and old peak at different times: an upper bound)
and as the largest used heap read after each step (a lower bound); peak RSS is VmHWM, both sides.

  benchmarks/turns/epochs.py --java jdk17=/usr/bin/java --vector [--models mlp,cnn] [--rounds 3]
      [--threads 1] [--xmx 1g] [--data DIR] [--json out.json]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
LABELS = {"mlp": "Fashion epoch, MLP 784-256-128-10", "cnn": "Fashion epoch, CNN"}
# the targets (one thread) for the epoch rows: default kernels "report", Vector API >= 1.0x
TARGET_VECTOR = 1.0


def default_data():
    """../shared/datasets/fashion-mnist next to the repository, or next to the main checkout of a worktree."""
    roots = [REPO]
    try:
        common = subprocess.run(["git", "-C", REPO, "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
        roots.append(os.path.dirname(common))
    except (OSError, subprocess.CalledProcessError):
        pass
    candidates = [os.path.normpath(os.path.join(r, "..", "shared", "datasets", "fashion-mnist")) for r in roots]
    return next((c for c in candidates if os.path.isdir(c)), candidates[0])


def run(cmd, env=None):
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    lines = [line for line in p.stdout.splitlines() if line.startswith("{")]
    if p.returncode != 0 or not lines:
        sys.exit(f"epochs.py: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr.strip()[-2000:]}")
    r = json.loads(lines[-1])
    r["process_s"] = wall
    r["time_s"] = r["load_s"] + r["epoch_s"][0]
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", default=os.path.join(REPO, "benchmarks", "target", "benchmarks.jar"))
    p.add_argument("--java", action="append", default=[],
                   help="label=path of a java executable, optionally followed by JVM flags (repeatable)")
    p.add_argument("--vector", action="store_true", help="also run each JDK with --add-modules jdk.incubator.vector")
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--no-pytorch", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--models", default="mlp,cnn")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--epochs", type=int, default=1, help="epochs per process (the first is the one compared)")
    # -Xmx1g: the data (both splits as floats, 217 MB live) and the loading's transient copies fit with
    # room for a young generation. One CNN epoch, Vector API, 14:16-14:20 UTC (load 2.9-3.3, so the
    # epoch times are loose): -Xms2g -Xmx2g 80 GCs, 0.34 s of GC, peak RSS 1562 MB, epoch 44.1 s;
    # -Xmx1g 709 GCs, 1.27 s, 796 MB, 41.7 s; -Xmx512m 4609 GCs, 5.85 s, 623 MB, 61.6 s.
    p.add_argument("--xmx", default="1g", help="the JVMs' -Xmx (default 1g; a flag in --java overrides it)")
    p.add_argument("--data", default=os.environ.get("FASHION_MNIST") or default_data(),
                   help="the Fashion-MNIST folder (default: $FASHION_MNIST, else ../shared/datasets/"
                        "fashion-mnist next to the repository)")
    p.add_argument("--check-data", action="store_true", help="print the data folder and exit (1 if it lacks files)")
    p.add_argument("--json")
    args = p.parse_args()
    missing = [f for f in FILES if not os.path.isfile(os.path.join(args.data, f))]
    if missing:
        sys.exit(f"epochs.py: the Fashion-MNIST folder {os.path.abspath(args.data)} lacks {', '.join(missing)}; give "
                 "it with --data DIR or FASHION_MNIST=DIR (the four IDX .gz files of "
                 "https://github.com/zalandoresearch/fashion-mnist)")
    if args.check_data:
        print(os.path.abspath(args.data))
        return
    models = [m for m in args.models.split(",") if m]
    if not args.java:
        args.java = [f"java={shutil.which('java')}"]
    n = str(args.threads)
    task = [args.data, None, str(args.epochs), n]

    sides = []  # (name, command before the model's arguments, environment)
    for spec in args.java:
        label, java = spec.split("=", 1)
        java, *flags = java.split()
        base = [java, f"-Xmx{args.xmx}", "-Dtinytorch.quiet=true", f"-Dtinytorch.threads={n}", "-cp", args.jar,
                *flags]
        main_cls = ["dev.tinytorch.bench.FashionEpoch"]
        sides.append((label, base + main_cls, {}))
        if args.vector:
            sides.append((f"{label}-vector", base + ["--add-modules", "jdk.incubator.vector"] + main_cls, {}))
    if not args.no_pytorch:
        sides.append(("PyTorch", [args.python, os.path.join(HERE, "..", "pytorch", "fashion_epoch.py")],
                      {"OPENBLAS_NUM_THREADS": n, "OMP_NUM_THREADS": n, "MKL_NUM_THREADS": n}))

    print(f"data {args.data}; threads {args.threads}; {args.rounds} rounds; -Xmx{args.xmx}; load "
          f"{' '.join(open('/proc/loadavg').read().split()[:3])}", flush=True)
    results = {m: {} for m in models}
    for r in range(args.rounds):
        for m in models:
            k = r % len(sides)
            for name, cmd, env in sides[k:] + sides[:k]:
                task[1] = m
                res = run(cmd + task, env)
                results[m].setdefault(name, []).append(res)
                print(f"  round {r + 1}/{args.rounds} {m} {name:12s} load {res['load_s']:5.2f} s  epoch "
                      f"{res['epoch_s'][0]:6.2f} s  acc {100 * res['test_accuracy']:.2f} %  RSS "
                      f"{res['rss_peak_mb']:.0f} MB", flush=True)
    print(f"load after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    summarize(args, models, results)


def summarize(args, models, results):
    med = statistics.median
    print(f"threads {args.threads}; medians over {args.rounds} rounds, one process per epoch; CE, Adam lr 1e-3, "
          "batch 64, shuffled\n(time = load + first epoch; speed-up = PyTorch's time / ours, per round; heap: "
          "pool peaks summed / largest used after a step / used after a full GC at the end; GC: collectors' time; "
          "RSS: VmHWM):")
    print(f"  {'workload':34s} {'side':14s} {'load':>7s} {'epoch':>8s} {'time':>8s} {'process':>8s} "
          f"{'acc':>7s} {'heap pools':>10s} {'heap used':>9s} {'live':>6s} {'GC':>6s} {'RSS':>7s}  speed-up")
    summary = {}
    for m in models:
        summary[m] = {}
        torch_runs = results[m].get("PyTorch")
        for name, runs in results[m].items():
            e = {k: med(r[k] for r in runs) for k in ("load_s", "time_s", "process_s", "test_accuracy",
                                                       "rss_peak_mb")}
            e["epoch_s"] = med(r["epoch_s"][0] for r in runs)
            if args.epochs > 1:
                e["last_epoch_s"] = med(r["epoch_s"][-1] for r in runs)
            for k in ("heap_pool_peaks_mb", "heap_sampled_peak_mb", "heap_live_mb", "heap_max_mb", "gc_s"):
                if k in runs[0]:
                    e[k] = med(r[k] for r in runs)
            extra = ""
            if torch_runs and name != "PyTorch":
                ratios = [t["time_s"] / x["time_s"] for x, t in zip(runs, torch_runs)]
                epoch_ratios = [t["epoch_s"][0] / x["epoch_s"][0] for x, t in zip(runs, torch_runs)]
                e.update(speedup=med(ratios), speedup_min=min(ratios), speedup_max=max(ratios),
                         epoch_speedup=med(epoch_ratios))
                verdict = ""
                if args.threads == 1 and name.endswith("-vector"):
                    verdict = " ok" if e["speedup"] >= TARGET_VECTOR else f" MISSES {TARGET_VECTOR}x"
                extra = (f"{e['speedup']:.2f}x (rounds {e['speedup_min']:.2f}-{e['speedup_max']:.2f}; epoch alone "
                         f"{e['epoch_speedup']:.2f}x){verdict}")
            heap = (f"{e['heap_pool_peaks_mb']:7.0f} MB {e['heap_sampled_peak_mb']:6.0f} MB "
                    f"{e['heap_live_mb']:3.0f} MB "
                    f"{e['gc_s']:5.2f}s" if "heap_pool_peaks_mb" in e else f"{'-':>10s} {'-':>9s} {'-':>6s} {'-':>6s}")
            print(f"  {LABELS[m]:34s} {name:14s} {e['load_s']:6.2f}s {e['epoch_s']:7.2f}s {e['time_s']:7.2f}s "
                  f"{e['process_s']:7.2f}s {100 * e['test_accuracy']:6.2f}% {heap} {e['rss_peak_mb']:4.0f} MB  {extra}")
            summary[m][name] = e
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rounds": args.rounds, "threads": args.threads, "xmx": args.xmx, "epochs": args.epochs,
                       "summary": summary, "runs": results}, f, indent=1)


if __name__ == "__main__":
    main()

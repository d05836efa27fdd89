#!/usr/bin/env python3
"""Where a benchmark spends its time and its allocations, from a JFR recording of JMH's -prof jfr.

Usage: python3 benchmarks/jfr_summary.py RECORDING.jfr [--top 15] [--depth 3]

Reads the JMH worker threads' jdk.ExecutionSample and jdk.ObjectAllocationSample events (through
the JDK's `jfr print --json`) and prints
  - CPU samples by top frame (self time), and by the innermost TinyTorch frame (what our code
    called that burned the time, kernels or JDK collections alike);
  - allocated bytes (JFR's sampled weight) by class and by the innermost TinyTorch frames that
    allocated them, with --depth callers, so a site can be traced back to the op that caused it.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys

OURS = "dev/tinytorch/"
SKIP = ("dev/tinytorch/bench/jmh_generated/",)


def frames(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f["method"]
        out.append((m["type"]["name"], m["name"], f.get("lineNumber", -1)))
    return out


def short(frame):
    cls, name, line = frame
    return f"{cls.split('/')[-1]}.{name}:{line}"


def is_ours(frame):
    return frame[0].startswith(OURS) and not frame[0].startswith(SKIP)


def load(path, event_type, thread_name="jmh-worker"):
    jfr = shutil.which("jfr") or os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr")
    text = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", event_type, path],
                          check=True, stdout=subprocess.PIPE).stdout
    events = json.loads(text)["recording"]["events"]
    def thread(e):  # execution samples name the sampled thread, allocation samples the event thread
        t = e["values"].get("sampledThread") or e["values"].get("eventThread") or {}
        return t.get("javaName") or ""

    return [e for e in events if thread_name in thread(e)]


def table(title, counter, total, unit, top):
    print(f"\n{title}")
    for key, value in counter.most_common(top):
        share = 100.0 * value / total if total else 0
        print(f"  {share:5.1f} %  {value:>14,.0f} {unit}  {key}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("recording")
    p.add_argument("--top", type=int, default=15)
    p.add_argument("--depth", type=int, default=3)
    p.add_argument("--thread", default="jmh-worker",
                   help="threads whose name contains this (main for StepTurnServer under JFR)")
    args = p.parse_args()

    cpu = load(args.recording, "jdk.ExecutionSample", args.thread)
    self_time, ours_time = collections.Counter(), collections.Counter()
    for e in cpu:
        fs = frames(e)
        if not fs:
            continue
        self_time[short(fs[0])] += 1
        mine = [f for f in fs if is_ours(f)]
        if mine:
            ours_time[" <- ".join(short(f) for f in mine[: args.depth])] += 1
    table(f"CPU samples by top frame ({len(cpu)} samples)", self_time, len(cpu), "samples", args.top)
    table("CPU samples by innermost TinyTorch frames", ours_time, len(cpu), "samples", args.top)

    alloc = load(args.recording, "jdk.ObjectAllocationSample", args.thread)
    by_class, by_site = collections.Counter(), collections.Counter()
    total = 0
    for e in alloc:
        w = e["values"].get("weight", 0)
        total += w
        cls = e["values"]["objectClass"]["name"].replace("/", ".")
        by_class[cls] += w
        mine = [f for f in frames(e) if is_ours(f)]
        site = " <- ".join(short(f) for f in mine[: args.depth]) if mine else "(outside TinyTorch)"
        by_site[f"{cls.split('.')[-1]} @ {site}"] += w
    table(f"Allocated bytes by class ({len(alloc)} samples, {total:,} bytes sampled)", by_class, total, "B", args.top)
    table("Allocated bytes by class and allocating TinyTorch frames", by_site, total, "B", args.top)


if __name__ == "__main__":
    sys.exit(main())

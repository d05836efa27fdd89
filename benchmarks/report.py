#!/usr/bin/env python3
"""Joins bench-results/jmh-*.json (JMH -rf json) and bench-results/pytorch.json into a markdown table.

Usage: python3 benchmarks/report.py bench-results

Every number is a median: JMH's 50th percentile of the measurement iterations, PyTorch's median of
its timed rounds. Ratios compare the two sides of one run on one machine. The spread column is
max/min over those iterations (TinyTorch per JDK, then PyTorch), a warning sign for a busy machine.
"""

import glob
import json
import os
import statistics
import sys

F32, F64 = 4, 8
MM_FLOPS = 2 * 1024 ** 3
BMM_FLOPS = 2 * 8 * 256 ** 3
EW_BYTES = 3 * 4 * 10_000_000  # two 10M-float reads and one write per add
COPY_BYTES = 2 * 4 * 10_000_000  # one read and one write per copy
UNIT_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}


def essential_bytes():
    """Bytes of the tensors a step must produce: forward outputs plus the parameters' gradients.

    A lower bound for an implementation that allocates each result once and nothing else; it leaves
    out backward intermediates (gradients of activations), which an engine also has to create.
    """
    graph = F32 * (10 + 10 + 10 + 1) + F32 * (10 + 10)  # x*w, +b, relu, sum; grads of w and b
    xor_fwd = 4 * 16 * 3 + 4 * 3 + 4 * 2 + 1  # matmul, add, relu; matmul, add, sigmoid; sub, square; mean
    xor_grads = 2 * 16 + 16 + 16 + 1
    sizes = [784, 128, 64, 10]
    mlp_fwd = sum(64 * n * (3 if i < 2 else 2) for i, n in enumerate(sizes[1:]))  # matmul, add[, relu]
    mlp_fwd += 1  # the fused cross-entropy's scalar
    mlp_grads = sum(sizes[i] * sizes[i + 1] + sizes[i + 1] for i in range(3))
    return {
        "TinyGraphBench.forwardBackward": graph,
        "XorStepBench.step": F32 * (xor_fwd + xor_grads),
        "MlpStepBench.step": F32 * (mlp_fwd + mlp_grads),
        "MlpStepBench.sgdUpdate": 0,
        "TinyOpBench.add": F32 * 10,
        "ElementwiseBench.add": F32 * 10_000_000,
        "ElementwiseBench.addInPlace": 0,
        "ElementwiseBench.copyInPlace": 0,
    }


def load_jmh(path):
    out = {}
    for entry in json.load(open(path)):
        name = ".".join(entry["benchmark"].split(".")[-2:])
        if entry.get("params"):
            name += ":" + ",".join(entry["params"].values())
        pm = entry["primaryMetric"]
        seconds = pm["scorePercentiles"]["50.0"] * UNIT_SECONDS[pm["scoreUnit"]]
        alloc = None
        for metric, value in entry.get("secondaryMetrics", {}).items():
            if metric.endswith("gc.alloc.rate.norm"):
                alloc = value["scorePercentiles"]["50.0"]
        raw = [x for fork in pm.get("rawData", []) for x in fork]
        spread = max(raw) / min(raw) if raw and min(raw) > 0 else None
        out[name] = {"seconds": seconds, "alloc": alloc, "spread": spread}
    return out


# (key, label, kind, work): kind decides the metric and the target
ROWS = []
for dt, size in (("FLOAT32", "fp32"), ("FLOAT64", "fp64")):
    ROWS += [
        (f"MatmulBench.contiguous:{dt}", f"matmul {size} 1024², contiguous", "mm", MM_FLOPS),
        (f"MatmulBench.transposedA:{dt}", f"matmul {size} 1024², a.T @ b", "mm-t", MM_FLOPS),
        (f"MatmulBench.transposedB:{dt}", f"matmul {size} 1024², a @ b.T", "mm-t", MM_FLOPS),
        (f"MatmulBench.batched:{dt}", f"matmul {size} [8,256,256] batched", "mm-b", BMM_FLOPS),
    ]
ROWS += [
    ("MatmulOneThreadBench.contiguous:FLOAT32", "matmul fp32 1024², 1 thread (diagnostic)", "mm1", MM_FLOPS),
    ("MatmulOneThreadBench.contiguous:FLOAT64", "matmul fp64 1024², 1 thread (diagnostic)", "mm1", MM_FLOPS),
    ("TinyOpBench.add", "add, two 10-element fp32 tensors", "overhead", None),
    ("TinyGraphBench.forwardBackward", "tiny graph (x*w+b).relu().sum(), fwd+bwd", "overhead", None),
    ("TinyGraphBench.forwardRecorded", "tiny graph, forward only, recording (diagnostic)", "step", None),
    ("TinyGraphBench.forwardNoGrad", "tiny graph, forward only, no_grad (diagnostic)", "step", None),
    ("XorStepBench.step", "XOR 2-16-1 SGD step, batch 4", "overhead", None),
    ("MlpStepBench.step", "MLP 784-128-64-10 SGD step, batch 64, 1 thread", "step", None),
    ("ElementwiseBench.add", "add 10M fp32, new result (allocation-bound, diagnostic)", "bw-diag", EW_BYTES),
    ("ElementwiseBench.addInPlace", "add 10M fp32, in place (a += b / a.add_(b))", "bw", EW_BYTES),
    ("ElementwiseBench.copyInPlace", "copy 10M fp32 into a tensor, a.copy_(b) (diagnostic)", "bw-diag", COPY_BYTES),
]


# JMH benchmark -> the workload turns.py runs for it; those rows are judged on the turns
TURN_KEY = {"ElementwiseBench.addInPlace": "add"}
for _dt in ("FLOAT32", "FLOAT64"):
    TURN_KEY.update({f"MatmulBench.contiguous:{_dt}": f"mm:{_dt}", f"MatmulBench.transposedA:{_dt}": f"mmTA:{_dt}",
                     f"MatmulBench.transposedB:{_dt}": f"mmTB:{_dt}", f"MatmulBench.batched:{_dt}": f"bmm:{_dt}"})


def load_turns(path):
    """What benchmarks/turns/turns.py wrote: per workload and participant, medians over rounds."""
    if not os.path.exists(path):
        return None
    return json.load(open(path))


def fmt_time(s):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def fmt_bytes(b):
    if b is None:
        return "—"
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if b >= scale:
            return f"{b / scale:.3g} {unit}"
    return f"{b:.0f} B"


def metric(kind, work, seconds):
    """(value, text) in the row's unit: GFLOPS, GB/s or a time."""
    if kind.startswith("mm"):
        v = work / seconds / 1e9
        return v, f"{v:.1f} GFLOPS"
    if kind.startswith("bw"):
        v = work / seconds / 1e9
        return v, f"{v:.1f} GB/s"
    return seconds, fmt_time(seconds)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "bench-results"
    runs = {}
    for path in sorted(glob.glob(os.path.join(d, "jmh-*.json"))):
        label = os.path.basename(path)[4:-5]
        if os.path.getsize(path) > 0:
            runs[label] = load_jmh(path)
    pt_path = os.path.join(d, "pytorch.json")
    pt = json.load(open(pt_path)) if os.path.exists(pt_path) else {"results": {}}
    torch_label = f"PyTorch {pt.get('torch', '?')}"
    base = [l for l in runs if not l.endswith("-vector")]  # jdk17, jdk25
    vector = {l: f"{l}-vector" in runs for l in base}

    turns = load_turns(os.path.join(d, "turns.json"))
    if turns:
        print(f"Matmul and in-place add rows: medians over {turns['rounds']} rounds of alternating turns "
              "(benchmarks/turns/turns.py); the other rows: JMH against bench.py.")
        print()

    cols = ["workload", *[f"TinyTorch {l}" for l in base], torch_label,
            *[f"ratio {l}" for l in base], "target", *[f"met {l}" for l in base],
            f"alloc/op {base[0]}" if base else "alloc/op", "spread"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))

    def row(key, label, kind, work, suffix):
        ours = {l: runs.get(l + suffix, {}).get(key) for l in base}
        w = TURN_KEY.get(key)
        per = turns["summary"].get(w, {}) if turns and w else {}
        turned = bool(per) and all(l + suffix in per for l in base) and "PyTorch" in per
        if not turned and not any(ours.values()) and (suffix or key not in pt["results"]):
            return
        theirs = pt["results"].get(key)
        cells = [label + (" (Vector API)" if suffix else "")]
        vals, ratios, tv = {}, {}, None
        unit = "GB/s" if kind.startswith("bw") else "GFLOPS"
        if turned:
            for l in base:
                vals[l] = per[l + suffix]["median"]
                ratios[l] = per[l + suffix]["of_pytorch"]
                cells.append(f"{vals[l]:.1f} {unit}")
            tv = per["PyTorch"]["median"]
            cells.append(f"{tv:.1f} {unit}")
            cells += [f"{100 * ratios[l]:.0f} %" for l in base]
        else:
            for l in base:
                if ours[l]:
                    vals[l], text = metric(kind, work, ours[l]["seconds"])
                    cells.append(text)
                else:
                    cells.append("—")
            if theirs:
                tv, text = metric(kind, work, theirs["seconds"])
                cells.append(text)
            else:
                cells.append("—")
            for l in base:
                if l in vals and tv:
                    if kind in ("overhead", "step"):
                        ratios[l] = tv / vals[l]
                        cells.append(f"{ratios[l]:.1f}x faster" if ratios[l] >= 1 else f"{1 / ratios[l]:.1f}x slower")
                    else:
                        ratios[l] = vals[l] / tv
                        cells.append(f"{100 * ratios[l]:.0f} %")
                else:
                    cells.append("—")
        # target and whether it was met
        need = 0.9 if suffix else 0.5
        if kind == "mm" or (kind == "mm-b" and suffix):
            target = f"≥ {need:.0%} of PyTorch"
            met = {l: ratios.get(l, 0) >= need for l in base}
        elif kind == "mm-b" and turned and all("of_own_contiguous" in per[l] for l in base):
            # The issue asks for batched operands "as fast as contiguous ones": the same multiply-adds
            # as one contiguous product ([2048,256] @ [256,256], turns.py's mm2048), same rounds.
            ratio_text = " / ".join(f"{100 * per[l]['of_own_contiguous']:.0f} %" for l in base)
            own = per["PyTorch"].get("of_own_contiguous")
            torch_text = f"; PyTorch's {100 * own:.0f} %" if own else ""
            target = f"≥ 90 % of the same work as one contiguous product ({ratio_text}{torch_text})"
            met = {l: per[l]["of_own_contiguous"] >= 0.9 for l in base}
        elif kind == "mm-b":
            target, met = "— (run turns.py)", {}
        elif kind == "mm-t" and turned:
            ratio_text = " / ".join(f"{100 * per[l + suffix]['of_own_contiguous']:.0f} %" for l in base)
            target = f"≥ 90 % of our contiguous in the same rounds ({ratio_text})"
            met = {l: per[l + suffix]["of_own_contiguous"] >= 0.9 for l in base}
        elif kind == "mm-t":
            contig = key.replace("transposedA", "contiguous").replace("transposedB", "contiguous")
            target = "≥ 90 % of our contiguous"
            met = {}
            for l in base:
                c = runs.get(l + suffix, {}).get(contig)
                met[l] = bool(c and ours[l]) and c["seconds"] / ours[l]["seconds"] >= 0.9
        elif kind == "mm1":
            target, met = "—", {}
        elif kind == "overhead":
            target = "≥ 10x faster"
            met = {l: ratios.get(l, 0) >= 10 for l in base}
        elif kind == "bw" and turned and "of_fastest_other" in per["PyTorch"]:
            ratio_text = " / ".join(f"{100 * per[l]['of_fastest_other']:.0f} %" for l in base)
            target = f"≥ 80 % of the fastest other loop (C or PyTorch) in the same rounds ({ratio_text})"
            met = {l: per[l]["of_fastest_other"] >= 0.8 for l in base}
        elif kind == "bw":
            target, met = "— (run turns.py)", {}
        else:
            target, met = ("—" if "diagnostic" in label else "— (none set yet)"), {}
        cells.append(target)
        for l in base:
            cells.append("—" if l not in met or l not in vals else ("yes" if met[l] else "**no**"))
        first = ours[base[0]] if base else None
        cells.append(fmt_bytes(first["alloc"]) if first and first["alloc"] is not None and not suffix else "")
        # max/min over the timed iterations (ours, per JDK) and rounds (PyTorch): above 1.2 the
        # machine was busy or the JIT not settled, and the row's ratio deserves less trust
        if turned:  # over the rounds of turns
            rates = turns["rates"][w]
            spreads = [max(rates[n]) / min(rates[n]) for n in [l + suffix for l in base] + ["PyTorch"]]
        else:
            spreads = [(ours[l] or {}).get("spread") for l in base]
            if theirs and theirs.get("rounds"):
                spreads.append(max(theirs["rounds"]) / min(theirs["rounds"]))
        cells.append(" / ".join("—" if x is None else f"{x:.2f}" for x in spreads))
        print("| " + " | ".join(cells) + " |")

    for key, label, kind, work in ROWS:
        row(key, label, kind, work, "")
        if kind.startswith("mm") and any(vector.values()):
            row(key, label, kind, work, "-vector")

    if turns and "add" in turns["summary"]:
        print()
        print(f"In-place add of 10M floats in alternating turns, every loop that ran it "
              f"(medians over {turns['rounds']} rounds):")
        print()
        rates = turns["rates"]["add"]
        c_names = [n for n in rates if n.startswith("C ")]
        faster_c = [max(rates[n][r] for n in c_names) for r in range(turns["rounds"])] if c_names else None
        print("| loop | GB/s | of the fastest other loop in the same round | of PyTorch in the same round "
              "| of the faster C build in the same round |")
        print("|---|---|---|---|---|")
        for n, e in turns["summary"]["add"].items():
            fo, op = e.get("of_fastest_other"), e.get("of_pytorch")
            oc = statistics.median(x / c for x, c in zip(rates[n], faster_c)) if faster_c else None
            print(f"| {n} | {e['median']:.1f} | {'—' if fo is None else f'{100 * fo:.0f} %'} | "
                  f"{'—' if op is None or n == 'PyTorch' else f'{100 * op:.0f} %'} | "
                  f"{'—' if oc is None or n.startswith('C ') else f'{100 * oc:.0f} %'} |")

    if base:
        ess = essential_bytes()
        print()
        print(f"Allocation per call ({base[0]}, JMH -prof gc, gc.alloc.rate.norm) vs the bytes of the results:")
        print()
        print("| workload | allocated per call | results' data (forward outputs + parameter grads) | ratio |")
        print("|---|---|---|---|")
        for key in ("TinyOpBench.add", "TinyGraphBench.forwardBackward", "XorStepBench.step",
                    "MlpStepBench.step", "MlpStepBench.sgdUpdate", "ElementwiseBench.add",
                    "ElementwiseBench.addInPlace", "ElementwiseBench.copyInPlace"):
            r = runs[base[0]].get(key)
            if not r or r["alloc"] is None:
                continue
            e = ess.get(key)
            ratio = f"{r['alloc'] / e:.1f}x" if e else "—"
            print(f"| {key} | {fmt_bytes(r['alloc'])} | {fmt_bytes(e) if e else '0 (nothing new)'} | {ratio} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Which TinyTorch kernel loops C2 compiled to SIMD code, per JDK, read from the machine code itself.

A loop the JIT leaves scalar runs 4-16x fewer elements per instruction and cannot stream memory at
full speed (tinytorch-tensor's Lanes.java says why loops index all arrays with one i). This runs
KernelWorkout with -XX:CompileCommand=print on the kernel classes, disassembles each C2-compiled
method with objdump (the JVM prints raw bytes when it has no hsdis), and counts packed SIMD
arithmetic on 256- and 512-bit registers (vaddps ymm, vmulpd zmm, ...) against arithmetic on xmm
(vaddss, vmaxsd, ...). A hot elementwise loop should show SIMD arithmetic on every JDK.

  benchmarks/jit/packed.py [--java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--jar benchmarks/target/benchmarks.jar]
"""
import argparse
import re
import subprocess
import sys
import tempfile

CLASSES = ["BinaryFloat", "BinaryDouble", "UnaryFloat", "UnaryDouble", "InPlace", "ReduceRows", "SpreadRows"]
# Floating-point arithmetic. It counts as SIMD only on ymm/zmm registers: JDK 25 computes a scalar
# Math.max with packed instructions on xmm (vmaxpd, vblendvpd), and zeroing or arraycopy code moves
# wide registers without any arithmetic.
ARITH = re.compile(r"^v(add|sub|mul|div|max|min|sqrt|fn?m(add|sub)\d*|cvt)\w*$")


def disassemble(hex_dump):
    raw = bytes.fromhex(re.sub(r"[^0-9a-f]", "", hex_dump))
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(raw)
        f.flush()
        out = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", f.name],
                             capture_output=True, text=True, check=True).stdout
    ops = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip():
            ops.append(parts[2].strip())
    return ops


def short(descriptor):
    """'(Ldev/tinytorch/tensor/BinaryOp;[FI[FI[FII)' -> 'BinaryOp,float[],int,...', the way javadoc writes it."""
    names = {"F": "float", "D": "double", "I": "int", "J": "long", "Z": "boolean"}
    out, i = [], 0
    while i < len(descriptor):
        dims = 0
        while descriptor[i] == "[":
            dims, i = dims + 1, i + 1
        if descriptor[i] == "L":
            end = descriptor.index(";", i)
            name, i = descriptor[i + 1:end].split("/")[-1], end + 1
        else:
            name, i = names.get(descriptor[i], descriptor[i]), i + 1
        out.append(name + "[]" * dims)
    return ",".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--java", default="java")
    p.add_argument("--jar", default="benchmarks/target/benchmarks.jar")
    args = p.parse_args()
    cmd = [args.java, "-XX:+UnlockDiagnosticVMOptions", "-XX:CompileCommand=quiet", "-Dtinytorch.quiet=true"]
    cmd += [f"-XX:CompileCommand=print,dev.tinytorch.tensor.{c}::*" for c in CLASSES]
    cmd += ["-cp", args.jar, "dev.tinytorch.bench.KernelWorkout"]
    log = subprocess.run(cmd, capture_output=True, text=True)
    if log.returncode != 0:
        sys.exit(f"packed.py: KernelWorkout failed:\n{log.stderr[-2000:]}")
    rows = {}
    pattern = r"Compiled method \(c2\)[^\n]*?(\d+)( %)?\s+(?:\d+\s+)?dev\.tinytorch\.tensor\.(\S+) \((\d+) bytes\)\n(.*?)\[/MachCode\]"
    for m in re.finditer(pattern, log.stdout, re.S):
        if m.group(2):  # on-stack replacement copies: the method's own compilation is what runs later
            continue
        sig = re.search(r"# \{method\} \{0x[0-9a-f]+\} '[^']+' '\(([^)]*)\)", m.group(5))
        method = m.group(3) + (f"({short(sig.group(1))})" if sig else "")
        body = "".join(re.findall(r"0x[0-9a-f]+: ((?:[0-9a-f]{2,4}\s?\|?\s?)+)", m.group(5)))
        arith = [o for o in disassemble(body) if ARITH.match(o.split()[0])]
        packed = sum(1 for o in arith if "ymm" in o or "zmm" in o)
        scalar = sum(1 for o in arith if "ymm" not in o and "zmm" not in o and "xmm" in o)
        rows[method] = (packed, scalar)  # the last compilation of a method wins
    if not rows:
        sys.exit("packed.py: no C2-compiled kernel found in the JVM's output")
    version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"{version}: C2-compiled kernel methods, floating-point arithmetic on ymm/zmm (SIMD) / on xmm (scalar)")
    for method in sorted(rows):
        packed, scalar = rows[method]
        # A handful of scalar moves is a dispatcher passing a value on, not a loop.
        verdict = "SIMD" if packed >= 2 else ("scalar" if scalar >= 4 else "no loop (dispatch)")
        print(f"  {method:78s} {packed:4d} / {scalar:4d}  {verdict}")


if __name__ == "__main__":
    main()

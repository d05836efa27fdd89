"""Golden values for the elementwise kernels (ErfTest, MathFunctionsTest, UnaryOpsTest, ElementwiseTest).

Run with Debian's python, which has torch 1.13 and mpmath:
    /usr/bin/python3 tools/golden/elementwise.py
It prints Java array literals to paste into the tests. Float64 values are PyTorch's; where
PyTorch's own formula cancels (the far negative tail of gelu) the script also prints 50-digit
mpmath values, labelled as such.
"""
import math

import mpmath
import torch

mpmath.mp.dps = 50


def jd(values):
    """Java double literals that round-trip exactly."""
    out = []
    for v in values:
        if math.isnan(v):
            out.append("Double.NaN")
        elif math.isinf(v):
            out.append("Double.POSITIVE_INFINITY" if v > 0 else "Double.NEGATIVE_INFINITY")
        else:
            out.append(repr(float(v)))
    return "{" + ", ".join(out) + "}"


def jf(values):
    """Java float literals, exact (a float's shortest double repr reads back to the same float)."""
    out = []
    for v in values:
        if math.isnan(v):
            out.append("Float.NaN")
        elif math.isinf(v):
            out.append("Float.POSITIVE_INFINITY" if v > 0 else "Float.NEGATIVE_INFINITY")
        else:
            out.append("%.9gf" % v)
    return "{" + ", ".join(out) + "}"


def show(name, xs, fn, float32=True):
    x64 = torch.tensor(xs, dtype=torch.float64)
    print(f"// {name}")
    print(f"X = {jd(xs)};")
    print(f"F64 = {jd(fn(x64).tolist())};")
    if float32:
        x32 = x64.float()
        print(f"F32 = {jf(fn(x32).tolist())};")
    print()


ERF_X = [0.0, 1e-300, 1e-10, -1e-10, 1e-3, 0.1, -0.3, 0.46875, 0.4688, -0.5, 0.5, 0.75,
         -1.0, 1.0, 1.5, -2.0, 2.0, 3.0, 3.999, 4.0, 4.001, -4.0, 5.0, -6.0, 6.0, 10.0,
         -30.0, 30.0]
show("erf", ERF_X, torch.erf)
ERFC_X = [-6.0, -2.0, -0.5, 0.0, 0.2, 0.46875, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5, 6.0, 10.0, 20.0,
          26.0, 27.0]
show("erfc", ERFC_X, torch.special.erfc, float32=False)

UNARY_X = [-1000.0, -30.0, -10.0, -3.0, -1.0, -0.5, 0.0, 1e-8, 0.5, 1.0, 2.5, 10.0, 30.0, 1000.0]
POS_X = [1e-300, 1e-10, 0.1, 0.5, 1.0, 2.0, 10.0, 1e10, 1e300]
show("exp", [-800.0, -700.0, -20.0, -1.0, 0.0, 1e-10, 0.5, 1.0, 20.0, 88.0, 700.0, 710.0], torch.exp)
show("log", POS_X, torch.log)
show("tanh", UNARY_X, torch.tanh)
show("sigmoid", UNARY_X, torch.sigmoid)
GELU_X = [-3.0, -2.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.0, 10.0, 1000.0]
show("gelu", GELU_X, torch.nn.functional.gelu)
show("gelu tanh", GELU_X, lambda t: torch.nn.functional.gelu(t, approximate="tanh"))



def mp_gelu(v):
    x = mpmath.mpf(v)
    return float(x * mpmath.ncdf(x))


def mp_gelu_tanh(v):
    x = mpmath.mpf(v)
    u = mpmath.sqrt(2 / mpmath.pi) * (x + mpmath.mpf("0.044715") * x ** 3)
    return float(x / 2 * (1 + mpmath.tanh(u)))


# torch's float64 gelu forms 1 + erf(x/sqrt 2) (or 1 + tanh u), which cancels for negative x: at
# x = -3 it is already 6e-15 off, and from x = -8 on it returns 0. So the kernels are also held
# to 50-digit mpmath values, and the left tail only to those.
print("// gelu and gelu tanh at GELU_X, mpmath")
print(f"GELU_MP = {jd([mp_gelu(v) for v in GELU_X])};")
print(f"GELU_TANH_MP = {jd([mp_gelu_tanh(v) for v in GELU_X])};")
TAIL_X = [-5.0, -8.0, -10.0, -30.0]
print("// left tail, mpmath")
print(f"TAIL_X = {jd(TAIL_X)};")
print(f"GELU_TAIL = {jd([mp_gelu(v) for v in TAIL_X])};")
print(f"GELU_TANH_TAIL = {jd([mp_gelu_tanh(v) for v in TAIL_X])};")
print()

POW_X = [0.0, 0.5, 1.5, 2.0, 3.0, 10.0]
for e in [2.5, -0.5, 1.0 / 3.0, -2.0, 0.1]:
    show(f"pow {e!r}", POW_X, lambda t: t.pow(e))

# float32 pow with a non-special exponent. torch 1.13's scalar path (under 8 elements) uses the
# double exponent; its SIMD path rounds it to float first. The kernels follow the scalar path.
xs = torch.tensor([1e30, 3e25, 7.5e20, 123456.7, 1e-30, 5e-20], dtype=torch.float32)
print("// pow float32, double exponent 0.1")
print(f"X = {jf(xs.tolist())};")
print(f"F32 = {jf(xs.pow(0.1).tolist())};")
print()

# float32 arithmetic is done in float: these must match bit for bit.
a = [0.1, 1.0, 1.0 / 3.0, 1e-8, 16777216.0, 3.4e38]
b = [0.2, 3.0, 7.0, 1.0, 1.0, 10.0]
ta = torch.tensor(a, dtype=torch.float32)
tb = torch.tensor(b, dtype=torch.float32)
print("// float32 arithmetic")
print(f"A = {jf(ta.tolist())};")
print(f"B = {jf(tb.tolist())};")
for name, r in [("ADD", ta + tb), ("SUB", ta - tb), ("MUL", ta * tb), ("DIV", ta / tb)]:
    print(f"{name} = {jf(r.tolist())};")

"""Golden values for Im2ColTest (torch.nn.functional.unfold / fold / conv2d), computed in float64.

Run with Debian's python (torch 1.13):  /usr/bin/python3 tools/golden/im2col.py
Inputs are arange-based tensors, (arange(n) - shift) * scale, so the test can rebuild them exactly.
Integer-valued results are printed without a decimal point.
"""
import torch
import torch.nn.functional as F


def arange(n, scale, shift, *shape):
    return ((torch.arange(n, dtype=torch.float64) - shift) * scale).reshape(*shape)


def show(name, t):
    flat = [float(v) for v in t.flatten()]
    if all(v == int(v) for v in flat):
        vals = ", ".join(str(int(v)) for v in flat)
    else:
        vals = ", ".join(repr(v) for v in flat)
    print(f"// {name}: shape {list(t.shape)}")
    print(f"{{{vals}}};")


# unfold A: [1,1,4,4] = 1..16, kernel 2x2, defaults
show("unfold A [1,1,4,4] k2", F.unfold(arange(16, 1, -1, 1, 1, 4, 4), (2, 2)))

# unfold B: [2,2,4,5], kernel (3,2), stride 2, padding 1
show("unfold B [2,2,4,5] k(3,2) s2 p1",
     F.unfold(arange(80, 0.5, 40, 2, 2, 4, 5), (3, 2), stride=2, padding=1))

# unfold C: [1,2,5,6], kernel (2,3), dilation (2,1), padding (0,1), stride (1,2)
show("unfold C [1,2,5,6] k(2,3) d(2,1) p(0,1) s(1,2)",
     F.unfold(arange(60, 1, 0, 1, 2, 5, 6), (2, 3), dilation=(2, 1), padding=(0, 1), stride=(1, 2)))

# unfold D: [1,1,5,5], kernel 3x3, dilation 2, padding 2, stride 2
show("unfold D [1,1,5,5] k3 d2 p2 s2",
     F.unfold(arange(25, 1, -1, 1, 1, 5, 5), 3, dilation=2, padding=2, stride=2))

# fold E: [2,12,15] -> (4,5), kernel (2,3), stride (1,2), padding (1,1)
show("fold E [2,12,15] -> (4,5) k(2,3) s(1,2) p1",
     F.fold(arange(360, 0.25, 100, 2, 12, 15), (4, 5), (2, 3), stride=(1, 2), padding=1))

# fold F: [1,4,9] -> (5,5), kernel 2x2, dilation 2
show("fold F [1,4,9] -> (5,5) k2 d2", F.fold(arange(36, 1, 0, 1, 4, 9), (5, 5), 2, dilation=2))

# fold G: ones [1,9,16] -> (4,4), kernel 3x3, padding 1: how many windows cover each pixel
show("fold G ones [1,9,16] -> (4,4) k3 p1", F.fold(torch.ones(1, 9, 16, dtype=torch.float64), (4, 4), 3, padding=1))

# conv2d H: x [2,3,5,4], w [2,3,3,2], stride (2,1), padding 1, dilation (1,2), no bias
x = arange(120, 0.1, 60, 2, 3, 5, 4)
w = arange(36, 0.05, 17, 2, 3, 3, 2)
show("conv2d H x[2,3,5,4] w[2,3,3,2] s(2,1) p1 d(1,2)", F.conv2d(x, w, stride=(2, 1), padding=1, dilation=(1, 2)))

#!/usr/bin/python3
"""Golden layouts for ViewsTest: shape, strides, storage offset and values of PyTorch 1.13 views.

Run: /usr/bin/python3 tools/golden/views.py
It prints Java constants (ViewsTest.Expect) to paste into
tinytorch-tensor/src/test/java/dev/tinytorch/tensor/ViewsTest.java. All inputs are arange values,
which the Java test builds the same way.
"""
import torch


def ar(*shape, start=0):
    n = 1
    for s in shape:
        n *= s
    return torch.arange(start, start + n, dtype=torch.float64).reshape(*shape)


def j_ints(xs):
    return "new int[] {" + ", ".join(str(x) for x in xs) + "}"


def j_doubles(xs):
    return "new double[] {" + ", ".join(str(int(x)) if float(x).is_integer() else repr(float(x)) for x in xs) + "}"


a23 = ar(2, 3)
b23 = ar(2, 3, start=6)
c234 = ar(2, 3, 4)

CASES = [
    ("RESHAPE_NARROWED", ar(4, 6)[:, :4].reshape(4, 2, 2)),
    ("RESHAPE_TRANSPOSED_ADD_DIM", a23.t().reshape(3, 2, 1)),
    ("RESHAPE_TRANSPOSED_FLAT", a23.t().reshape(6)),
    ("RESHAPE_INFER", c234.reshape(2, -1, 4).reshape(-1, 6)),
    ("PERMUTE_201", c234.permute(2, 0, 1)),
    ("PERMUTE_NEG", c234.permute(-1, -3, -2)),
    ("TRANSPOSE_NEG", c234.transpose(-1, 0)),
    ("UNSQUEEZE_T_1", a23.t().unsqueeze(1)),
    ("UNSQUEEZE_T_END", a23.t().unsqueeze(-1)),
    ("UNSQUEEZE_FRONT", c234.unsqueeze(0)),
    ("SQUEEZE_ALL", ar(1, 3, 1, 2).squeeze()),
    ("SQUEEZE_ONE", ar(1, 3, 1, 2).squeeze(2)),
    ("EXPAND_NEW_DIMS", ar(3, 1).expand(2, 3, 4)),
    ("EXPAND_KEEP", ar(3, 1).expand(-1, 2)),
    ("NARROW_COLS", ar(3, 4).narrow(1, 1, 2)),
    ("NARROW_NEG_START", ar(3, 4).narrow(0, -2, 2)),
    ("SLICE_TAIL_CLIPPED", ar(10)[-2:100]),
    ("SLICE_NEG_END", ar(3, 4)[:, -100:-1]),
    ("SLICE_EMPTY", ar(10)[5:2]),
    ("SELECT_MIDDLE_NEG", c234.select(1, -1)),
    ("SELECT_LAST", c234.select(2, 1)),
    ("FLATTEN_1_2", c234.flatten(1, 2)),
    ("FLATTEN_T", a23.t().flatten()),
    ("CONTIGUOUS_T", a23.t().contiguous()),
    ("CAT_0", torch.cat([a23, b23], 0)),
    ("CAT_1", torch.cat([a23, b23[:, :2]], 1)),
    ("CAT_NEG_3D", torch.cat([c234[:1], ar(1, 3, 4, start=50)], -3)),
    ("CAT_MIDDLE_3D", torch.cat([c234, ar(2, 1, 4, start=100)], 1)),
    ("CAT_PROMOTE", torch.cat([torch.tensor([0.1], dtype=torch.float32), torch.tensor([0.1], dtype=torch.float64)])),
    ("STACK_0", torch.stack([a23, b23], 0)),
    ("STACK_1", torch.stack([a23, b23], 1)),
    ("STACK_NEG", torch.stack([a23, b23], -1)),
]


def main():
    for name, t in CASES:
        print("  static final Expect %s =\n      new Expect(%s, %s, %d,\n          %s);" % (
            name, j_ints(t.shape), j_ints(t.stride()), t.storage_offset(), j_doubles(t.reshape(-1).tolist())))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Golden strings for TensorFormatTest: how PyTorch 1.13 prints each case.

Run with Debian's python (it has torch): /usr/bin/python3 tools/golden/format.py
It prints Java constants to paste into
tinytorch-tensor/src/test/java/dev/tinytorch/tensor/TensorFormatTest.java.
Each case is built the way the Java test builds it: explicit values, or seq(n, a, b) = the
values i * a + b (computed in float64, then rounded to the dtype), reshaped.

One deliberate difference: TinyTorch names the dtype as Java code does (dtype=FLOAT64), not with
PyTorch's namespace (dtype=torch.float64). The suffix is renamed before PyTorch lays the line out,
so its wrapping at 80 columns is PyTorch's own for the shorter suffix.
"""
import json

import torch
import torch._tensor_str as tensor_str

_add_suffixes = tensor_str._add_suffixes


def _java_dtype_names(tensor_string, suffixes, indent, force_newline):
    renamed = [s.replace("dtype=torch.float64", "dtype=FLOAT64").replace("dtype=torch.float32", "dtype=FLOAT32")
               for s in suffixes]
    return _add_suffixes(tensor_string, renamed, indent, force_newline)


tensor_str._add_suffixes = _java_dtype_names

f32, f64 = torch.float32, torch.float64


def seq(n, a, b, dtype=f32):
    return torch.tensor([i * a + b for i in range(n)], dtype=dtype)


nan, inf = float("nan"), float("inf")

CASES = [
    ("MATRIX", torch.tensor([[1.0, 2.0], [3.0, 4.0]])),
    ("MATRIX_F64", torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=f64)),
    ("SCALAR", torch.tensor(3.0)),
    ("SCALAR_F64", torch.tensor(2.5, dtype=f64)),
    ("SCALAR_NEG_SMALL", torch.tensor(-1.5e-7)),
    ("ONE_ELEMENT", torch.tensor([5.0])),
    ("EMPTY", torch.zeros(0)),
    ("EMPTY_0x3", torch.zeros(0, 3)),
    ("EMPTY_2x0_F64", torch.zeros(2, 0, dtype=f64)),
    ("FRACTIONS", torch.tensor([1.5, -2.25, 3.14159])),
    ("TENTHS", torch.tensor([0.1, 0.2, 0.3])),
    ("NEGATIVE_PADDING", torch.tensor([[-1.5, 2.0], [3.0, -40.25]])),
    ("SCI_SMALL", torch.tensor([1e-5, 1.0])),
    ("SCI_RATIO", torch.tensor([1.0, 2000.5])),
    ("SCI_MIXED_SIGNS", torch.tensor([-1.2345e-8, 3.0e5, 0.0])),
    ("INT_SCI_RATIO", torch.tensor([1.0, 10000.0])),
    ("INT_SCI_BIG", torch.tensor([1e9, 1.0])),
    ("INT_NEGATIVE", torch.tensor([-1.0, 20.0, 300.0])),
    ("NEGATIVE_ZERO", torch.tensor([-0.0, 1.0])),
    ("NEGATIVE_ZERO_FIXED", torch.tensor([[-0.0, 0.5]])),
    ("NONFINITE", torch.tensor([nan, inf, -inf, 1.5])),
    ("NONFINITE_INT", torch.tensor([nan, inf, -inf, 2.0])),
    ("ONLY_NAN", torch.tensor([nan])),
    ("ZEROS", torch.zeros(3)),
    ("ROUND_HALF_EVEN_F64", torch.tensor([0.125, 1.00005, 2.00015, 0.00015], dtype=f64)),
    ("ROUND_HALF_EVEN_FIXED_F64", torch.tensor([0.03125, 0.15625, 1.00005, 2.71828], dtype=f64)),
    ("WRAPPED_VECTOR", seq(30, 1.5, 0.25)),
    ("WRAPPED_ROWS", seq(60, 0.731, -20.0).reshape(2, 30)),
    ("CUBE", seq(24, 1.0, 0.0).reshape(2, 3, 4)),
    ("RANK4", seq(16, 0.5, -4.0).reshape(2, 2, 2, 2)),
    ("SUMMARY_1D", seq(2000, 1.0, 0.0)),
    ("SUMMARY_2D", seq(2000, 0.37, -100.0).reshape(40, 50)),
    ("SUMMARY_3D", seq(1331, 1.0, 0.0).reshape(11, 11, 11)),
    ("SUMMARY_NARROW", seq(1002, 0.25, 0.0).reshape(501, 2)),
    ("SUMMARY_F64", seq(1001, 0.001, 0.0, f64)),
    ("TRANSPOSED", seq(6, 1.0, 1.0).reshape(2, 3).t()),
    ("EXPANDED", torch.tensor([1.0, 2.0]).expand(3, 2)),
    ("REQUIRES_GRAD", torch.tensor([1.0, 2.0], requires_grad=True)),
    ("REQUIRES_GRAD_F64", torch.tensor([[1.0, 2.0]], dtype=f64, requires_grad=True)),
    ("GRAD_FN", torch.tensor([1.0, 2.0], dtype=f64, requires_grad=True) * 2),
    ("SUFFIX_WRAP", seq(7, 1.12345, 1234.5, f64)),
    ("SUFFIX_WRAP_SHORT", seq(5, 1.12345, 1234.5, f64)),
    ("SUFFIX_FITS", seq(4, 1.12345, 1234.5, f64)),
    ("SUFFIX_WRAP_GRAD", seq(7, 1.12345, 1234.5, f64).requires_grad_()),
]


def main():
    for name, t in CASES:
        print("  static final String %s =\n      %s;" % (name, json.dumps(repr(t))))


if __name__ == "__main__":
    main()

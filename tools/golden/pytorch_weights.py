"""PyTorch's side of tinytorch-nn's PyTorchWeightsTest, in float64.

Run with Debian's python3 (torch 1.13):
    /usr/bin/python3 tools/golden/pytorch_weights.py
writes tinytorch-nn/src/test/resources/dev/tinytorch/nn/io/pytorch_net.safetensors (the state dict of a
seeded Net, as safetensors.torch.save_file(model.state_dict(), path) would write it) and prints the Java
constants of the test: Net's eval-mode output for the input wave(64, 3) reshaped [2, 2, 4, 4], where
wave(n, shift) holds ((i * 37 + shift) % 101) / 50 - 1 (the test's Waves.wave).

    /usr/bin/python3 tools/golden/pytorch_weights.py --check FILE
loads FILE (written by TinyTorch's PyTorchWeights.save) into Net with load_state_dict (strict) and prints
its eval-mode output for the same input, comma-separated, for the test to compare.

The safetensors Python package is not installed on Debian, so this script reads and writes the format
itself: an 8-byte little-endian header length, a JSON header (dtype, shape, data_offsets per tensor and
an optional __metadata__), then the raw little-endian data.
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

D = torch.float64
OUT = Path(__file__).resolve().parents[2] / "tinytorch-nn/src/test/resources/dev/tinytorch/nn/io/pytorch_net.safetensors"


class Net(nn.Module):
    """conv -> batch norm -> relu, each pixel a token: fc, + position embedding, layer norm, self-attention, mean, head."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4, 6)
        self.pos = nn.Embedding(16, 6)
        self.norm = nn.LayerNorm(6)
        self.attn = nn.MultiheadAttention(6, 2, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, x):
        h = torch.relu(self.bn(self.conv(x)))           # [B, 4, 4, 4]
        tokens = h.reshape(h.shape[0], 4, 16).permute(0, 2, 1)   # [B, 16, 4]
        t = self.fc(tokens) + self.pos(torch.arange(16))
        t = self.norm(t)
        a, _ = self.attn(t, t, t, need_weights=False)
        return self.head(a.mean(dim=1))


def wave(n, shift=0):
    return torch.tensor([((i * 37 + shift) % 101) / 50 - 1 for i in range(n)], dtype=D)


CODES = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}
NUMPY = {"F64": "<f8", "F32": "<f4", "I64": "<i8", "I32": "<i4"}


def save_safetensors(tensors, path, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().astype(NUMPY[CODES[t.dtype]]).tobytes()
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load_safetensors(path):
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, e in header.items():
        b, end = e["data_offsets"]
        arr = np.frombuffer(raw[8 + n + b:8 + n + end], dtype=NUMPY[e["dtype"]]).reshape(e["shape"])
        out[name] = torch.from_numpy(arr.copy())
    return out


def x_input():
    return wave(64, 3).reshape(2, 2, 4, 4)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        net = Net().to(D)
        net.load_state_dict(load_safetensors(Path(sys.argv[2])), strict=True)
        net.eval()
        with torch.no_grad():
            print(",".join(repr(float(v)) for v in net(x_input()).reshape(-1)))
        return
    torch.manual_seed(11)
    net = Net().to(D)
    with torch.no_grad():   # the defaults are ones and zeros; random values test that each lands in place
        for p in (net.bn.weight, net.bn.bias, net.norm.weight, net.norm.bias, net.attn.in_proj_bias, net.attn.out_proj.bias):
            p.uniform_(-1, 1)
        net.train()
        for _ in range(3):   # running statistics and num_batches_tracked = 3
            net(torch.randn(5, 2, 4, 4, dtype=D) * 2 + 0.5)
    net.eval()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    save_safetensors(net.state_dict(), OUT)
    with torch.no_grad():
        y = net(x_input())
    print(f"  // {OUT.name}: " + ", ".join(f"{k} {list(v.shape)} {CODES[v.dtype]}" for k, v in net.state_dict().items()))
    print("  static final double[] EVAL_OUTPUT = {" + ", ".join(repr(float(v)) for v in y.reshape(-1)) + "};")


if __name__ == "__main__":
    main()

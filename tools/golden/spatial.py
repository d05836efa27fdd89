"""Golden values for tinytorch-nn's SpatialGoldenTest and AttentionGoldenTest, computed by PyTorch in float64.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 tools/golden/spatial.py
It prints the Java constants the tests hold. Every input is wave(n, shift): the values
((i * 37 + shift) % 101) / 50 - 1 for i = 0..n-1, which the Java tests compute the same way
(exact in float64), reshaped row-major. Each output y is reduced as (y * wave(y.numel(), 7)).sum()
before backward, so every gradient element is exercised with a different weight.

Layouts: our Linear weights and in_proj_weight are [in, out], PyTorch's [out, in]; the script
builds ours and hands PyTorch the transpose, and prints gradients back in our layout.
"""
import torch
import torch.nn.functional as F

D = torch.float64


def wave(n, shift=0):
    return torch.tensor([((i * 37 + shift) % 101) / 50 - 1 for i in range(n)], dtype=D)


def leaf(shape, shift):
    n = 1
    for s in shape:
        n *= s
    return wave(n, shift).reshape(shape).requires_grad_(True)


def weighted(y):
    return (y * wave(y.numel(), 7).reshape(y.shape)).sum()


def show(name, tensor):
    flat = ", ".join(repr(float(x)) for x in tensor.detach().reshape(-1))
    print(f"  static final double[] {name} = {{{flat}}};")


print("// ---- SpatialGoldenTest")

# 1. conv2d, stride 2, padding 1, bias: x [2, 3, 5, 6], weight [4, 3, 3, 3], bias [4]
x = leaf((2, 3, 5, 6), 1); w = leaf((4, 3, 3, 3), 2); b = leaf((4,), 3)
y = F.conv2d(x, w, b, stride=2, padding=1)
weighted(y).backward()
show("CONV_S2P1_Y", y); show("CONV_S2P1_GX", x.grad); show("CONV_S2P1_GW", w.grad); show("CONV_S2P1_GB", b.grad)

# 2. conv2d with a 2 x 3 kernel, stride 1, no padding, no bias: x [1, 2, 4, 5], weight [3, 2, 2, 3]
x = leaf((1, 2, 4, 5), 4); w = leaf((3, 2, 2, 3), 5)
y = F.conv2d(x, w, None, stride=1, padding=0)
weighted(y).backward()
show("CONV_RECT_Y", y); show("CONV_RECT_GX", x.grad); show("CONV_RECT_GW", w.grad)

# 3. max_pool2d: x [2, 2, 5, 5] (100 distinct values), kernel 2 (stride 2), and kernel 3 stride 2 (overlapping)
for name, k, s in (("MAXPOOL_K2", 2, 2), ("MAXPOOL_K3S2", 3, 2)):
    x = leaf((2, 2, 5, 5), 6)
    y = F.max_pool2d(x, k, s)
    weighted(y).backward()
    show(name + "_Y", y); show(name + "_GX", x.grad)

# 4. avg_pool2d: kernel 2 (stride 2), and kernel 3 stride 1
for name, k, s in (("AVGPOOL_K2", 2, 2), ("AVGPOOL_K3S1", 3, 1)):
    x = leaf((2, 2, 5, 5), 8)
    y = F.avg_pool2d(x, k, s)
    weighted(y).backward()
    show(name + "_Y", y); show(name + "_GX", x.grad)

print("// ---- AttentionGoldenTest")

# nn.MultiheadAttention(E=4, heads=2, batch_first=True), weights from our layouts:
#   in_proj_weight ours [E, 3E] = wave(48, 11), in_proj_bias wave(12, 12),
#   out_proj.weight ours [E, E] = wave(16, 13), out_proj.bias wave(4, 14).
E, H, B = 4, 2, 2


def mha():
    m = torch.nn.MultiheadAttention(E, H, batch_first=True).double()
    w_in = leaf((E, 3 * E), 11); b_in = leaf((3 * E,), 12)
    w_out = leaf((E, E), 13); b_out = leaf((E,), 14)
    # Our [in, out] tensors are the leaves; PyTorch's parameters are their transposes, so the
    # gradients land on the leaves in our layout.
    del m.in_proj_weight, m.in_proj_bias, m.out_proj.weight, m.out_proj.bias
    m.in_proj_weight = w_in.t(); m.in_proj_bias = b_in
    m.out_proj.weight = w_out.t(); m.out_proj.bias = b_out
    return m, (w_in, b_in, w_out, b_out)


def show_params(prefix, params):
    for suffix, p in zip(("G_IN_W", "G_IN_B", "G_OUT_W", "G_OUT_B"), params):
        show(prefix + "_" + suffix, p.grad)


# 5. self-attention, x [2, 3, 4], no mask; also the head-averaged attention weights
m, params = mha()
x = leaf((B, 3, E), 15)
y, attn = m(x, x, x, need_weights=True, average_attn_weights=True)
weighted(y).backward()
show("SELF_Y", y); show("SELF_ATTN", attn); show("SELF_GX", x.grad); show_params("SELF", params)

# 6. causal self-attention: attn_mask = triu(ones(T, T), 1) as bool (True = not allowed)
m, params = mha()
x = leaf((B, 3, E), 16)
causal = torch.triu(torch.ones(3, 3, dtype=torch.bool), 1)
y, _ = m(x, x, x, attn_mask=causal, need_weights=False)
weighted(y).backward()
show("CAUSAL_Y", y); show("CAUSAL_GX", x.grad); show_params("CAUSAL", params)

# 7. boolean key-padding-like mask: key_padding_mask [B, S] (True = padded), batch 0 keeps all 3
#    keys, batch 1 masks its last key. Ours: the same as a mask [B, 1, 1, S] of 0/1.
m, params = mha()
x = leaf((B, 3, E), 17)
pad = torch.tensor([[False, False, False], [False, False, True]])
y, _ = m(x, x, x, key_padding_mask=pad, need_weights=False)
weighted(y).backward()
show("PADDED_Y", y); show("PADDED_GX", x.grad); show_params("PADDED", params)

# 8. separate query [2, 3, 4], key and value [2, 5, 4] (S != T) with a 3-D boolean mask [B*H, T, S]:
#    (b*H + h, t, s) is masked where (b + h + t + s) % 3 == 0 and s > 0 (key 0 is always kept)
m, params = mha()
q = leaf((B, 3, E), 18); k = leaf((B, 5, E), 19); v = leaf((B, 5, E), 20)
mask3 = torch.tensor([[[((bh // H + bh % H + t + s) % 3 == 0 and s > 0) for s in range(5)] for t in range(3)]
                      for bh in range(B * H)])
y, _ = m(q, k, v, attn_mask=mask3, need_weights=False)
weighted(y).backward()
show("CROSS_BOOL_Y", y); show("CROSS_BOOL_GQ", q.grad); show("CROSS_BOOL_GK", k.grad); show("CROSS_BOOL_GV", v.grad)
show_params("CROSS_BOOL", params)

# 9. separate query, key and value with an additive float mask [T, S] = wave(15, 21)
m, params = mha()
q = leaf((B, 3, E), 22); k = leaf((B, 5, E), 23); v = leaf((B, 5, E), 24)
additive = wave(15, 21).reshape(3, 5)
y, _ = m(q, k, v, attn_mask=additive, need_weights=False)
weighted(y).backward()
show("CROSS_ADD_Y", y); show("CROSS_ADD_GQ", q.grad); show("CROSS_ADD_GK", k.grad); show("CROSS_ADD_GV", v.grad)
show_params("CROSS_ADD", params)

# 10. a fully masked row: PyTorch gives NaN for that query's output (checked here, not printed)
m, _ = mha()
x = leaf((1, 3, E), 25)
full = torch.zeros(3, 3, dtype=torch.bool); full[1, :] = True
y, _ = m(x, x, x, attn_mask=full, need_weights=False)
assert torch.isnan(y[0, 1]).all() and not torch.isnan(y[0, 0]).any() and not torch.isnan(y[0, 2]).any()

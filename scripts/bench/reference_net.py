#!/usr/bin/python3
"""The DenseReg network of densereg-core (DenseRegNetworkFactory) in PyTorch, for side-by-side timing.

Same architecture: torchvision-layout ResNet (7x7/2 stem + BN + ReLU, 3x3/2 max-pool, basic or bottleneck
blocks, 1x1 projection shortcuts), output stride 8 by dilation (stage 4 dilation 2, stage 5 dilation 4), four
1x1 heads of K+1 channels, bilinear x8 upsampling with align_corners=True, softmax cross-entropy on the two class
maps (mean over pixels) and smooth-L1 on the ground-truth bin's residual on foreground pixels (mean over them).
Same protocol: SGD momentum 0.9 with weight decay 1e-4, random input, warm-up iterations not timed.
--precision bf16 runs the training step's forward pass and loss, and the inference passes, under
torch.autocast("cpu", dtype=torch.bfloat16) (bf16 convolutions, float32 master weights and optimiser); the default
fp32 runs without autocast, as before.

Prints one line: result impl=pytorch ... train_images_per_s=.. train_ms_per_image=.. infer_ms_per_image=..
warmup_train_ms_per_image=.. (mean of the untimed iterations) conv_gflop_per_image=.. (forward convolutions,
2 x multiply-adds) peak_rss_mib=.. precision=fp32|bf16
Runs under /usr/bin/python3 with Debian's python3-torch (apt-get install -y python3-torch).
"""
import argparse
import contextlib
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, k, stride=1, dilation=1):
    pad = dilation * (k - 1) // 2
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, pad, dilation, bias=False), nn.BatchNorm2d(cout))


class Basic(nn.Module):
    def __init__(self, cin, width, stride, dilation):
        super().__init__()
        self.a = conv_bn(cin, width, 3, stride, dilation)
        self.b = conv_bn(width, width, 3, 1, dilation)
        self.proj = conv_bn(cin, width, 1, stride) if stride != 1 or cin != width else None
        self.out_channels = width

    def forward(self, x):
        y = self.b(F.relu(self.a(x)))
        return F.relu(y + (self.proj(x) if self.proj is not None else x))


class Bottleneck(nn.Module):
    def __init__(self, cin, width, stride, dilation):
        super().__init__()
        out = 4 * width
        self.a = conv_bn(cin, width, 1)
        self.b = conv_bn(width, width, 3, stride, dilation)
        self.c = conv_bn(width, out, 1)
        self.proj = conv_bn(cin, out, 1, stride) if stride != 1 or cin != out else None
        self.out_channels = out

    def forward(self, x):
        y = self.c(F.relu(self.b(F.relu(self.a(x)))))
        return F.relu(y + (self.proj(x) if self.proj is not None else x))


BLOCKS = {18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3]}


class DenseRegNet(nn.Module):
    def __init__(self, depth=18, width=1.0, bins=10, full=True):
        super().__init__()
        w = [max(1, round((64 << s) * width)) for s in range(4)]
        block = Bottleneck if depth >= 50 else Basic
        self.stem = nn.Sequential(conv_bn(3, w[0], 7, 2), nn.ReLU(), nn.MaxPool2d(3, 2, 1))
        layers, cin = [], w[0]
        for s, (n, stride, dil) in enumerate(zip(BLOCKS[depth], [1, 2, 1, 1], [1, 1, 2, 4])):
            for i in range(n):
                b = block(cin, w[s], stride if i == 0 else 1, dil)
                layers.append(b)
                cin = b.out_channels
        self.body = nn.Sequential(*layers)
        self.heads = nn.ModuleList([nn.Conv2d(cin, bins + 1, 1) for _ in range(4)])
        self.full = full

    def forward(self, x):
        f = self.body(self.stem(x))
        outs = [h(f) for h in self.heads]
        if self.full:
            size = x.shape[-2:]
            outs = [F.interpolate(o, size=size, mode="bilinear", align_corners=True) for o in outs]
        return outs


def labels(n, h, w, bins, seed):
    g = torch.Generator().manual_seed(seed)
    ys, xs = torch.meshgrid(torch.linspace(0, 1, h), torch.linspace(0, 1, w), indexing="ij")
    cls_u, cls_v, res_u, res_v = [], [], [], []
    for _ in range(n):
        r = 0.3 + 0.15 * torch.rand(1, generator=g).item()
        fg = (xs - 0.5) ** 2 + (ys - 0.5) ** 2 < r * r
        for val, cls, res in ((xs, cls_u, res_u), (1 - ys, cls_v, res_v)):
            j = torch.clamp(torch.floor(val * bins), max=bins - 1).long() + 1
            rr = val * bins - (j - 1)
            cls.append(torch.where(fg, j, torch.zeros_like(j)))
            res.append((rr, torch.where(fg, j, torch.zeros_like(j))))
    return torch.stack(cls_u), torch.stack(cls_v), res_u, res_v


def loss_fn(outs, lab):
    cu, cv, ru, rv = lab
    loss = F.cross_entropy(outs[0], cu) + F.cross_entropy(outs[1], cv)
    for o, res in ((outs[2], ru), (outs[3], rv)):
        target = torch.stack([r for r, _ in res])
        j = torch.stack([b for _, b in res])
        pred = torch.gather(o, 1, j.unsqueeze(1)).squeeze(1)
        fg = j > 0
        loss = loss + (F.smooth_l1_loss(pred[fg], target[fg]) if fg.any() else pred.sum() * 0)
    return loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--depth", type=int, default=18)
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--bins", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--iterations", type=int, default=5)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0 = leave as is)")
    p.add_argument("--stride8", action="store_true")
    p.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                   help="bf16: forward passes under torch.autocast('cpu', dtype=torch.bfloat16)")
    a = p.parse_args()
    if a.precision == "bf16":
        def autocast():
            return torch.autocast("cpu", dtype=torch.bfloat16)
    else:
        autocast = contextlib.nullcontext
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    side = a.size + 1 if a.size % 8 == 0 else a.size
    torch.manual_seed(42)
    net = DenseRegNet(a.depth, a.width, a.bins, not a.stride8)
    opt = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9, weight_decay=1e-4)
    x = torch.rand(a.batch, 3, side, side) - 0.5
    out_side = side if not a.stride8 else (side - 1) // 8 + 1
    lab = labels(a.batch, out_side, out_side, a.bins, 42)

    def step():
        opt.zero_grad(set_to_none=True)
        with autocast():
            loss = loss_fn(net(x), lab)
        loss.backward()
        opt.step()

    flops = conv_flops_per_image(net, x)
    warmup_ms, train_ms, forward_ms = time_train_and_forward(net, step, x, a.warmup, a.iterations, autocast)
    infer_ms = forward_ms / a.batch
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print("result impl=pytorch torch=%s threads=%d depth=%d width=%s size=%d batch=%d full=%s "
          "train_images_per_s=%.3f train_ms_per_image=%.2f infer_ms_per_image=%.2f "
          "warmup_train_ms_per_image=%.2f conv_gflop_per_image=%.3f peak_rss_mib=%d precision=%s"
          % (torch.__version__, torch.get_num_threads(), a.depth, a.width, side, a.batch, str(not a.stride8).lower(),
             a.batch * 1000 / train_ms, train_ms / a.batch, infer_ms, warmup_ms / a.batch, flops / 1e9,
             peak_rss_mib, a.precision))


def time_train_and_forward(module, step, x, warmup, iterations, autocast=contextlib.nullcontext):
    """Mean wall times in ms per call: (warm-up steps, timed steps, timed forward passes in eval mode, no_grad).

    step() runs one training step of module in train mode; the forward passes run module(x) inside autocast(),
    after untimed warm-up passes."""
    module.train()
    t = time.perf_counter()
    for _ in range(warmup):
        step()
    warmup_ms = (time.perf_counter() - t) * 1000 / max(1, warmup)
    t = time.perf_counter()
    for _ in range(iterations):
        step()
    train_ms = (time.perf_counter() - t) * 1000 / iterations
    module.eval()
    with torch.no_grad(), autocast():
        for _ in range(warmup):
            module(x)
        t = time.perf_counter()
        for _ in range(iterations):
            module(x)
        forward_ms = (time.perf_counter() - t) * 1000 / iterations
    return warmup_ms, train_ms, forward_ms


def conv_flops_per_image(net, x):
    """Multiply-adds x 2 of every convolution in one forward pass, per image (the network's arithmetic)."""
    total = [0]

    def hook(module, inputs, output):
        k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
        total[0] += 2 * k * output.numel() // output.shape[0]

    handles = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        net.eval()
        net(x[:1])
    for h in handles:
        h.remove()
    return total[0]


if __name__ == "__main__":
    main()

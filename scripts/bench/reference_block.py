#!/usr/bin/python3
"""One block of the full-width ResNet-18 DenseReg backbone in PyTorch, timed like `densereg bench block`.

Blocks (shapes as inside the network for --size S, 8k+1):
  stem        7x7/2 conv 3->64 + BN + ReLU + 3x3/2 max-pool, input [N, 3, S, S]
  basic       basic block 64->64, input [N, 64, S/4, S/4]
  projection  basic block 64->128, stride 2, 1x1 projection, input [N, 64, S/4, S/4]
  dilated2    basic block 256->256, dilation 2, input [N, 256, S/8, S/8]
  dilated4    basic block 512->512, dilation 4, input [N, 512, S/8, S/8]
Protocol: forward in eval mode under no_grad (forward_ms); forward in train mode + mean-squared error + backward,
no optimiser step (train_ms); warm-up calls untimed. Prints one line:
result impl=pytorch block=NAME size=S batch=N forward_ms=.. train_ms=.. warmup_train_ms=..
"""
import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_net import Basic, conv_bn, time_train_and_forward  # noqa: E402

SPECS = {  # name: (input channels, width, stride, dilation, halvings of the network side)
    "basic": (64, 64, 1, 1, 2),
    "projection": (64, 128, 2, 1, 2),
    "dilated2": (256, 256, 1, 2, 3),
    "dilated4": (512, 512, 1, 4, 3),
}


def build(name, side, batch):
    if name == "stem":
        return nn.Sequential(conv_bn(3, 64, 7, 2), nn.ReLU(), nn.MaxPool2d(3, 2, 1)), (batch, 3, side, side)
    cin, width, stride, dilation, halvings = SPECS[name]
    for _ in range(halvings):
        side = (side - 1) // 2 + 1
    return Basic(cin, width, stride, dilation), (batch, cin, side, side)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--block", required=True, choices=["stem"] + list(SPECS))
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iterations", type=int, default=10)
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    side = a.size + 1 if a.size % 8 == 0 else a.size
    torch.manual_seed(42)
    block, shape = build(a.block, side, a.batch)
    x = torch.rand(*shape) - 0.5
    # inside the network every block but the stem passes a gradient on to its input, and so does the DL4J block
    # (the fused stem, like PyTorch here, skips it when it reads the network input)
    x.requires_grad_(a.block != "stem")
    with torch.no_grad():
        target = torch.rand_like(block(x))

    def train():
        block.zero_grad(set_to_none=True)
        x.grad = None
        F.mse_loss(block(x), target).backward()

    warmup_ms, train_ms, forward_ms = time_train_and_forward(block, train, x, a.warmup, a.iterations)
    print("result impl=pytorch block=%s size=%d batch=%d forward_ms=%.2f train_ms=%.2f warmup_train_ms=%.2f"
          % (a.block, side, a.batch, forward_ms, train_ms, warmup_ms))


if __name__ == "__main__":
    main()

"""Fixtures for PretrainedBackboneKerasTest: a randomly initialised ResNet with the semantics of Keras applications'
ResNet50/101 v1 (keras.applications.resnet), built from a few torch modules, its weights written as a Keras .h5 with
h5py in the layout Keras 2's model.save_weights writes, and its features on a fixed input.

usage: keras_resnet_h5.py OUT_DIR DEPTH SIZE SEED

Keras ResNet v1 (what the modules below reproduce; not torchvision's v1.5):
  stem     ZeroPadding2D(3), Conv2D(64, 7, strides=2, use_bias=True) "conv1_conv", BatchNormalization(epsilon=1.001e-5)
           "conv1_bn", relu, ZeroPadding2D(1), MaxPooling2D(3, strides=2)
  block    convS_blockI_0_conv/_0_bn: 1x1 projection with the block's stride (first block of a stack);
           convS_blockI_1_conv/_1_bn: 1x1 WITH THE STRIDE, relu; _2_conv/_2_bn: 3x3 'same', relu;
           _3_conv/_3_bn: 1x1 to 4x; add, relu. Every Conv2D has a bias, every batch norm epsilon 1.001e-5.
  stacks   conv2 (64, stride 1), conv3 (128, stride 2), conv4 (256, stride 2), conv5 (512, stride 2);
           blocks 3, 4, 6, 3 (ResNet50) or 3, 4, 23, 3 (ResNet101).
DenseReg's dilation (output stride 8) is applied as DenseReg applies it to any ResNet: conv4 and conv5 without stride,
their 3x3 convolutions with dilation 2 and 4. Inputs are Keras's (caffe preprocessing: BGR, 0..255 minus the caffe
means); our network gets RGB x/255 - ImageNet mean, so the Keras model is fed 255 * (our input), channels reversed
(the exact correspondence the loader promises; see PretrainedBackbone).

Writes into OUT_DIR:
  keras_resnetDEPTH.h5  the weights: root attributes layer_names (every layer, weightless ones included, as
                        fixed-length byte strings), backend, keras_version; one group per layer with attribute
                        weight_names (e.g. b"conv1_conv/kernel:0"; an empty array for layers without weights) and one
                        dataset per weight at that path; kernels HWIO [kh, kw, in, out]; a "predictions" Dense layer
                        on top (kernel [2048, 4], bias [4]) that the loader must ignore
  input.npy      [1, 3, SIZE, SIZE] float32, uniform(-0.5, 0.5): our input
  stem.npy       the max-pool output (our "stem_pool")
  conv3.npy      the last conv3 block's output (our "res3_3_out"): after the stride-in-1x1 stage, before any dilation
  features.npy   the last block's output (our "res5_2_out"), float32
  features64.npy the same with the network in float64
"""
import sys

import h5py
import numpy as np
import torch
from torch import nn

EPS = 1.001e-5


class ConvBn(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, dilation=1):
        super().__init__()
        # Keras 'same' for the 3x3 (stride 1 there), 'valid' for the 1x1s, explicit zero padding 3 for the stem
        padding = 3 if kernel == 7 else dilation * (kernel - 1) // 2
        self.conv = nn.Conv2d(cin, cout, kernel, stride=stride, padding=padding, dilation=dilation, bias=True)
        self.bn = nn.BatchNorm2d(cout, eps=EPS)

    def forward(self, x):
        return self.bn(self.conv(x))


class Block(nn.Module):
    """keras.applications.resnet.block1: the stride sits in the first 1x1 convolution."""

    def __init__(self, cin, filters, stride, dilation, shortcut):
        super().__init__()
        self.c0 = ConvBn(cin, 4 * filters, 1, stride) if shortcut else None
        self.c1 = ConvBn(cin, filters, 1, stride)
        self.c2 = ConvBn(filters, filters, 3, 1, dilation)
        self.c3 = ConvBn(filters, 4 * filters, 1)

    def forward(self, x):
        s = self.c0(x) if self.c0 is not None else x
        y = torch.relu(self.c1(x))
        y = torch.relu(self.c2(y))
        return torch.relu(s + self.c3(y))


class KerasResNet(nn.Module):
    def __init__(self, blocks):
        super().__init__()
        self.stem = ConvBn(3, 64, 7, 2)
        self.stacks = nn.ModuleList()
        cin = 64
        # DenseReg's output stride 8: conv4, conv5 unstrided, dilation 2 and 4
        for filters, stride, dilation, n in zip((64, 128, 256, 512), (1, 2, 1, 1), (1, 1, 2, 4), blocks):
            stack = nn.ModuleList()
            for i in range(n):
                stack.append(Block(cin, filters, stride if i == 0 else 1, dilation, i == 0))
                cin = 4 * filters
            self.stacks.append(stack)

    def forward(self, x):
        # ZeroPadding2D(1) then MaxPooling2D(3, 2): after a relu the zero padding never wins, as -inf padding
        stem = nn.functional.max_pool2d(torch.relu(self.stem(x)), 3, 2, padding=1)
        outs = [stem]
        y = stem
        for stack in self.stacks:
            for block in stack:
                y = block(y)
            outs.append(y)
        return outs  # stem, conv2, conv3, conv4, conv5


def keras_layers(model):
    """(layer name, [(weight name, HWIO/1-D array)]) in Keras's layer order, weightless layers included."""

    def conv_bn(prefix, cb):
        kernel = cb.conv.weight.detach().numpy().transpose(2, 3, 1, 0)  # OIHW -> HWIO
        conv = [(prefix + "_conv/kernel:0", kernel), (prefix + "_conv/bias:0", cb.conv.bias.detach().numpy())]
        bn = [(prefix + "_bn/" + n + ":0", t.detach().numpy()) for n, t in (
            ("gamma", cb.bn.weight), ("beta", cb.bn.bias), ("moving_mean", cb.bn.running_mean),
            ("moving_variance", cb.bn.running_var))]
        return (prefix + "_conv", conv), (prefix + "_bn", bn)

    layers = [("input_1", []), ("conv1_pad", [])]
    layers += list(conv_bn("conv1", model.stem))
    layers += [("conv1_relu", []), ("pool1_pad", []), ("pool1_pool", [])]
    for s, stack in enumerate(model.stacks):
        for i, block in enumerate(stack):
            p = "conv%d_block%d" % (s + 2, i + 1)
            c1, b1 = conv_bn(p + "_1", block.c1)
            c2, b2 = conv_bn(p + "_2", block.c2)
            c3, b3 = conv_bn(p + "_3", block.c3)
            layers += [c1, b1, (p + "_1_relu", []), c2, b2, (p + "_2_relu", [])]
            if block.c0 is not None:
                c0, b0 = conv_bn(p + "_0", block.c0)
                layers += [c0, c3, b0, b3]
            else:
                layers += [c3, b3]
            layers += [(p + "_add", []), (p + "_out", [])]
    rng = np.random.RandomState(0)
    layers += [("avg_pool", []), ("predictions", [
        ("predictions/kernel:0", rng.randn(2048, 4).astype(np.float32)),
        ("predictions/bias:0", np.zeros(4, np.float32))])]
    return layers


def save_weights(model, path):
    """The layout of Keras 2's legacy HDF5 save_weights (hdf5_format.save_weights_to_hdf5_group)."""
    layers = keras_layers(model)
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([name.encode("utf8") for name, _ in layers])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.11.0"
        for name, weights in layers:
            g = f.create_group(name)
            g.attrs["weight_names"] = np.asarray([w.encode("utf8") for w, _ in weights])
            for w, value in weights:
                d = g.create_dataset(w, value.shape, dtype=value.dtype)
                d[...] = value


def main():
    out, depth, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.manual_seed(seed)
    model = KerasResNet({50: (3, 4, 6, 3), 101: (3, 4, 23, 3)}[depth])
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                m.bias.uniform_(-0.1, 0.1)  # biases that matter: a loader that drops them fails
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.momentum = None
            if isinstance(m, Block):
                m.c3.bn.weight.uniform_(0.0, 0.3)  # keeps the residual sums, hence the features, of order 1-10
        model.train()
        for _ in range(3):  # calibrated on what Keras's network sees: caffe-preprocessed values of order 100
            model(255 * (torch.rand(2, 3, size, size) - 0.5))
    model.eval()
    save_weights(model, "%s/keras_resnet%d.h5" % (out, depth))
    x = torch.rand(1, 3, size, size) - 0.5  # our input (x/255 - mean, RGB)
    keras_input = 255 * x.flip(1)  # Keras's: 0..255 minus the caffe means, BGR
    with torch.no_grad():
        outs = model(keras_input)
    np.save("%s/input.npy" % out, x.numpy())
    np.save("%s/stem.npy" % out, outs[0].numpy())
    np.save("%s/conv3.npy" % out, outs[2].numpy())
    np.save("%s/features.npy" % out, outs[4].numpy())
    model.double()
    with torch.no_grad():
        np.save("%s/features64.npy" % out, model(keras_input.double())[4].numpy())


if __name__ == "__main__":
    main()

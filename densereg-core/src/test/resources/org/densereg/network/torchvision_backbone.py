"""Fixtures for PretrainedBackboneTorchTest: a randomly initialised torchvision ResNet, saved as a state dict
(.pth with torch.save, and .safetensors written by hand), and its backbone's features on a fixed input.

usage: torchvision_backbone.py OUT_DIR DEPTH SIZE SEED

Writes into OUT_DIR:
  resnetDEPTH.pth, resnetDEPTH.safetensors  the state dict (fc included; num_batches_tracked as I64)
  input.npy      [1, 3, SIZE, SIZE] float32, normal(0, 1): our input; PyTorch gets it divided by the ImageNet std
  stem.npy       the max-pool output (our "stem_pool")
  features64.npy the same in float64 (the network run in double precision)
  features.npy   layer4's output (our last block, "res5_<n>_out") of the DenseReg variant of the network: stride 8,
                 conv4_x and conv5_x without stride and with dilation 2 and 4 in every 3x3 convolution (the same
                 weights as the torchvision network; only the feature maps are larger)
  views.pth      two tensors stored as views (a transpose and a slice) to exercise strides and storage offsets

The batch norms' gamma/beta are randomised and their running statistics then calibrated on random inputs (train mode,
cumulative average), so that every parameter matters and the features stay of order 1-10; everything is seeded.
"""
import json
import struct
import sys

import numpy as np
import torch
import torchvision


def dilate(model):
    """DeepLab-v2 output stride 8 as DenseReg builds it: every 3x3 conv of layer3 dilation 2, of layer4 dilation 4."""
    for stage, dilation in ((model.layer3, 2), (model.layer4, 4)):
        for module in stage.modules():
            if isinstance(module, torch.nn.Conv2d):
                module.stride = (1, 1)
                if module.kernel_size == (3, 3):
                    module.dilation = (dilation, dilation)
                    module.padding = (dilation, dilation)


# ImageNet RGB standard deviations: torchvision divides its inputs by them, our networks do not
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def save_safetensors(state, path):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, tensor in state.items():
        array = tensor.detach().contiguous().numpy()
        dtype = {np.float32: "F32", np.int64: "I64"}[array.dtype.type]
        data = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    out, depth, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.manual_seed(seed)
    model = getattr(torchvision.models, "resnet%d" % depth)()
    dilate(model)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.momentum = None
            if isinstance(m, torchvision.models.resnet.Bottleneck):
                # as in ImageNet-trained ResNet-50s (and torchvision's zero_init_residual), the last batch norm of a
                # bottleneck has small gammas, which keeps the residual sum, hence the features, of order 1-10
                m.bn3.weight.uniform_(0.0, 0.3)
        model.train()
        for _ in range(3):  # calibrated on what the network sees: our inputs divided by the ImageNet std
            model(torch.randn(2, 3, size, size) / STD)
    model.eval()
    state = model.state_dict()
    torch.save(state, "%s/resnet%d.pth" % (out, depth))
    save_safetensors(state, "%s/resnet%d.safetensors" % (out, depth))
    x = torch.randn(1, 3, size, size)  # our input, x/255 - mean; torchvision's is that divided by the ImageNet std
    with torch.no_grad():
        stem = model.maxpool(model.relu(model.bn1(model.conv1(x / STD))))
        features = model.layer4(model.layer3(model.layer2(model.layer1(stem))))
    np.save("%s/input.npy" % out, x.numpy())
    np.save("%s/stem.npy" % out, stem.numpy())
    np.save("%s/features.npy" % out, features.numpy())
    # the same network in float64: the reference both float32 results (PyTorch's and ours) are measured against
    model.double()
    with torch.no_grad():
        x64 = model.maxpool(model.relu(model.bn1(model.conv1(x.double() / STD.double()))))
        np.save("%s/features64.npy" % out, model.layer4(model.layer3(model.layer2(model.layer1(x64)))).numpy())
    base = torch.arange(24, dtype=torch.float32)
    torch.save({"transposed": base[:12].reshape(3, 4).t(), "slice": base[5:9]}, "%s/views.pth" % out)


if __name__ == "__main__":
    main()

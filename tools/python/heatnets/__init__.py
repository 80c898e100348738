"""Reference PyTorch implementations of vHeat and HcNet (tooling only; `npm test` never needs Python).

State-dict names, shapes and order equal those of the official code
(MzeroMiko/vHeat classification/models/vHeat.py, ZheminZhang1/HcNet HcNet.py), so the converter
that reads official checkpoints also reads ours. Written from the spec /work/shared/reference/vheat.md.
"""
from .vheat import VHeat, heat_operator, dct_matrix, decay_base
from .hcnet import HcNet
from .rivals import ConvNeXt, RivalNet, ViT

__all__ = ['VHeat', 'HcNet', 'ConvNeXt', 'ViT', 'RivalNet', 'heat_operator', 'dct_matrix', 'decay_base']

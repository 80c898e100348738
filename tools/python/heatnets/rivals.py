"""Two rivals of vHeat with its four-stage layout (tooling only; the engine's src/engine/models/rivals mirror them).

Both keep vHeat's stem (3x3 s2 conv, LN, GELU, 3x3 s2 conv, LN), its downsample between stages (3x3 s2 conv without
bias, LN over channels) and its classifier (LN, global average pool, Linear), so at a 64 px input the stage maps are
16, 8, 4 and 2 cells wide as vHeat's are. Only the token mixer of a block differs:

- ConvNeXt: x + Linear(GELU(Linear(LN(dwconv7x7(x))))) (the ConvNeXt block without layer scale; MLP ratio 6 so that a
  block has vHeat's 12 C^2 weights: vHeat's op has 4 C^2, its MLP 8 C^2).
- ViT (hierarchical, global attention): x + dwconv3x3(x) (a conditional position encoding, CPVT's PEG, so any input
  size works), x + proj(softmax(q k^T / sqrt(d)) v) over all tokens of the stage (multi-head, head width 32),
  x + MLP(LN(x)) (ratio 4). 12 C^2 weights per block too.

Layers are LayerNorm, Linear, GELU, conv and softmax attention: each is one tfjs op or a few. Tensors are NCHW
between blocks like vHeat's, channels-last inside a block.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from .vheat import LayerNorm2d, Stem


class ConvNeXtBlock(nn.Module):
    def __init__(self, dim: int, mlp_ratio: float, drop_path: float = 0.0, head_dim=None):
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, 7, padding=3, groups=dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.fc1 = nn.Linear(dim, int(dim * mlp_ratio))
        self.act = nn.GELU()
        self.fc2 = nn.Linear(int(dim * mlp_ratio), dim)
        self.drop_path = drop_path

    def forward(self, x):
        y = self.dwconv(x).permute(0, 2, 3, 1)
        y = self.fc2(self.act(self.fc1(self.norm(y)))).permute(0, 3, 1, 2)
        return x + _drop_path(y, self.drop_path, self.training)


class GlobalAttention(nn.Module):
    """Multi-head softmax self-attention over all H*W tokens; x (B, H, W, C) channels-last."""

    def __init__(self, dim: int, head_dim: int = 32):
        super().__init__()
        self.heads = max(1, dim // head_dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, h, w, c = x.shape
        d = c // self.heads
        qkv = self.qkv(x).reshape(b, h * w, 3, self.heads, d).permute(2, 0, 3, 1, 4)  # 3, B, heads, N, d
        q, k, v = qkv[0], qkv[1], qkv[2]
        a = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) * (d ** -0.5), dim=-1)
        y = torch.matmul(a, v).permute(0, 2, 1, 3).reshape(b, h, w, c)
        return self.proj(y)


class ViTBlock(nn.Module):
    def __init__(self, dim: int, mlp_ratio: float, drop_path: float = 0.0, head_dim: int = 32):
        super().__init__()
        self.pos = nn.Conv2d(dim, dim, 3, padding=1, groups=dim)
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = GlobalAttention(dim, head_dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.fc1 = nn.Linear(dim, int(dim * mlp_ratio))
        self.act = nn.GELU()
        self.fc2 = nn.Linear(int(dim * mlp_ratio), dim)
        self.drop_path = drop_path

    def forward(self, x):
        x = x + self.pos(x)
        t = x.permute(0, 2, 3, 1)
        t = t + _drop_path(self.attn(self.norm1(t)), self.drop_path, self.training)
        t = t + _drop_path(self.fc2(self.act(self.fc1(self.norm2(t)))), self.drop_path, self.training)
        return t.permute(0, 3, 1, 2)


def _drop_path(y, p: float, training: bool):
    if not training or p <= 0:
        return y
    mask = y.new_empty(y.shape[0], *([1] * (y.ndim - 1))).bernoulli_(1.0 - p)
    return y * mask / (1.0 - p)


class RivalNet(nn.Module):
    """Stem, stages (blocks then downsample: names layers.i.j, layers.i.{depth}), classifier; like VHeat."""

    def __init__(self, block: str, depths=(1, 1, 3, 1), dims=(32, 64, 128, 256), mlp_ratio=4.0, num_classes=1000,
                 drop_path_rate=0.0, in_chans=3, img_size=224, head_dim=32):
        super().__init__()
        self.block, self.depths, self.dims = block, list(depths), list(dims)
        self.img_size, self.mlp_ratio, self.head_dim = img_size, mlp_ratio, head_dim  # img_size: provenance only
        self.num_layers = len(depths)
        self.patch_embed = Stem(in_chans, dims[0])
        make = {'convnext': ConvNeXtBlock, 'vit': ViTBlock}[block]
        dpr = torch.linspace(0, drop_path_rate, sum(depths)).tolist()
        self.layers = nn.ModuleList()
        for i in range(self.num_layers):
            blocks = [make(dims[i], mlp_ratio, dpr[sum(depths[:i]) + j], head_dim) for j in range(depths[i])]
            if i < self.num_layers - 1:
                blocks.append(nn.Sequential(nn.Conv2d(dims[i], dims[i + 1], 3, 2, 1, bias=False),
                                            LayerNorm2d(dims[i + 1])))
            else:
                blocks.append(nn.Identity())
            self.layers.append(nn.Sequential(*blocks))
        self.classifier = nn.Sequential(LayerNorm2d(dims[-1]), nn.AdaptiveAvgPool2d(1), nn.Flatten(1),
                                        nn.Linear(dims[-1], num_classes))
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)

    def forward_features(self, x, stages=None):
        """stages: a list that receives each stage's output before its downsample (what the ERF reads)."""
        x = self.patch_embed(x)
        for layer in self.layers:
            for m in layer[:-1]:
                x = m(x)
            if stages is not None:
                stages.append(x)
            x = layer[-1](x)
        return x

    def forward(self, x, stages=None):
        return self.classifier(self.forward_features(x, stages))


def ConvNeXt(**kw):  # noqa: N802 (a class-like constructor)
    return RivalNet('convnext', **kw)


def ViT(**kw):  # noqa: N802
    return RivalNet('vit', **kw)

"""HcNet reference model (PyTorch, NCHW), state dict identical to the official `HcNet` class.

Any number of stages. `mean_num` is the official buffer at the trained resolution; for an input of
another size the neighbour count is recomputed from the actual map (same rule: 8 inside, 5 edges, 3 corners).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class GroupNorm1(nn.GroupNorm):
    """GroupNorm with one group (eps 1e-5)."""

    def __init__(self, num_channels: int):
        super().__init__(1, num_channels)


def neighbour_count(h: int, w: int) -> torch.Tensor:
    ones = torch.ones(1, 1, h, w)
    return F.avg_pool2d(ones, 3, 1, 1, count_include_pad=True) * 9.0 - 1.0


class HcMlp(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Conv2d(dim, hidden, 1)
        self.act = nn.GELU()
        self.fc2 = nn.Conv2d(hidden, dim, 1)
        self.dwconv = nn.Conv2d(hidden, hidden, 3, 1, 1, groups=hidden, bias=False)

    def forward(self, x):
        return self.fc2(self.dwconv(self.act(self.fc1(x))))


class HcBlock(nn.Module):
    """One explicit Euler step of the heat equation, then an MLP (official HcRaBlock)."""

    def __init__(self, dim: int, res, mlp_ratio: float = 4.0, drop_path: float = 0.0):
        super().__init__()
        self.fc_0 = nn.Conv2d(dim, dim, 1, bias=False)
        self.register_buffer('mean_num', neighbour_count(res[0], res[1]))
        self.norm2 = GroupNorm1(dim)
        self.mlp = HcMlp(dim, int(dim * mlp_ratio))
        self.drop_path = drop_path

    def _dp(self, y):
        if not self.training or self.drop_path <= 0:
            return y
        keep = 1.0 - self.drop_path
        return y * y.new_empty(y.shape[0], 1, 1, 1).bernoulli_(keep) / keep

    def alpha(self, x):
        """Step diffusivity alpha = sigmoid(fc_0(mean_hw(x))), shape (B, C, 1, 1)."""
        return torch.sigmoid(self.fc_0(x.mean((2, 3), keepdim=True)))

    def forward(self, x, capture=None):
        h, w = x.shape[2:]
        n = self.mean_num if tuple(self.mean_num.shape[2:]) == (h, w) else neighbour_count(h, w).to(x)
        s = F.avg_pool2d(x, 3, 1, 1, count_include_pad=True) * 9.0 - x
        lap = s / n - x
        a = self.alpha(x)
        if capture is not None:
            capture['alpha'] = a.detach().clone()
        x = x + self._dp(a * lap)
        return x + self._dp(self.mlp(self.norm2(x)))


class PatchMerging(nn.Module):
    def __init__(self, dim: int, out_dim: int):
        super().__init__()
        self.reduction = nn.Conv2d(dim, out_dim, 3, 2, 1, bias=False)
        self.norm = GroupNorm1(out_dim)

    def forward(self, x):
        return self.norm(self.reduction(x))


class BasicLayer(nn.Module):
    def __init__(self, dim, res, depth, mlp_ratio, dpr, out_dim=None):
        super().__init__()
        self.blocks = nn.ModuleList([HcBlock(dim, res, mlp_ratio, dpr[j]) for j in range(depth)])
        self.downsample = PatchMerging(dim, out_dim) if out_dim is not None else None


class Stem(nn.Module):
    def __init__(self, in_chans, out_chans):
        super().__init__()
        self.conv1 = nn.Conv2d(in_chans, out_chans // 2, 3, 2, 1)
        self.norm1 = GroupNorm1(out_chans // 2)
        self.act = nn.GELU()
        self.conv2 = nn.Conv2d(out_chans // 2, out_chans, 3, 2, 1)
        self.norm2 = GroupNorm1(out_chans)

    def forward(self, x):
        return self.norm2(self.conv2(self.act(self.norm1(self.conv1(x)))))


class HcNet(nn.Module):
    def __init__(self, depths=(2, 2, 6, 2), dims=(64, 128, 320, 512), num_classes=1000, mlp_ratio=4.0,
                 img_size=224, drop_path_rate=0.0, in_chans=3):
        super().__init__()
        self.depths, self.dims = list(depths), list(dims)
        self.num_layers = len(depths)
        self.img_size = img_size
        self.patch_embed = Stem(in_chans, dims[0])
        r = img_size // 4
        dpr = torch.linspace(0, drop_path_rate, sum(depths)).tolist()
        self.layers = nn.ModuleList()
        for i in range(self.num_layers):
            res = (r // 2 ** i, r // 2 ** i)
            self.layers.append(BasicLayer(dims[i], res, depths[i], mlp_ratio, dpr[sum(depths[:i]):sum(depths[:i + 1])],
                                          dims[i + 1] if i < self.num_layers - 1 else None))
        self.norm = GroupNorm1(dims[-1])
        self.head = nn.Linear(dims[-1], num_classes)
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(m):
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)

    def forward_features(self, x, captures=None):
        x = self.patch_embed(x)
        stages = []
        for i, layer in enumerate(self.layers):
            for j, blk in enumerate(layer.blocks):
                cap = None
                if captures is not None:
                    cap = {'stage': i, 'block': j, 'input': x.detach().clone()}
                x = blk(x, cap)
                if cap is not None:
                    cap['output'] = x.detach().clone()
                    captures.append(cap)
            stages.append(x.detach().clone())
            if layer.downsample is not None:
                x = layer.downsample(x)
        if captures is not None:
            captures.append({'stages': stages})
        return x

    def forward(self, x, captures=None):
        x = self.forward_features(x, captures)
        return self.head(self.norm(x).mean((2, 3)))

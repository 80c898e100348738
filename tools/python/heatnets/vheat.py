"""vHeat reference model (PyTorch, NCHW), state dict identical to the official `vHeat` class.

Differences from the official code that do not change the state dict:
- DCT/IDCT are written as matmuls with the orthonormal cosine matrices (same math as its conv1d form).
- any number of stages (len(depths)); res_i = int(img_size / 4) // 2**i as in the official code.
- an input whose stage size differs from the trained freq_embed size: freq_embed (or k_exp) is
  zero-padded at the high-frequency end (official interpolate4downstream.py) or cropped to its
  leading rows/columns, per axis (non-square inputs allowed). For k_exp the padded decay is
  decay_base ** ReLU(to_k bias) in training mode; in inference mode the missing entries cannot be
  recovered, so they are padded with 1 (no decay) -- see `_pad_crop`.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def dct_matrix(n: int, dtype=torch.float32) -> torch.Tensor:
    """Orthonormal DCT-II matrix D[k, x] = sqrt(2/N) cos(pi k (x + 0.5) / N), row 0 scaled by 1/sqrt(2)."""
    x = (torch.arange(n, dtype=torch.float64) + 0.5) / n
    k = torch.arange(n, dtype=torch.float64).view(-1, 1)
    d = torch.cos(k * x * math.pi) * math.sqrt(2.0 / n)
    d[0, :] = d[0, :] / math.sqrt(2.0)
    return d.to(dtype)


def decay_base(h: int, w: int, dtype=torch.float32) -> torch.Tensor:
    """exp(-(w_n^2 + w_m^2)) with w_n = pi n / H, w_m = pi m / W; shape (H, W)."""
    wn = torch.arange(h, dtype=torch.float64).view(-1, 1) * math.pi / h
    wm = torch.arange(w, dtype=torch.float64).view(1, -1) * math.pi / w
    return torch.exp(-(wn ** 2 + wm ** 2)).to(dtype)


def frequency_grid(h: int, w: int, dtype=torch.float32) -> torch.Tensor:
    """w_n^2 + w_m^2, shape (H, W)."""
    wn = torch.arange(h, dtype=torch.float64).view(-1, 1) * math.pi / h
    wm = torch.arange(w, dtype=torch.float64).view(1, -1) * math.pi / w
    return (wn ** 2 + wm ** 2).to(dtype)


_CONST_CACHE = {}


def _cached(kind: str, n: int, m: int, dtype, device) -> torch.Tensor:
    """Cosine matrices / decay bases are constants: created once per size (and, when traced for ONNX export,
    captured as graph constants rather than recomputed from arange/cos ops)."""
    key = (kind, n, m, dtype, str(device))
    t = _CONST_CACHE.get(key)
    if t is None:
        t = (dct_matrix(n, dtype) if kind == 'dct' else decay_base(n, m, dtype)).to(device)
        _CONST_CACHE[key] = t
    return t


def heat_operator(phi: torch.Tensor, decay: torch.Tensor) -> torch.Tensor:
    """phi (B, H, W, C) channels-last; decay (H, W, C). Returns IDCT_HW(DCT_HW(phi) * decay).
    Written as four plain matmuls with the cosine matrices (this is also how it exports to ONNX)."""
    b, h, w, c = phi.shape
    dh = _cached('dct', h, h, phi.dtype, phi.device)
    dw = _cached('dct', w, w, phi.dtype, phi.device)
    x = torch.matmul(dh, phi.reshape(b, h, w * c))                       # DCT along H
    x = torch.matmul(dw, x.reshape(b * h, w, c)).reshape(b, h, w, c)     # DCT along W
    x = x * decay
    x = torch.matmul(dh.t(), x.reshape(b, h, w * c))                     # IDCT along H
    x = torch.matmul(dw.t(), x.reshape(b * h, w, c)).reshape(b, h, w, c)  # IDCT along W
    return x


def _pad_crop(t: torch.Tensor, h: int, w: int, fill: float = 0.0) -> torch.Tensor:
    """(R, R', C) -> (h, w, C): keep the leading rows/cols, append `fill` at the high-frequency end."""
    t = t[:h, :w]
    ph, pw = h - t.shape[0], w - t.shape[1]
    if ph > 0 or pw > 0:
        t = F.pad(t.permute(2, 0, 1), (0, pw, 0, ph), 'constant', fill).permute(1, 2, 0)
    return t


class LayerNorm2d(nn.LayerNorm):
    """LayerNorm over channels of an NCHW tensor."""

    def forward(self, x):
        return F.layer_norm(x.permute(0, 2, 3, 1), self.normalized_shape, self.weight, self.bias,
                            self.eps).permute(0, 3, 1, 2)


class ChannelsLast(nn.Module):
    def forward(self, x):
        return x.permute(0, 2, 3, 1)


class ChannelsFirst(nn.Module):
    def forward(self, x):
        return x.permute(0, 3, 1, 2)


def _stem_norm(c: int) -> nn.Sequential:
    # official: build_norm_layer(..., 'LN', channels_first -> channels_first): names `.1.weight` / `.1.bias`
    return nn.Sequential(ChannelsLast(), nn.LayerNorm(c, eps=1e-6), ChannelsFirst())


class Stem(nn.Module):
    def __init__(self, in_chans: int, out_chans: int):
        super().__init__()
        self.conv1 = nn.Conv2d(in_chans, out_chans // 2, 3, 2, 1)
        self.norm1 = _stem_norm(out_chans // 2)
        self.act = nn.GELU()
        self.conv2 = nn.Conv2d(out_chans // 2, out_chans, 3, 2, 1)
        self.norm2 = _stem_norm(out_chans)

    def forward(self, x):
        return self.norm2(self.conv2(self.act(self.norm1(self.conv1(x)))))


class Mlp(nn.Module):
    """1x1 conv C -> hC, GELU, 1x1 conv hC -> C (official Mlp with channels_first=True)."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Conv2d(dim, hidden, 1)
        self.act = nn.GELU()
        self.fc2 = nn.Conv2d(hidden, dim, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class Heat2D(nn.Module):
    """Heat Conduction Operator. Inference mode stores k_exp (res, res, C) instead of to_k."""

    def __init__(self, res: int, dim: int, infer_mode: bool = False):
        super().__init__()
        self.res = res
        self.infer_mode = infer_mode
        if infer_mode:
            # official infer_init registers k_exp on the op (it is the op's own parameter, listed first)
            self.k_exp = nn.Parameter(torch.ones(res, res, dim), requires_grad=False)
        self.dwconv = nn.Conv2d(dim, dim, 3, padding=1, groups=dim)
        self.linear = nn.Linear(dim, 2 * dim)
        self.out_norm = nn.LayerNorm(dim)
        self.out_linear = nn.Linear(dim, dim)
        if not infer_mode:
            self.to_k = nn.Sequential(nn.Linear(dim, dim), nn.ReLU())

    def diffusivity(self, freq_embed: torch.Tensor, h: int, w: int) -> torch.Tensor:
        """k = ReLU(to_k(freq_embed padded/cropped to (h, w))), shape (h, w, C)."""
        return self.to_k(_pad_crop(freq_embed, h, w))

    def decay(self, freq_embed, h: int, w: int) -> torch.Tensor:
        """E = exp(-(w_n^2 + w_m^2) k), shape (h, w, C)."""
        if self.infer_mode:
            # entries beyond the stored map are unknown: pad with 1 (no decay).
            return _pad_crop(self.k_exp, h, w, fill=1.0)
        base = _cached('decay', h, w, freq_embed.dtype, freq_embed.device)
        return torch.pow(base[:, :, None], self.diffusivity(freq_embed, h, w))

    def forward(self, x, freq_embed=None, capture=None):
        _, _, h, w = x.shape
        x = self.dwconv(x)
        x = self.linear(x.permute(0, 2, 3, 1))
        phi, z = x.chunk(2, dim=-1)
        decay = self.decay(freq_embed, h, w)
        u = heat_operator(phi, decay)
        if capture is not None:
            capture.update(phi=phi.detach().clone(), decay=decay.detach().clone(), heat_out=u.detach().clone())
        x = self.out_norm(u) * F.silu(z)
        x = self.out_linear(x)
        return x.permute(0, 3, 1, 2)


class HeatBlock(nn.Module):
    def __init__(self, res: int, dim: int, mlp_ratio: float, post_norm: bool, layer_scale, infer_mode: bool,
                 drop_path: float = 0.0):
        super().__init__()
        self.layer_scale = layer_scale is not None
        if self.layer_scale:
            self.gamma1 = nn.Parameter(layer_scale * torch.ones(dim))
            self.gamma2 = nn.Parameter(layer_scale * torch.ones(dim))
        self.norm1 = LayerNorm2d(dim)  # eps 1e-5
        self.op = Heat2D(res, dim, infer_mode)
        self.norm2 = LayerNorm2d(dim)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))
        self.post_norm = post_norm
        self.drop_path = drop_path

    def _dp(self, y):
        if not self.training or self.drop_path <= 0:
            return y
        keep = 1.0 - self.drop_path
        mask = y.new_empty(y.shape[0], 1, 1, 1).bernoulli_(keep)
        return y * mask / keep

    def forward(self, x, freq_embed=None, capture=None):
        g1 = self.gamma1[:, None, None] if self.layer_scale else 1.0
        g2 = self.gamma2[:, None, None] if self.layer_scale else 1.0
        if self.post_norm:
            x = x + self._dp(g1 * self.norm1(self.op(x, freq_embed, capture)))
            x = x + self._dp(g2 * self.norm2(self.mlp(x)))
        else:
            x = x + self._dp(g1 * self.op(self.norm1(x), freq_embed, capture))
            x = x + self._dp(g2 * self.mlp(self.norm2(x)))
        return x


class Stage(nn.Sequential):
    """Blocks then the downsample (official AdditionalInputSequential: names layers.i.j, layers.i.{depth}).
    Iterated by VHeat.forward_features."""


class VHeat(nn.Module):
    def __init__(self, depths=(2, 2, 6, 2), dims=(96, 192, 384, 768), num_classes=1000, post_norm=False,
                 layer_scale=None, mlp_ratio=4.0, img_size=224, infer_mode=False, drop_path_rate=0.0,
                 in_chans=3):
        super().__init__()
        self.depths, self.dims = list(depths), list(dims)
        self.num_layers = len(depths)
        self.infer_mode = infer_mode
        self.img_size = img_size
        self.patch_embed = Stem(in_chans, dims[0])
        res0 = int(img_size / 4)
        self.res = [res0 // (2 ** i) for i in range(self.num_layers)]
        if not infer_mode:
            self.freq_embed = nn.ParameterList(
                [nn.Parameter(torch.zeros(self.res[i], self.res[i], dims[i])) for i in range(self.num_layers)])
        dpr = torch.linspace(0, drop_path_rate, sum(depths)).tolist()
        self.layers = nn.ModuleList()
        for i in range(self.num_layers):
            blocks = [HeatBlock(self.res[i], dims[i], mlp_ratio, post_norm, layer_scale, infer_mode,
                                dpr[sum(depths[:i]) + j]) for j in range(depths[i])]
            if i < self.num_layers - 1:
                blocks.append(nn.Sequential(nn.Conv2d(dims[i], dims[i + 1], 3, 2, 1, bias=False),
                                            LayerNorm2d(dims[i + 1])))
            else:
                blocks.append(nn.Identity())
            self.layers.append(Stage(*blocks))
        self.classifier = nn.Sequential(LayerNorm2d(dims[-1]), nn.AdaptiveAvgPool2d(1), nn.Flatten(1),
                                        nn.Linear(dims[-1], num_classes))
        self.apply(self._init_weights)
        if not infer_mode:
            for p in self.freq_embed:
                nn.init.trunc_normal_(p, std=0.02)

    @staticmethod
    def _init_weights(m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)

    def _stage_blocks(self, i):
        return [m for m in self.layers[i] if isinstance(m, HeatBlock)]

    def forward_features(self, x, captures=None):
        x = self.patch_embed(x)
        stages = []
        for i, layer in enumerate(self.layers):
            fe = None if self.infer_mode else self.freq_embed[i]
            stage_caps = [] if captures is not None else None
            for m in layer:
                if isinstance(m, HeatBlock):
                    cap = None
                    if stage_caps is not None:
                        cap = {'stage': i, 'block': len(stage_caps), 'input': x.detach().clone()}
                    x = m(x, fe, cap)
                    if cap is not None:
                        cap['output'] = x.detach().clone()
                        stage_caps.append(cap)
                else:
                    if captures is not None and m is layer[-1]:
                        stages.append(x.detach().clone())
                    x = m(x)
            if captures is not None:
                captures.extend(stage_caps)
        if captures is not None:
            captures.append({'stages': stages})
        return x

    def forward(self, x, captures=None):
        return self.classifier(self.forward_features(x, captures))

    @torch.no_grad()
    def infer_init(self):
        """Official `infer_init`: store each op's decay map E = k_exp at the trained size, drop freq_embed/to_k."""
        for i in range(self.num_layers):
            for blk in self._stage_blocks(i):
                op = blk.op
                e = op.decay(self.freq_embed[i], self.res[i], self.res[i])
                del op.to_k
                op.k_exp = nn.Parameter(e.clone(), requires_grad=False)
                # official order puts k_exp first among the op's parameters: re-register to match it
                params = dict(op._parameters)
                op._parameters.clear()
                op._parameters['k_exp'] = params.pop('k_exp')
                op._parameters.update(params)
                op.infer_mode = True
        del self.freq_embed
        self.infer_mode = True
        return self

"""Checks of the reference models (stdlib unittest; `npm test` never runs this).

Command: /usr/bin/python3 -m unittest tools/python/test_heatnets.py    (a few seconds)
"""
import copy
import json
import math
import os
import sys
import unittest

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heatnets import HcNet, VHeat  # noqa: E402
from heatnets.vheat import dct_matrix, heat_operator  # noqa: E402
import fashion_data  # noqa: E402

SEED = int.from_bytes(os.urandom(4), 'little')
print(f'test_heatnets seed {SEED}')
PARITY = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'parity')


def official_heat(phi, k):
    """The official Heat2D middle part, transcribed in its own conv1d form (B,H,W,C channels-last)."""
    b, h, w, c = phi.shape
    def cos_map(n):
        wx = (torch.linspace(0, n - 1, n).view(1, -1) + 0.5) / n
        wn = torch.linspace(0, n - 1, n).view(-1, 1)
        m = torch.cos(wn * wx * torch.pi) * math.sqrt(2 / n)
        m[0, :] = m[0, :] / math.sqrt(2)
        return m
    cn, cm = cos_map(h), cos_map(w)
    wn = torch.linspace(0, torch.pi, h + 1)[:h].view(-1, 1)
    wm = torch.linspace(0, torch.pi, w + 1)[:w].view(1, -1)
    e = torch.exp(-(wn ** 2 + wm ** 2))
    x = F.conv1d(phi.contiguous().view(b, h, -1), cn.view(h, h, 1))
    x = F.conv1d(x.contiguous().view(-1, w, c), cm.view(w, w, 1)).contiguous().view(b, h, w, -1)
    x = x * torch.pow(e[:, :, None], k)
    x = F.conv1d(x.contiguous().view(b, h, -1), cn.t().contiguous().view(h, h, 1))
    x = F.conv1d(x.contiguous().view(-1, w, c), cm.t().contiguous().view(w, w, 1)).contiguous().view(b, h, w, -1)
    return x


class HeatNetsTest(unittest.TestCase):
    def setUp(self):
        self.gen = torch.Generator().manual_seed(SEED)

    def test_dct_orthonormal(self):
        for n in (1, 5, 8):
            d = dct_matrix(n, torch.float64)
            self.assertLess((d @ d.t() - torch.eye(n, dtype=torch.float64)).abs().max().item(), 1e-12)

    def test_operator_matches_official_form(self):
        phi = torch.randn(2, 6, 10, 4, generator=self.gen)
        k = torch.rand(6, 10, 4, generator=self.gen) * 2
        wn = torch.arange(6).view(-1, 1) * math.pi / 6
        wm = torch.arange(10).view(1, -1) * math.pi / 10
        decay = torch.exp(-(wn ** 2 + wm ** 2)[:, :, None] * k)
        # float32 reductions of length <= 10 in two different orders: agreement to ~1e-6 relative
        self.assertLess((heat_operator(phi, decay) - official_heat(phi, k)).abs().max().item(), 1e-5)

    def test_vheat_t_state_dict_layout(self):
        sd = VHeat(depths=[2, 2, 6, 2], dims=[96, 192, 384, 768]).state_dict()
        self.assertEqual(tuple(sd['freq_embed.2'].shape), (14, 14, 384))
        self.assertEqual(tuple(sd['layers.0.2.0.weight'].shape), (192, 96, 3, 3))
        self.assertEqual(tuple(sd['layers.1.0.op.linear.weight'].shape), (384, 192))
        self.assertEqual(tuple(sd['layers.3.1.mlp.fc1.weight'].shape), (3072, 768, 1, 1))
        self.assertIn('patch_embed.norm2.1.bias', sd)
        self.assertIn('classifier.3.weight', sd)
        self.assertNotIn('layers.3.2.0.weight', sd)

    def test_infer_init_gives_same_logits(self):
        m = VHeat(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], num_classes=7, img_size=32).eval()
        with torch.no_grad():
            for n, p in m.named_parameters():
                if 'to_k.0.bias' in n:
                    p.uniform_(0.5, 2.0, generator=self.gen)
                if 'freq_embed' in n:
                    p.normal_(0, 0.5, generator=self.gen)
        x = torch.randn(2, 3, 32, 32, generator=self.gen)
        with torch.no_grad():
            a = m(x)
            m2 = copy.deepcopy(m).infer_init()
            b = m2(x)
        self.assertTrue(next(iter(k for k in m2.state_dict() if '.op.' in k)).endswith('op.k_exp'))
        self.assertLess((a - b).abs().max().item(), 1e-5 * max(1.0, a.abs().max().item()))
        loaded = VHeat(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], num_classes=7, img_size=32, infer_mode=True)
        loaded.load_state_dict(m2.state_dict())
        self.assertEqual(list(loaded.state_dict()), list(m2.state_dict()))

    def test_hcnet_layout_and_neighbours(self):
        sd = HcNet(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], img_size=32).state_dict()
        nn_ = sd['layers.0.blocks.0.mean_num'][0, 0]
        self.assertEqual(nn_[0, 0].item(), 3.0)
        self.assertEqual(nn_[0, 3].item(), 5.0)
        self.assertEqual(nn_[3, 3].item(), 8.0)
        self.assertIn('layers.2.downsample.reduction.weight', sd)
        self.assertNotIn('layers.3.downsample.reduction.weight', sd)

    def test_parity_fixtures_reproduce(self):
        manifest = json.load(open(os.path.join(PARITY, 'manifest.json')))
        for case in manifest['cases']:
            cfg = case['config']
            ckpt = torch.load(os.path.join(PARITY, case['files']['pth']), map_location='cpu')
            kw = dict(dims=cfg['dims'], depths=cfg['depths'], num_classes=cfg['numClasses'],
                      mlp_ratio=cfg['mlpRatio'], img_size=cfg['trainResolution'])
            if cfg['family'] == 'vheat':
                m = VHeat(post_norm=cfg['postNorm'], layer_scale=1.0 if cfg['layerScale'] else None,
                          infer_mode=cfg['inferenceMode'], **kw)
            else:
                m = HcNet(**kw)
            m.load_state_dict(ckpt['model'])
            x = torch.from_numpy(np.load(os.path.join(PARITY, case['files']['input'])))
            want = torch.tensor(json.load(open(os.path.join(PARITY, case['files']['logits'])))['model'])
            with torch.no_grad():
                got = m.eval()(x)
            self.assertLess((got - want).abs().max().item(), 1e-5 * case['maxAbsLogit'], case['name'])

    def test_bicubic_matches_identity_and_constant(self):
        self.assertLess(np.abs(fashion_data.bicubic_matrix(28, 28) - np.eye(28)).max(), 1e-12)
        r = fashion_data.resize_images(np.full((1, 28, 28), 77, np.uint8), 32)
        self.assertLess(np.abs(r - 77).max(), 1e-4)


if __name__ == '__main__':
    unittest.main()

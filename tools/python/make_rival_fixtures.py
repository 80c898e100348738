"""PyTorch parity fixtures of vHeat's rivals (heatnets/rivals.py: ConvNeXt, ViT) -> fixtures/rivals/.

Command:  /usr/bin/python3 tools/python/make_rival_fixtures.py        (a few seconds; output ~0.2 MB)

Same layout as fixtures/parity (make_parity_fixtures.py, whose helpers it uses): tiny random models with meaningful
weights, saved in the official training format (<case>.pth, config a heatnets.config.TrainConfig with img_size and head_dim),
float32 NCHW inputs (<case>.input.npy) and PyTorch logits (<case>.logits.json), listed in manifest.json with the
engine's config of each case. The ViT cases use 8-channel heads, so their stages have 1 to 4 heads.
Besides the logits, manifest.json's `erf` lists effective receptive fields through torch autograd
(erf.<case>.s<stage>.npy, [H, W]: sum over RGB and the batch of |d(sum_c Y[c, p]) / dX| / batch, Y the stage's
output before its downsample), for `vheat erf` and the page's ERF on the rivals.
"""
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from heatnets import RivalNet  # noqa: E402
from heatnets.config import TrainConfig  # noqa: E402
from make_parity_fixtures import meaningful_random_, training_format  # noqa: E402

OUT = os.path.join(HERE, '..', '..', 'fixtures', 'rivals')
SEED = 20261206


def ts_config(m: RivalNet) -> dict:
    c = {'family': m.block, 'dims': m.dims, 'depths': m.depths, 'mlpRatio': m.mlp_ratio,
         'numClasses': m.classifier[3].out_features, 'trainResolution': m.img_size}
    if m.block == 'vit':
        c['headDim'] = m.head_dim
    return c


def save_npy(name: str, a: np.ndarray) -> str:
    np.save(os.path.join(OUT, name), np.ascontiguousarray(a, dtype=np.float32))
    return name


def erf(model: RivalNet, x: torch.Tensor, stage: int, point) -> np.ndarray:
    x = x.clone().requires_grad_(True)
    stages = []
    model.forward_features(x, stages)
    target = stages[stage][:, :, point[0], point[1]].sum()
    (grad,) = torch.autograd.grad(target, x)
    return (grad.abs().sum(dim=(0, 1)) / x.shape[0]).detach().numpy()


def make_case(name, model, input_hw, gen, manifest, batch=2):
    model.eval()
    x = torch.randn(batch, 3, *input_hw, generator=gen)
    with torch.no_grad():
        logits = model(x)
    assert torch.isfinite(logits).all(), name
    cfg = TrainConfig(model=name, img_size=model.img_size, head_dim=model.head_dim, note='rival parity fixture, random weights')
    files = {'pth': f'{name}.pth', 'input': save_npy(f'{name}.input.npy', x.numpy()), 'logits': f'{name}.logits.json'}
    torch.save(training_format(model, None, cfg), os.path.join(OUT, files['pth']))
    with open(os.path.join(OUT, files['logits']), 'w') as f:
        json.dump({'model': logits.tolist()}, f)
    manifest['cases'].append({'name': name, 'config': ts_config(model), 'inputShapeNCHW': list(x.shape),
                              'numStateDictEntries': len(model.state_dict()), 'files': files,
                              'maxAbsLogit': float(logits.abs().max())})
    return x


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in [f for f in os.listdir(OUT) if f.endswith(('.pth', '.npy', '.json'))]:
        os.remove(os.path.join(OUT, f))
    torch.manual_seed(SEED)
    gen = torch.Generator().manual_seed(SEED)
    manifest = {'seed': SEED, 'generator': 'tools/python/make_rival_fixtures.py', 'torch': torch.__version__,
                'layout': 'inputs NCHW float32 (.npy, little-endian); ERF maps [H, W] float32', 'cases': [], 'erf': []}
    tiny = dict(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], num_classes=10)
    for block, ratio in (('convnext', 3.0), ('vit', 2.0)):
        m = RivalNet(block, img_size=32, mlp_ratio=ratio, head_dim=8, **tiny)
        meaningful_random_(m, gen)
        x = make_case(block, m, (32, 32), gen, manifest)
        for stage, point in ((0, (2, 5)), (2, (1, 0))):
            name = f'erf.{block}.s{stage}.npy'
            manifest['erf'].append({'case': block, 'stage': stage, 'point': list(point), 'rule': 'abs',
                                    'images': x.shape[0], 'file': save_npy(name, erf(m, x, stage, point))})
        # a non-square input: the position encoding and the attention take any size
        m = RivalNet(block, img_size=32, mlp_ratio=ratio, head_dim=8, **tiny)
        meaningful_random_(m, gen)
        make_case(f'{block}_nonsquare', m, (40, 48), gen, manifest, batch=1)
    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'wrote {len(os.listdir(OUT))} files, {total / 1024:.0f} KiB to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()

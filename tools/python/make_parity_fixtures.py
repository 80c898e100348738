"""PyTorch parity fixtures for the TypeScript engine -> fixtures/parity/.

Command:  /usr/bin/python3 tools/python/make_parity_fixtures.py        (a few seconds; output ~0.3 MB)

Each case is a tiny random-config model (reference implementation in tools/python/heatnets, state dict identical to
the official code's) with weights that are random but meaningful: LayerNorm/GroupNorm affine away from identity,
to_k bias positive and freq_embed with a visible spread so the diffusivity k is non-trivial (the heat operator
matters), layer scale gamma random around 0.5. Files per case (see manifest.json for the list and the configs):
  <case>.pth            official training format {'model','model_ema','optimizer','lr_scheduler','max_accuracy',
                        'epoch','config'}; config is a heatnets.config.TrainConfig (a foreign global, like yacs CfgNode);
                        in vheat_pre and hcnet, model_ema holds different weights (model's, perturbed) so 'ema' vs
                        'model' selection is testable (logits for both); the other cases have no model_ema.
  <case>.input.npy      float32 NCHW input, <case>.logits.json  PyTorch logits of 'model' and 'model_ema'.
Some cases are also saved as a bare state dict (<case>.bare.pth) and one with a `module.` prefix on every key.
`vheat_block.*.npy` hold intermediates of one block of case vheat_pre (NHWC, float32) for debugging.
Inputs come from a seed printed at the top of manifest.json (fixtures are generated once and committed).
"""
import copy
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heatnets import HcNet, VHeat  # noqa: E402
from heatnets.config import TrainConfig  # noqa: E402
from heatnets.vheat import frequency_grid  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'parity')
SEED = 20261121


def meaningful_random_(model: torch.nn.Module, gen: torch.Generator):
    """Re-randomise a freshly built model so that every weight matters."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('k_exp'):
                continue
            if 'freq_embed' in name:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.5)
            elif 'to_k.0.bias' in name:
                p.copy_(0.5 + torch.rand(p.shape, generator=gen) * 1.5)  # k = ReLU(...) mostly > 0
            elif 'to_k.0.weight' in name:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.3)
            elif 'gamma' in name:
                p.copy_(0.3 + 0.4 * torch.rand(p.shape, generator=gen))
            elif p.ndim == 1 and ('norm' in name or name.startswith('classifier.0')):
                if name.endswith('weight'):
                    p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=gen))
                else:
                    p.copy_(0.1 * torch.randn(p.shape, generator=gen))
            elif p.ndim == 1:  # conv / linear biases
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))
            else:
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=gen) / np.sqrt(fan_in))


def ts_config(model) -> dict:
    if isinstance(model, VHeat):
        blk = model.layers[0][0]
        return {'family': 'vheat', 'dims': model.dims, 'depths': model.depths, 'postNorm': blk.post_norm,
                'layerScale': blk.layer_scale, 'mlpRatio': blk.mlp.fc1.out_channels / model.dims[0],
                'numClasses': model.classifier[3].out_features, 'trainResolution': model.img_size,
                'inferenceMode': model.infer_mode}
    blk = model.layers[0].blocks[0]
    return {'family': 'hcnet', 'dims': model.dims, 'depths': model.depths,
            'mlpRatio': blk.mlp.fc1.out_channels / model.dims[0], 'numClasses': model.head.out_features,
            'trainResolution': model.img_size}


def save_npy(name: str, a: np.ndarray) -> str:
    np.save(os.path.join(OUT, name), np.ascontiguousarray(a, dtype=np.float32))
    return name


def training_format(model, ema, cfg) -> dict:
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    d = {'model': model.state_dict()}
    if ema is not None:
        d['model_ema'] = ema.state_dict()
    d.update({'optimizer': opt.state_dict(), 'lr_scheduler': {'last_epoch': 3}, 'max_accuracy': 12.5, 'epoch': 3,
              'config': cfg})
    return d


def make_case(name, model, input_hw, gen, manifest, batch=2, bare=False, module_prefix=False, with_ema=False):
    model.eval()
    ema = copy.deepcopy(model)
    with torch.no_grad():
        for p in ema.parameters():
            p.add_(0.05 * torch.randn(p.shape, generator=gen) * (p.abs().mean() + 1e-3))
    ema.eval()
    x = torch.randn(batch, 3, *input_hw, generator=gen)
    with torch.no_grad():
        logits = model(x)
        logits_ema = ema(x)
    assert torch.isfinite(logits).all() and torch.isfinite(logits_ema).all(), name
    cfg = TrainConfig(model=name, img_size=model.img_size, note='parity fixture, random weights')
    files = {'pth': f'{name}.pth'}
    torch.save(training_format(model, ema if with_ema else None, cfg), os.path.join(OUT, files['pth']))
    if bare:
        files['bare'] = f'{name}.bare.pth'
        torch.save(model.state_dict(), os.path.join(OUT, files['bare']))
    if module_prefix:
        files['modulePrefix'] = f'{name}.module.pth'
        torch.save({'module.' + k: v for k, v in model.state_dict().items()}, os.path.join(OUT, files['modulePrefix']))
    files['input'] = save_npy(f'{name}.input.npy', x.numpy())
    files['logits'] = f'{name}.logits.json'
    with open(os.path.join(OUT, files['logits']), 'w') as f:
        json.dump({'model': logits.tolist(), **({'model_ema': logits_ema.tolist()} if with_ema else {})}, f)
    manifest['cases'].append({'name': name, 'config': ts_config(model), 'inputShapeNCHW': list(x.shape),
                              'numStateDictEntries': len(model.state_dict()), 'files': files,
                              'maxAbsLogit': float(logits.abs().max())})
    return model, x


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(('.pth', '.npy', '.json')):
            os.remove(os.path.join(OUT, f))
    torch.manual_seed(SEED)
    gen = torch.Generator().manual_seed(SEED)
    manifest = {'seed': SEED, 'generator': 'tools/python/make_parity_fixtures.py', 'torch': torch.__version__,
                'layout': 'inputs NCHW float32 (.npy, little-endian); intermediates NHWC float32', 'cases': []}
    tiny = dict(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], num_classes=10)

    # 1. vHeat pre-norm (vHeat-T style), trained at 32, input 32. Bare and module.-prefixed copies too.
    m = VHeat(img_size=32, post_norm=False, layer_scale=None, **tiny)
    meaningful_random_(m, gen)
    m, x = make_case('vheat_pre', m, (32, 32), gen, manifest, bare=True, module_prefix=True,
                     with_ema=True)
    # intermediates of block layers.0.0 (stage 0, block 0) for the first input
    caps = []
    with torch.no_grad():
        m(x[:1], captures=caps)
    c = next(c for c in caps if c.get('stage') == 0 and c.get('block') == 0)
    blk = m.layers[0][0]
    with torch.no_grad():
        h, w = c['input'].shape[2:]
        k = blk.op.diffusivity(m.freq_embed[0], h, w)
        rate = frequency_grid(h, w)[:, :, None] * k
    manifest['block'] = {
        'case': 'vheat_pre', 'stage': 0, 'block': 0, 'batchIndex': 0,
        'files': {
            'input': save_npy('vheat_block.input.npy', c['input'].permute(0, 2, 3, 1).numpy()),
            'phi': save_npy('vheat_block.phi.npy', c['phi'].numpy()),
            'diffusivity': save_npy('vheat_block.k.npy', k.numpy()),
            'rate': save_npy('vheat_block.rate.npy', rate.numpy()),
            'decay': save_npy('vheat_block.decay.npy', c['decay'].numpy()),
            'heatOut': save_npy('vheat_block.heat_out.npy', c['heat_out'].numpy()),
            'output': save_npy('vheat_block.output.npy', c['output'].permute(0, 2, 3, 1).numpy()),
        },
        'note': 'input/output/phi/heatOut [1,H,W,C]; k/rate/decay [H,W,C]; rate = (w_n^2+w_m^2) k; '
                'decay = exp(-rate); heatOut = IDCT(DCT(phi) * decay) before out_norm',
    }
    # stage outputs of vheat_pre (after the stage's blocks, before downsample), first input, NHWC
    manifest['stages'] = {'case': 'vheat_pre', 'batchIndex': 0, 'files': [
        save_npy(f'vheat_pre.stage{i}.npy', s.permute(0, 2, 3, 1).numpy())
        for i, s in enumerate(caps[-1]['stages'])]}

    # 2. vHeat post-norm + layer scale (vHeat-S/B style)
    m = VHeat(img_size=32, post_norm=True, layer_scale=1e-5, **tiny)
    meaningful_random_(m, gen)
    make_case('vheat_post_ls', m, (32, 32), gen, manifest)

    # 3. inference mode (official infer_init: k_exp instead of freq_embed + to_k)
    m = VHeat(img_size=32, post_norm=False, layer_scale=None, **tiny)
    meaningful_random_(m, gen)
    m.eval()
    m.infer_init()
    make_case('vheat_infer', m, (32, 32), gen, manifest)

    # 4. non-square input 40x48 on a model trained at 32 (freq_embed zero-padded at the high-frequency end)
    m = VHeat(img_size=32, post_norm=False, layer_scale=None, mlp_ratio=2.0, **tiny)
    meaningful_random_(m, gen)
    make_case('vheat_nonsquare', m, (40, 48), gen, manifest)

    # 5. input smaller than the training resolution: trained at 64, input 32 (freq_embed cropped)
    m = VHeat(img_size=64, post_norm=True, layer_scale=0.5, mlp_ratio=2.0, **tiny)
    meaningful_random_(m, gen)
    make_case('vheat_crop', m, (32, 32), gen, manifest)

    # 6. three stages (any number of stages)
    m = VHeat(img_size=32, post_norm=False, layer_scale=None, dims=[8, 16, 24], depths=[1, 2, 1], num_classes=5)
    meaningful_random_(m, gen)
    make_case('vheat_3stage', m, (32, 32), gen, manifest)

    # 7. HcNet (3 stages) at its training size and 8. (4 stages, trained at 64) at a non-square size 40x48
    #    (mean_num recomputed for the actual map sizes)
    # (4 stages at 32x32 would leave a 1x1 last map: the official block then divides 0 by mean_num = 0 -> NaN)
    m = HcNet(img_size=32, dims=[8, 16, 24], depths=[1, 1, 2], num_classes=10)
    meaningful_random_(m, gen)
    make_case('hcnet', m, (32, 32), gen, manifest, bare=True, module_prefix=True, with_ema=True)
    m = HcNet(img_size=64, mlp_ratio=2.0, **tiny)
    meaningful_random_(m, gen)
    make_case('hcnet_nonsquare', m, (40, 48), gen, manifest)

    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'wrote {len(os.listdir(OUT))} files, {total / 1024:.0f} KiB to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()

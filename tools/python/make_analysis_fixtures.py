"""PyTorch references for the command line's analyses (`vheat erf`, `vheat heat`, `vheat spectrum`) -> fixtures/analysis/.

Command:  /usr/bin/python3 tools/python/make_analysis_fixtures.py        (a few seconds; output ~40 KiB)

Models and inputs are the committed parity fixtures (fixtures/parity: vheat_pre.pth, hcnet.pth, their 'model'
weights, and their [2,3,32,32] inputs), run through the reference modules of tools/python/heatnets:
  erf.<case>.npy        g = sum over RGB of |d(sum_c Y[c, p]) / dX| (rule 'abs') or ReLU(d(sum_c ReLU(Y[c, p])) / dX)
                        (rule 'relu'), X the NCHW input, Y stage K's output before its downsample, through torch
                        autograd; averaged over the images used (a batch counts each image once). [H, W]
  heat.<case>.npy       one vHeat block's operator over time, u(t) = IDCT(DCT(phi) * exp(-t s (w_n^2 + w_m^2) k)),
                        reduced per pixel: energy sqrt(mean_c u^2) [T, h, w] or PCA [T, h, w, 3] (basis of phi's
                        channel vectors, population covariance, each component's largest entry positive)
  steps.<case>.npy      HcNet's explicit step x <- x + a (s(x) / n - x) repeated, with the block's alpha held fixed,
                        energy at the listed step numbers [T, h, w]
  spectrum.<case>.npy   a vHeat block's learned diffusivity k [h, w, C] at the stage size of a 32x32 input
manifest.json lists every case with its settings. The diffusivity multipliers follow the engine's RunOptions:
vHeat's stage i runs its operator with exp(-s_i rate) = decay ** s_i, HcNet's alpha is multiplied by s_i,
s_i = global * perStage[i].
"""
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from heatnets import HcNet, VHeat  # noqa: E402
from heatnets.hcnet import HcBlock, neighbour_count  # noqa: E402
from heatnets.vheat import HeatBlock, frequency_grid, heat_operator  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
PARITY = os.path.join(ROOT, 'fixtures', 'parity')
OUT = os.path.join(ROOT, 'fixtures', 'analysis')


def load_case(name):
    manifest = json.load(open(os.path.join(PARITY, 'manifest.json')))
    case = next(c for c in manifest['cases'] if c['name'] == name)
    cfg = case['config']
    if cfg['family'] == 'vheat':
        model = VHeat(depths=cfg['depths'], dims=cfg['dims'], num_classes=cfg['numClasses'], post_norm=cfg['postNorm'],
                      layer_scale=None, mlp_ratio=cfg['mlpRatio'], img_size=cfg['trainResolution'])
    else:
        model = HcNet(depths=cfg['depths'], dims=cfg['dims'], num_classes=cfg['numClasses'], mlp_ratio=cfg['mlpRatio'],
                      img_size=cfg['trainResolution'])
    model.load_state_dict(torch.load(os.path.join(PARITY, case['files']['pth']))['model'])
    model.eval()
    x = torch.from_numpy(np.load(os.path.join(PARITY, case['files']['input'])))
    return model, x, case['files']['pth'], case['files']['input']


def stage_multipliers(model, diffusivity):
    n = len(model.depths)
    if diffusivity is None:
        return [1.0] * n
    per = diffusivity.get('perStage', [1.0] * n)
    return [diffusivity['global'] * per[i] for i in range(n)]


def set_diffusivity(model, diffusivity):
    """Patches every block of stage i to run with multiplier s_i (vHeat: decay ** s_i; HcNet: alpha * s_i)."""
    scales = stage_multipliers(model, diffusivity)
    if isinstance(model, VHeat):
        for i, layer in enumerate(model.layers):
            for m in layer:
                if isinstance(m, HeatBlock):
                    op = m.op
                    op.decay = (lambda base, s: lambda fe, h, w: base(fe, h, w) ** s)(type(op).decay.__get__(op), scales[i])
    else:
        for i, layer in enumerate(model.layers):
            for blk in layer.blocks:
                blk.alpha = (lambda base, s: lambda x: base(x) * s)(HcBlock.alpha.__get__(blk), scales[i])


def stage_output(model, x, stage):
    """Output of stage `stage`'s blocks, before its downsample (NCHW), differentiable."""
    x = model.patch_embed(x)
    for i, layer in enumerate(model.layers):
        if isinstance(model, VHeat):
            fe = model.freq_embed[i]
            for m in layer:
                if isinstance(m, HeatBlock):
                    x = m(x, fe)
                elif i < stage:
                    x = m(x)
        else:
            for blk in layer.blocks:
                x = blk(x)
            if i < stage:
                x = layer.downsample(x)
        if i == stage:
            return x
    raise ValueError(stage)


def erf(model, x, stage, point, rule):
    x = x.clone().requires_grad_(True)
    y = stage_output(model, x, stage)
    at = y[:, :, point[0], point[1]]
    target = (torch.relu(at) if rule == 'relu' else at).sum()
    (grad,) = torch.autograd.grad(target, x)
    g = torch.relu(grad) if rule == 'relu' else grad.abs()
    return (g.sum(dim=(0, 1)) / x.shape[0]).detach().numpy()


def capture(model, x, stage, block):
    caps = []
    with torch.no_grad():
        model(x, captures=caps)
    return next(c for c in caps if c.get('stage') == stage and c.get('block') == block)


def pca_basis(rows, k=3):
    mean = rows.mean(0)
    centred = rows - mean
    cov = centred.T @ centred / rows.shape[0]
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:k]
    comps = vectors[:, order].T
    for c in comps:
        if c[np.argmax(np.abs(c))] < 0:
            c *= -1
    return mean, comps


def reduce_frames(frames, view):
    """frames [T, h, w, C] float64 -> energy [T, h, w] or PCA [T, h, w, 3] (basis of frame 0)."""
    if view == 'energy':
        return np.sqrt((frames ** 2).mean(-1))
    t, h, w, c = frames.shape
    mean, comps = pca_basis(frames[0].reshape(h * w, c))
    return ((frames.reshape(-1, c) - mean) @ comps.T).reshape(t, h, w, comps.shape[0])


def heat_frames(model, x, stage, block, times, view, diffusivity):
    cap = capture(model, x[:1], stage, block)
    phi = cap['phi'].double()
    h, w = phi.shape[1:3]
    op = model.layers[stage][block].op
    with torch.no_grad():
        rate = (frequency_grid(h, w)[:, :, None] * op.diffusivity(model.freq_embed[stage], h, w)).double()
    s = stage_multipliers(model, diffusivity)[stage]
    frames = torch.cat([heat_operator(phi, torch.exp(-t * s * rate)) for t in times]).numpy()
    return reduce_frames(frames, view)


def hcnet_steps(model, x, stage, block, steps):
    cap = capture(model, x[:1], stage, block)
    u = cap['input'].double()
    a = cap['alpha'].double()
    n = neighbour_count(*u.shape[2:]).double()
    kept = {0: u}
    for k in range(1, max(steps) + 1):
        s = torch.nn.functional.avg_pool2d(u, 3, 1, 1, count_include_pad=True) * 9.0 - u
        u = u + a * (s / n - u)
        kept[k] = u
    frames = torch.cat([kept[k] for k in steps]).permute(0, 2, 3, 1).numpy()
    return reduce_frames(frames, 'energy')


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(('.npy', '.json')):
            os.remove(os.path.join(OUT, f))
    cases = []

    def save(kind, name, array, **settings):
        file = f'{kind}.{name}.npy'
        np.save(os.path.join(OUT, file), np.ascontiguousarray(array, dtype=np.float32))
        cases.append({'kind': kind, 'name': name, 'file': file, 'shape': list(array.shape), **settings})

    erf_cases = [
        # name, parity case, stage, point, rule, images ('all' = the whole batch of 2), diffusivity
        ('vheat_s0_centre', 'vheat_pre', 0, (4, 4), 'abs', 'all', None),
        ('vheat_s1_corner', 'vheat_pre', 1, (0, 3), 'abs', 'all', None),
        ('vheat_s2_first', 'vheat_pre', 2, (1, 0), 'abs', 'first', None),
        ('vheat_s3_centre', 'vheat_pre', 3, (0, 0), 'abs', 'all', None),
        ('vheat_s1_relu', 'vheat_pre', 1, (2, 1), 'relu', 'all', None),
        ('vheat_s1_diffusivity', 'vheat_pre', 1, (2, 2), 'abs', 'all', {'global': 0.5, 'perStage': [1, 3, 1, 1]}),
        ('hcnet_s1_point', 'hcnet', 1, (1, 2), 'abs', 'all', None),
        ('hcnet_s0_diffusivity', 'hcnet', 0, (3, 5), 'abs', 'all', {'global': 2.0, 'perStage': [1, 1, 1]}),
    ]
    for name, case, stage, point, rule, images, diffusivity in erf_cases:
        model, x, pth, npy = load_case(case)
        set_diffusivity(model, diffusivity)
        xs = x if images == 'all' else x[:1]
        save('erf', name, erf(model, xs, stage, point, rule), model=pth, input=npy, images=images, stage=stage,
             point=list(point), rule=rule, diffusivity=diffusivity)

    model, x, pth, npy = load_case('vheat_pre')
    times = [0, 0.25, 1, 4]
    save('heat', 'vheat_s0b0_energy', heat_frames(model, x, 0, 0, times, 'energy', None), model=pth, input=npy,
         stage=0, block=0, times=times, view='energy', diffusivity=None)
    save('heat', 'vheat_s0b0_pca', heat_frames(model, x, 0, 0, times, 'pca', None), model=pth, input=npy,
         stage=0, block=0, times=times, view='pca', diffusivity=None)
    scaled = {'global': 0.5, 'perStage': [3, 4, 1, 1]}  # s = 1.5 on stage 0 (changes phi of stage 1), 2 on stage 1
    set_diffusivity(model, scaled)
    save('heat', 'vheat_s1b0_diffusivity', heat_frames(model, x, 1, 0, [0, 1, 2], 'energy', scaled), model=pth,
         input=npy, stage=1, block=0, times=[0, 1, 2], view='energy', diffusivity=scaled)

    model, x, pth, npy = load_case('hcnet')
    steps = [0, 1, 6, 24]
    save('steps', 'hcnet_s0b0', hcnet_steps(model, x, 0, 0, steps), model=pth, input=npy, stage=0, block=0,
         steps=steps, view='energy')
    save('steps', 'hcnet_s2b1', hcnet_steps(model, x, 2, 1, steps), model=pth, input=npy, stage=2, block=1,
         steps=steps, view='energy')

    model, x, pth, npy = load_case('vheat_pre')
    for stage, block in [(0, 0), (2, 1)]:
        side = 32 // 2 ** (stage + 2)
        with torch.no_grad():
            k = model.layers[stage][block].op.diffusivity(model.freq_embed[stage], side, side).numpy()
        save('spectrum', f'vheat_s{stage}b{block}', k, model=pth, stage=stage, block=block, size=32)

    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump({'generator': 'tools/python/make_analysis_fixtures.py', 'torch': torch.__version__,
                   'weights': 'model', 'cases': cases}, f, indent=1)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'wrote {len(os.listdir(OUT))} files, {total / 1024:.0f} KiB to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()

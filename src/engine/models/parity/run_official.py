# Official PyTorch forward of the parity cases exported by exportCases.ts (tooling, not a test).
# official_dir holds vHeat.py (MzeroMiko/vHeat classification/models) and HcNet.py (ZheminZhang1/HcNet);
# they import timm (DropPath, trunc_normal_) and einops: install them or put trivial stand-ins on the path.
# Usage: python3 run_official.py <export_dir> <official_dir> <out_dir>
import json, sys, glob, os
import numpy as np, torch
export_dir, official_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, official_dir)
from vHeat import vHeat
from HcNet import HcNet
torch.set_grad_enabled(False)

def stage_sizes(h, n):
    s = []
    for i in range(n):
        h = (h + 1) // 2 if i > 0 else ((h + 1) // 2 + 1) // 2
        s.append(h)
    return s
for path in sorted(glob.glob(os.path.join(export_dir, '*.json'))):
    d = json.load(open(path)); c = d['case']; cfg = d['config']
    buf = np.fromfile(path[:-5] + '.bin', dtype='<f4')
    sd = {e['name']: torch.from_numpy(buf[e['offset']:e['offset'] + int(np.prod(e['shape']))].reshape(e['shape']).copy()) for e in d['manifest']}
    B, H, W, _ = c['inputShape']
    x = torch.tensor(d['input'], dtype=torch.float32).reshape(B, H, W, 3).permute(0, 3, 1, 2).contiguous()
    hs, ws = stage_sizes(H, 4), stage_sizes(W, 4)
    stages = []
    if cfg['family'] == 'vheat':
        m = vHeat(depths=cfg['depths'], dims=cfg['dims'], post_norm=cfg['postNorm'], layer_scale=(1e-5 if cfg['layerScale'] else None),
                  num_classes=cfg['numClasses'], img_size=cfg['trainResolution'], mlp_ratio=cfg['mlpRatio'], infer_mode=cfg['inferenceMode'])
        if cfg['inferenceMode']:
            m.infer_init()
        m.load_state_dict(sd, strict=True)
        if not cfg['inferenceMode']:
            for i in range(4):
                f = m.freq_embed[i].data
                r0, r1 = f.shape[0], f.shape[1]
                f = f[:min(r0, hs[i]), :min(r1, ws[i])]
                f = torch.nn.functional.pad(f.permute(2, 0, 1), (0, max(0, ws[i] - r1), 0, max(0, hs[i] - r0))).permute(1, 2, 0)
                m.freq_embed[i] = torch.nn.Parameter(f.contiguous())
        for i, layer in enumerate(m.layers):
            layer[len(layer) - 2].register_forward_hook(lambda mod, inp, o: stages.append(o))
    else:
        m = HcNet(embed_dim=cfg['dims'], depths=cfg['depths'], num_classes=cfg['numClasses'], img_size=cfg['trainResolution'], mlp_ratio=cfg['mlpRatio'])
        m.load_state_dict(sd, strict=True)
        for i, layer in enumerate(m.layers):
            for blk in layer.blocks:
                blk.input_resolution = (hs[i], ws[i])
                blk.mean_num = blk.pool_0(torch.ones(1, 1, hs[i], ws[i])) * 9.0 - 1.0
            layer.blocks[-1].register_forward_hook(lambda mod, inp, o: stages.append(o))
    m.eval()
    logits = m(x)
    rnd = lambda t: [float('%.7g' % v) for v in t.flatten().tolist()]
    res = {'_source': 'official PyTorch forward (torch 1.13 CPU) of the weights/input described by cases.ts; vHeat freq_embed padded/cropped per axis as interpolate4downstream.py does; HcNet mean_num recomputed at the run size',
           'name': c['name'], 'logits': rnd(logits), 'logitsShape': list(logits.shape),
           'stages': [{'shape': list(s.permute(0, 2, 3, 1).shape), 'data': rnd(s.permute(0, 2, 3, 1))} for s in stages]}
    json.dump(res, open(os.path.join(out_dir, c['name'] + '.json'), 'w'), separators=(',', ':'))
    print(c['name'], logits.shape, logits.flatten()[:4].tolist(), [tuple(s.shape) for s in stages])

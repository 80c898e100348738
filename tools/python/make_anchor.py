"""A PyTorch anchor for a seeded engine model -> fixtures/parity/<model>-anchor.json (a few KB, committed).

Command (repository root; vHeat-T: about a minute, ~113 MB of weights in the git-ignored tools/python/work/):
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/python/make_anchor.py --model vheat-t-224

The weights are the engine's own: tools/anchor/writeAnchorWeights.ts (run here through node + tsx) writes the
engine's random weights (src/engine/models/randomWeights.ts, seed 1; official state-dict names and shapes) and its
seeded input (SeededRandom(7).normals, NHWC) as safetensors; this script loads them into the project's reference
model (tools/python/heatnets, the official state-dict layout, load_state_dict strict), runs it in float32 (and in
float64, to state how far float32 PyTorch itself is from exact), and writes the float32 logits, their top-5 and the
sha256 of the weights and input (as tools/anchor/anchor.ts hashes them), so `npm test` checks the engine against
PyTorch without Python (tools/anchor/anchor.test.ts; tools/dawn/dispatchCount.ts --anchor on a Dawn kernel row).
Writing the engine's numbers out, rather than porting its generator to Python, makes the weights bit-identical.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
from heatnets import VHeat  # noqa: E402


def read_safetensors(path: str):
    """(tensors in file order as float32 arrays, metadata): the F32 subset of the format the writer uses."""
    with open(path, 'rb') as f:
        data = f.read()
    n = int.from_bytes(data[:8], 'little')
    header = json.loads(data[8:8 + n])
    meta = header.pop('__metadata__', {})
    tensors = {}
    for name, e in header.items():
        if e['dtype'] != 'F32':
            raise ValueError(f'{path}: {name} is {e["dtype"]}, expected F32')
        begin, end = e['data_offsets']
        a = np.frombuffer(data, dtype='<f4', count=(end - begin) // 4, offset=8 + n + begin)
        tensors[name] = a.reshape(e['shape'])
    return tensors, meta


def sha256_f32(arrays) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a, dtype='<f4').tobytes())
    return h.hexdigest()


def reference_model(config: dict) -> VHeat:
    if config['family'] != 'vheat' or config['layerScale'] or config['inferenceMode']:
        raise ValueError(f'this tool builds training-mode vHeat without layer scale, not {config}')
    return VHeat(depths=config['depths'], dims=config['dims'], num_classes=config['numClasses'],
                 post_norm=config['postNorm'], mlp_ratio=config['mlpRatio'], img_size=config['trainResolution'])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', default='vheat-t-224', help='a model of tools/anchor/seededModels.ts')
    ap.add_argument('--work', default=os.path.join(ROOT, 'tools', 'python', 'work'))
    ap.add_argument('--out', help='default fixtures/parity/<model>-anchor.json')
    args = ap.parse_args()
    torch.set_num_threads(1)
    out = args.out or os.path.join(ROOT, 'fixtures', 'parity', f'{args.model}-anchor.json')
    subprocess.run(['node', '--import', 'tsx', 'tools/anchor/writeAnchorWeights.ts', '--model', args.model,
                    '--out-dir', args.work], cwd=ROOT, check=True)
    weights, meta = read_safetensors(os.path.join(args.work, f'{args.model}.weights.safetensors'))
    inputs, _ = read_safetensors(os.path.join(args.work, f'{args.model}.input.safetensors'))
    config = json.loads(meta['config'])
    model = reference_model(config)
    model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in weights.items()}, strict=True)
    model.eval()
    # The model's own state dict, in its order, must hash as the engine's weights do (same names, order, values).
    digest = sha256_f32(t.numpy() for t in model.state_dict().values())
    if digest != meta['weightsSha256'] or sha256_f32([inputs['input']]) != meta['inputSha256']:
        raise ValueError('the weights or input read back differ from what the engine wrote')
    x = torch.from_numpy(inputs['input'].copy()).permute(0, 3, 1, 2).contiguous()  # NHWC -> NCHW
    with torch.no_grad():
        logits = model(x)[0].numpy().astype(np.float32)
        exact = model.double()(x.double())[0].numpy()
    float32_vs_float64 = float(np.abs(logits - exact).max() / np.abs(exact).max())
    top5 = [int(i) for i in np.argsort(-logits, kind='stable')[:5]]
    anchor = {
        'model': args.model, 'config': config, 'weightSeed': int(meta['weightSeed']), 'inputSeed': int(meta['inputSeed']),
        'input': f'SeededRandom({meta["inputSeed"]}).normals({x.numel()}) as NHWC [1, {x.shape[2]}, {x.shape[3]}, 3] '
                 '(standard normals; PyTorch gets it permuted to NCHW)',
        'weights': f'randomWeights(config, {meta["weightSeed"]}) (src/engine/models/randomWeights.ts), official '
                   'state-dict names, loaded strict into tools/python/heatnets VHeat',
        'weightsSha256': meta['weightsSha256'], 'inputSha256': meta['inputSha256'],
        'torch': torch.__version__, 'dtype': 'float32',
        'float32VsFloat64': float32_vs_float64,
        'command': f'OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/python/make_anchor.py --model {args.model}',
        'top5': top5,
        'logits': [float(v) for v in logits],
    }
    with open(out, 'w') as f:
        json.dump(anchor, f, indent=1)
        f.write('\n')
    print(f'{os.path.relpath(out, ROOT)}: top-5 {top5}, max |logit| {np.abs(logits).max():.4g}, '
          f'float32 vs float64 {float32_vs_float64:.2e}')


if __name__ == '__main__':
    main()

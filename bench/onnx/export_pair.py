"""Export one reference vHeat twice from the same weights, for the ONNX comparison benchmark (bench/suites/onnx-compare.ts):
a PyTorch checkpoint our engine loads (loadModelFile, in the page) and an ONNX model onnxruntime-web runs.

Commands (from the repository root; files land in the git-ignored bench/models/, ~250 MB for vHeat-T):
  # vHeat-T layout at 224, random weights (torch.manual_seed(--seed)): bench/models/vheat-t-224.{pth,onnx,json}
  /usr/bin/python3 bench/onnx/export_pair.py --preset vheat-t --name vheat-t-224
  # the bundled Fashion-MNIST vHeat (training checkpoint frozen by tools/python/export_fashion.py, EMA weights)
  /usr/bin/python3 bench/onnx/export_pair.py --checkpoint tools/python/work/vheat-fashion-mnist.pth --name vheat-fashion
  # a tiny layout for smoke tests of the benchmark code
  /usr/bin/python3 bench/onnx/export_pair.py --preset tiny --name tiny

Writes, for --name NAME:
  NAME.pth   the weights as torch.save'd it (a copy of --checkpoint, or a bare state dict for a preset)
  NAME.onnx  torch.onnx.export of the same module (opset 17, input `input` NCHW [1,3,S,S], output `logits`)
  NAME.json  {input size, classes, which weights, seed, and an anchor: a float32 NCHW input (NAME.input.bin,
             written beside it) with the PyTorch logits on it}, so the page can check every runtime against PyTorch.
The ONNX graph comes from the project's reference modules (tools/python/heatnets, the official state-dict
layout) exported by tools/python/export_onnx.py's conventions: the heat operator is four MatMul nodes with
constant cosine matrices, LayerNorm is LayerNormalization, GELU the erf form.
"""
import argparse
import json
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'tools', 'python'))
from export_onnx import PRESETS, from_checkpoint  # noqa: E402
from heatnets import VHeat  # noqa: E402

LOCAL_PRESETS = dict(PRESETS)
# Smoke-test layout: four stages, one block each, 32x32 input (stage sides 8, 4, 2, 1).
LOCAL_PRESETS['tiny'] = dict(dims=[8, 16, 32, 64], depths=[1, 1, 1, 1], post_norm=False, layer_scale=None)
PRESET_INPUT = {'tiny': 32}
PRESET_CLASSES = {'tiny': 10}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--preset', choices=sorted(LOCAL_PRESETS))
    ap.add_argument('--checkpoint', help='a training checkpoint (dict with model / model_ema and config)')
    ap.add_argument('--weights', choices=['ema', 'model'], default='ema')
    ap.add_argument('--seed', type=int, default=0, help='torch seed of the random weights and of the anchor input')
    ap.add_argument('--out-dir', default=os.path.join(ROOT, 'bench', 'models'))
    ap.add_argument('--name', required=True)
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out_dir, exist_ok=True)
    base = os.path.join(args.out_dir, args.name)
    torch.manual_seed(args.seed)
    if args.checkpoint:
        model, size = from_checkpoint(args.checkpoint, args.weights)
        shutil.copyfile(args.checkpoint, base + '.pth')
        weights = args.weights
        source = os.path.relpath(os.path.abspath(args.checkpoint), ROOT)
    elif args.preset:
        size = PRESET_INPUT.get(args.preset, 224)
        classes = PRESET_CLASSES.get(args.preset, 1000)
        model = VHeat(num_classes=classes, img_size=size, **LOCAL_PRESETS[args.preset])
        torch.save(model.state_dict(), base + '.pth')
        weights = None  # a bare state dict: no choice of weights
        source = f'preset {args.preset}, torch.manual_seed({args.seed})'
    else:
        ap.error('give --preset or --checkpoint')
    model.eval()
    gen = torch.Generator().manual_seed(args.seed + 1)
    x = torch.randn(1, 3, size, size, generator=gen)
    with torch.no_grad():
        logits = model(x)
        torch.onnx.export(model, (x,), base + '.onnx', opset_version=17, input_names=['input'],
                          output_names=['logits'], do_constant_folding=True)
    x.numpy().astype('<f4').tofile(base + '.input.bin')
    meta = {
        'name': args.name, 'source': source, 'weights': weights, 'seed': args.seed, 'inputSize': size,
        'numClasses': int(logits.shape[1]), 'params': sum(p.numel() for p in model.parameters()),
        'onnxBytes': os.path.getsize(base + '.onnx'), 'pthBytes': os.path.getsize(base + '.pth'),
        'anchor': {'input': args.name + '.input.bin', 'layout': 'NCHW float32 little-endian',
                   'shape': [1, 3, size, size], 'logits': logits[0].tolist()},
        'torch': torch.__version__,
    }
    with open(base + '.json', 'w') as f:
        json.dump(meta, f, indent=1)
    print(f'wrote {base}.pth ({meta["pthBytes"] / 1e6:.1f} MB), {base}.onnx ({meta["onnxBytes"] / 1e6:.1f} MB), '
          f'{base}.json; input [1,3,{size},{size}], {meta["params"]} params, logits[:3] {logits[0, :3].tolist()}')


if __name__ == '__main__':
    main()

"""Export the reference vHeat (or HcNet) to ONNX (opset 17) for benchmarking against other runtimes (bench/suites/onnx-compare.ts).

Commands:
  # vHeat-T layout at 224 with random weights (~120 MB; written under the git-ignored tools/python/work/)
  /usr/bin/python3 tools/python/export_onnx.py --preset vheat-t --out tools/python/work/vheat_t_224.onnx
  # the bundled Fashion-MNIST model (its training checkpoint; --weights ema|model)
  /usr/bin/python3 tools/python/export_onnx.py --checkpoint tools/python/work/vheat_fashion/ckpt_best.pth \\
      --weights ema --out tools/python/work/vheat_fashion.onnx
The heat operator exports as four MatMul nodes with constant cosine matrices (DCT along H and W, decay multiply,
transposed matrices for the IDCT); LayerNorm as LayerNormalization, GELU as its erf form. Works with torch 1.13
alone: torch.onnx.export does not need the `onnx` pip package (absent here); without onnx/onnxruntime the file is
checked by re-reading its protobuf header only (--check prints the byte size and the op types found by a scan).
Input: NCHW float32 [batch, 3, size, size], name `input`; output `logits`.
"""
import argparse
import os
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heatnets import HcNet, VHeat  # noqa: E402

PRESETS = {
    'vheat-t': dict(dims=[96, 192, 384, 768], depths=[2, 2, 6, 2], post_norm=False, layer_scale=None),
    'vheat-s': dict(dims=[96, 192, 384, 768], depths=[2, 2, 18, 2], post_norm=True, layer_scale=1e-5),
    'vheat-b': dict(dims=[128, 256, 512, 1024], depths=[2, 2, 18, 2], post_norm=True, layer_scale=1e-5),
}


def from_checkpoint(path: str, which: str):
    ckpt = torch.load(path, map_location='cpu')
    cfg = ckpt['config']
    fam, arch = cfg['family'], dict(cfg['arch'])
    if fam == 'vheat':
        m = VHeat(num_classes=cfg['num_classes'], img_size=cfg['img_size'], **arch)
    else:
        m = HcNet(num_classes=cfg['num_classes'], img_size=cfg['img_size'], **arch)
    m.load_state_dict(ckpt['model_ema' if which == 'ema' else 'model'])
    return m, cfg['img_size']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--preset', choices=list(PRESETS))
    ap.add_argument('--checkpoint')
    ap.add_argument('--weights', choices=['ema', 'model'], default='ema')
    ap.add_argument('--size', type=int)
    ap.add_argument('--batch', type=int, default=1)
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    torch.manual_seed(0)
    if args.checkpoint:
        model, size = from_checkpoint(args.checkpoint, args.weights)
    elif args.preset:
        model, size = VHeat(num_classes=1000, img_size=224, **PRESETS[args.preset]), 224
    else:
        ap.error('--preset or --checkpoint')
    size = args.size or size
    model.eval()
    x = torch.randn(args.batch, 3, size, size)
    with torch.no_grad():
        ref = model(x)
        torch.onnx.export(model, (x,), args.out, opset_version=17, input_names=['input'], output_names=['logits'],
                          do_constant_folding=True)
    data = open(args.out, 'rb').read()
    ops = sorted(set(re.findall(rb'\x22.([A-Z][A-Za-z]+)', data)) & {
        b'MatMul', b'Conv', b'LayerNormalization', b'Erf', b'Sigmoid', b'Mul', b'Add', b'Pow', b'Relu',
        b'ReduceMean', b'Gemm', b'AveragePool', b'GlobalAveragePool', b'InstanceNormalization', b'Einsum'})
    print(f'wrote {args.out}: {len(data) / 1e6:.1f} MB, input [{args.batch},3,{size},{size}], '
          f'ops seen {[o.decode() for o in ops]}, torch logits[0,:3] {ref[0, :3].tolist()}')


if __name__ == '__main__':
    main()

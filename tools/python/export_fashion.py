"""After training: evaluate the bundled Fashion-MNIST models exactly as the app preprocesses, and write
  fixtures/fashion/   manifest.json (labels, preprocessing, accuracies), test100.images.npy (uint8 [100,28,28], the
                      first 100 test images as published), test100.resized<S>.npy (uint8 [100,S,S]: Pillow bicubic to
                      each model's input size S),
                      <model>.logits100.json (PyTorch logits of the bundled weights), <model>.predictions.json
                      (argmax over all 10k test images)
  public/samples/fashion/*.png   the first test image of each class (8-bit grayscale PNG, 28x28)
  public/models/index.json       the app's list of bundled models, vHeat first (the default)
  tools/python/work/<model>.meta.json   labels / preprocessing / provenance for the web-format converter
  tools/python/work/<model>-fashion-mnist.pth   the evaluated checkpoint (a frozen copy of ckpt_best.pth)
Command:  /usr/bin/python3 tools/python/export_fashion.py [--only vheat]   (~1 min; needs the checkpoints of train_fashion.py;
          with --only, the other model keeps its manifest entry and fixtures)

Evaluation preprocessing = the app's (src/engine/image/preprocess.ts): Pillow 8-bit bicubic resize 28 -> S (PIL.Image.resize, the
reference the TypeScript resampler reproduces), /255, grey replicated to RGB, (x - MEAN) / STD. Training used the
float (unrounded) form of the same bicubic resize (fashion_data.resize_images); both accuracies are recorded.
"""
import argparse
import json
import os
import shutil
import struct
import sys
import zlib

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_data  # noqa: E402
from train_fashion import build  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
WORK = os.path.join(ROOT, 'tools', 'python', 'work')
FIX = os.path.join(ROOT, 'fixtures', 'fashion')
SAMPLES = os.path.join(ROOT, 'public', 'samples', 'fashion')
MODELS = {'vheat': 'vheat_fashion', 'hcnet': 'hcnet_fashion', 'convnext': 'convnext_fashion64', 'vit': 'vit_fashion64'}


def pil_resize(x: np.ndarray, size: int) -> np.ndarray:
    return np.stack([np.asarray(Image.fromarray(im, 'L').resize((size, size), Image.BICUBIC)) for im in x])


def png_gray8(img: np.ndarray) -> bytes:
    h, w = img.shape
    raw = b''.join(b'\x00' + img[y].astype(np.uint8).tobytes() for y in range(h))

    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


@torch.no_grad()
def logits_of(model, x: np.ndarray, bs=500) -> np.ndarray:
    return np.concatenate([model(torch.from_numpy(x[i:i + bs])).numpy() for i in range(0, len(x), bs)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--vheat-run', default=MODELS['vheat'], help='folder under tools/python/work of the vHeat run')
    ap.add_argument('--hcnet-run', default=MODELS['hcnet'], help='folder under tools/python/work of the HcNet run')
    ap.add_argument('--convnext-run', default=MODELS['convnext'], help='folder under tools/python/work of the ConvNeXt run')
    ap.add_argument('--vit-run', default=MODELS['vit'], help='folder under tools/python/work of the ViT run')
    ap.add_argument('--only', choices=list(MODELS), action='append',
                    help='export only these models; the others keep their entries in fixtures/fashion/manifest.json')
    args = ap.parse_args()
    given = {'vheat': args.vheat_run, 'hcnet': args.hcnet_run, 'convnext': args.convnext_run, 'vit': args.vit_run}
    runs = {n: r for n, r in given.items() if not args.only or n in args.only}
    torch.set_num_threads(1)
    os.makedirs(FIX, exist_ok=True)
    os.makedirs(SAMPLES, exist_ok=True)
    xte, yte = fashion_data.load_split(False)
    # Each model has its own input size (the vHeat bundle: 64, so its stage-1 map is 16x16; HcNet: 32).
    old_path = os.path.join(FIX, 'manifest.json')
    old = json.load(open(old_path)) if os.path.exists(old_path) else {'models': {}}
    manifest = {'dataset': 'Fashion-MNIST test set (10k, as published; Debian dataset-fashion-mnist)',
                'labels': fashion_data.LABELS, 'first100Labels': yte[:100].tolist(),
                'files': {'images': 'test100.images.npy'}, 'models': dict(old.get('models', {}))}
    np.save(os.path.join(FIX, 'test100.images.npy'), xte[:100])
    for name, folder in runs.items():
        d = os.path.join(WORK, folder)
        if not os.path.exists(os.path.join(d, 'ckpt_best.pth')):
            print(f'{name}: no checkpoint in {d}, skipped')
            continue
        summary = json.load(open(os.path.join(d, 'summary.json')))
        # freeze the checkpoint evaluated here: training may overwrite ckpt_best.pth; conversion reads the copy
        frozen = os.path.join(WORK, f'{name}-fashion-mnist.pth')
        shutil.copyfile(os.path.join(d, 'ckpt_best.pth'), frozen)
        ckpt = torch.load(frozen, map_location='cpu')
        cfg = ckpt['config']
        size = cfg['img_size']
        resized = pil_resize(xte, size)
        x_pil = fashion_data.to_input(resized.astype(np.float32))
        x_float = fashion_data.to_input(fashion_data.resize_images(xte, size))
        prep = {'inputSize': size, 'resizeTo': size, 'mean': [fashion_data.MEAN] * 3, 'std': [fashion_data.STD] * 3,
                'grayscale': True, 'interpolation': 'bicubic'}
        resized_file = f'test100.resized{size}.npy'
        np.save(os.path.join(FIX, resized_file), resized[:100])
        which = 'model_ema' if summary['best']['weights'] == 'ema' else 'model'
        model = build(cfg['model'], cfg['img_size'], 0.0)
        model.load_state_dict(ckpt[which])
        model.eval()
        lp = logits_of(model, x_pil)
        lf = logits_of(model, x_float)
        acc = float((lp.argmax(1) == yte).mean() * 100)
        acc_float = float((lf.argmax(1) == yte).mean() * 100)
        print(f'{name}: {which} epoch {ckpt["epoch"] + 1}: test top-1 {acc:.2f}% (app preprocessing), '
              f'{acc_float:.2f}% (training preprocessing)')
        with open(os.path.join(FIX, f'{name}.logits100.json'), 'w') as f:
            json.dump(lp[:100].tolist(), f)
        with open(os.path.join(FIX, f'{name}.predictions.json'), 'w') as f:
            json.dump(lp.argmax(1).tolist(), f, separators=(',', ':'))
        n_params = sum(p.numel() for p in model.parameters())
        hist = summary['history']
        info = {'checkpoint': f'tools/python/work/{name}-fashion-mnist.pth', 'weights': which,
                'epochOfCheckpoint': ckpt['epoch'] + 1, 'epochs': summary['args']['epochs'], 'epochsCompleted': len(hist),
                'testTop1': round(acc, 2), 'testTop1TrainingPreprocessing': round(acc_float, 2),
                'maxAbsLogit100': float(np.abs(lp[:100]).max()), 'params': n_params,
                'arch': cfg['arch'], 'trainWallSeconds': summary['wall_s'],
                'command': cfg['command'], 'history': hist,
                'preprocessing': prep,
                'files': {'logits100': f'{name}.logits100.json', 'predictions': f'{name}.predictions.json',
                          'resized': resized_file}}
        manifest['models'][name] = info
        provenance = {
            'dataset': 'Fashion-MNIST (60k train / 10k test as published; Debian dataset-fashion-mnist)',
            'trainedBy': 'tools/python/train_fashion.py (Heat Lab)',
            'command': 'OPENBLAS_NUM_THREADS=1 ' + cfg['command'].replace('python3 ', '/usr/bin/python3 ', 1),
            'epochs': str(summary['args']['epochs']), 'epochOfCheckpoint': str(ckpt['epoch'] + 1),
            'epochsCompleted': str(len(hist)), 'weights': which,
            'testTop1': f'{acc:.2f}', 'testTop1Note': f'PyTorch, 10k test images, app preprocessing (Pillow bicubic 28->{size})',
            'trainWallSeconds': str(summary['wall_s']), 'params': str(n_params),
            'inputSize': str(size), 'normalisation': f'mean {fashion_data.MEAN}, std {fashion_data.STD} (grey replicated to RGB)',
        }
        with open(os.path.join(WORK, f'{name}.meta.json'), 'w') as f:
            json.dump({'labels': fashion_data.LABELS, 'preprocessing': prep, 'provenance': provenance,
                       'weights': 'ema' if which == 'model_ema' else 'model'}, f, indent=1)
    with open(os.path.join(FIX, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    # the app's list of bundled models (src/app reads public/models/index.json; the first one loads by default)
    titles = {'vheat': 'vHeat', 'hcnet': 'HcNet', 'convnext': 'ConvNeXt (rival)', 'vit': 'ViT, global attention (rival)'}
    index = [{'id': f'{n}-fashion-mnist', 'file': f'{n}-fashion-mnist.safetensors', 'family': n, 'samples': 'fashion',
              'title': f"{titles[n]} {info['params'] / 1e6:.1f}M · Fashion-MNIST · {info['testTop1']:.2f}% top-1"}
             for n, info in manifest['models'].items()]
    with open(os.path.join(ROOT, 'public', 'models', 'index.json'), 'w') as f:
        json.dump(index, f, indent=1)
    # samples: first test image of each class
    for c, label in enumerate(fashion_data.LABELS):
        i = int(np.nonzero(yte == c)[0][0])
        safe = label.lower().replace('/', '-').replace(' ', '-')
        with open(os.path.join(SAMPLES, f'fashion-{c}-{safe}.png'), 'wb') as f:
            f.write(png_gray8(xte[i]))
    print('wrote', FIX, SAMPLES)


if __name__ == '__main__':
    main()

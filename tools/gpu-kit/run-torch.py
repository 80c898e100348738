#!/usr/bin/env python3
"""Native anchor for the gpu-kit: vHeat-T at 224 (random weights, torch.manual_seed(1)) in PyTorch eager on CUDA,
batch 1 and 64, float32, then torch.compile where it works, with the project's reference modules (heatnets/, beside
this file; tools/python/heatnets in the repository). Each row: 3 warm-up runs, then --runs timed runs, each ending
with torch.cuda.synchronize(); median, min, max in ms. Writes JSON to --out. Without torch or CUDA it says so and
exits 0 (the kit's timings are the engine's; this is only the anchor beside them).
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def timed(fn, sync, runs):
    for _ in range(3):
        fn()
    sync()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        sync()
        samples.append((time.perf_counter() - t0) * 1000)
    return {'median_ms': statistics.median(samples), 'min_ms': min(samples), 'max_ms': max(samples), 'runs': runs, 'samples_ms': samples}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--runs', type=int, default=10)
    ap.add_argument('--batches', default='1,64')
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        print('run-torch: no PyTorch in this Python: native anchor skipped')
        return 0
    if not torch.cuda.is_available():
        print(f'run-torch: PyTorch {torch.__version__} sees no CUDA device: native anchor skipped')
        return 0
    from heatnets import VHeat
    torch.manual_seed(1)
    dev = torch.device('cuda')
    model = VHeat(num_classes=1000, img_size=224).to(dev).eval()
    report = {'torch': torch.__version__, 'device': torch.cuda.get_device_name(0), 'model': 'vHeat-T 224 (heatnets, random weights)', 'dtype': 'float32', 'rows': []}
    print(f"run-torch: {report['device']}, PyTorch {torch.__version__}")
    variants = [('eager', model)]
    try:
        variants.append(('compile', torch.compile(model)))
    except Exception as e:  # torch < 2, or no compiler on this machine
        report['compile_error'] = str(e).splitlines()[0] if str(e) else type(e).__name__
    for name, m in variants:
        for b in [int(x) for x in args.batches.split(',')]:
            x = torch.randn(b, 3, 224, 224, device=dev)
            try:
                with torch.no_grad():
                    row = timed(lambda: m(x), torch.cuda.synchronize, args.runs)
            except Exception as e:  # e.g. torch.compile failing at its first call
                report.setdefault('errors', []).append(f'{name} batch {b}: {str(e).splitlines()[0] if str(e) else type(e).__name__}')
                print(f'run-torch: {name} batch {b} failed: {e}')
                break
            row.update({'mode': name, 'batch': b, 'images_per_s': 1000 * b / row['median_ms']})
            report['rows'].append(row)
            print(f"run-torch: {name} batch {b}: median {row['median_ms']:.2f} ms ({row['images_per_s']:.1f} img/s)")
    with open(args.out, 'w') as f:
        json.dump(report, f, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())

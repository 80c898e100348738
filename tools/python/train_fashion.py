"""Train the bundled vHeat / HcNet models on Fashion-MNIST (60k train / 10k test as published).

Commands of the bundled models (CPU, one thread each, both side by side on two shared cores):
  export OPENBLAS_NUM_THREADS=1
  nohup nice -n 5 /usr/bin/python3 tools/python/train_fashion.py --model vheat --epochs 14 \
      --out tools/python/work/vheat_fashion14 > tools/python/work/vheat_fashion14.log 2>&1 &
  nohup nice -n 5 /usr/bin/python3 tools/python/train_fashion.py --model hcnet --epochs 6 \
      --out tools/python/work/hcnet_fashion > tools/python/work/hcnet_fashion.log 2>&1 &
Speed: Debian's torch uses the system BLAS; with the reference libblas (the default) nn.Linear is ~50x slower than
with OpenBLAS (`apt-get install libopenblas0-pthread`). Measured CPU time per batch of 128 (one thread, OpenBLAS):
vHeat 0.26 s, HcNet 0.37 s, i.e. ~2 and ~3 CPU-minutes per epoch; wall time depends on the load of the machine.
Uses CUDA when available (--device). Deterministic for a given seed/device/thread count.
Logs train loss and test accuracy (model and EMA) per epoch; writes <out>/ckpt_best.pth and <out>/ckpt_last.pth in
the official training format {'model', 'model_ema', 'optimizer', 'lr_scheduler', 'max_accuracy', 'epoch', 'config'}
(config: a TrainConfig object, standing in for yacs CfgNode), and <out>/summary.json.
`--bench N` times N training batches and exits.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_data  # noqa: E402
from heatnets import HcNet, RivalNet, VHeat  # noqa: E402
from heatnets.config import TrainConfig  # noqa: E402

ARCHS = {
    # name: (family, kwargs)
    'vheat': ('vheat', dict(dims=[32, 64, 128, 256], depths=[1, 1, 3, 1], mlp_ratio=4.0, post_norm=False, layer_scale=None)),
    # HcNet: 3 stages. With 4 stages at 32x32 the last map is 1x1, where the official block divides 0 by 0
    # neighbours (mean_num = 0) and gives NaN; so its last stage is 2x2 and wider.
    'hcnet': ('hcnet', dict(dims=[32, 64, 224], depths=[1, 1, 3], mlp_ratio=4.0)),
    # rivals (heatnets/rivals.py): vHeat's stem, stages, downsamples and head; 12 C^2 weights per block like vHeat's
    'convnext': ('convnext', dict(dims=[32, 64, 128, 256], depths=[1, 1, 3, 1], mlp_ratio=6.0)),
    'vit': ('vit', dict(dims=[32, 64, 128, 256], depths=[1, 1, 3, 1], mlp_ratio=4.0)),
}


def build(name: str, img_size: int, drop_path: float):
    family, kw = ARCHS[name]
    if family == 'vheat':
        return VHeat(num_classes=10, img_size=img_size, drop_path_rate=drop_path, **kw)
    if family in ('convnext', 'vit'):
        return RivalNet(family, num_classes=10, img_size=img_size, drop_path_rate=drop_path, **kw)
    return HcNet(num_classes=10, img_size=img_size, drop_path_rate=drop_path, **kw)


def augment(x: torch.Tensor, pad: int, gen: torch.Generator) -> torch.Tensor:
    """Random crop with zero padding (pad px each side, in normalised space the background value) + h-flip."""
    b, c, h, w = x.shape
    bg = float((0.0 - fashion_data.MEAN) / fashion_data.STD)
    xp = F.pad(x, (pad, pad, pad, pad), value=bg)
    ox = torch.randint(0, 2 * pad + 1, (b,), generator=gen)
    oy = torch.randint(0, 2 * pad + 1, (b,), generator=gen)
    flip = torch.rand(b, generator=gen) < 0.5
    out = torch.empty_like(x)
    for i in range(b):
        t = xp[i, :, oy[i]:oy[i] + h, ox[i]:ox[i] + w]
        out[i] = t.flip(-1) if flip[i] else t
    return out


@torch.no_grad()
def evaluate(model, x, y, bs=500):
    model.eval()
    correct, logits = 0, []
    for i in range(0, len(x), bs):
        out = model(x[i:i + bs])
        logits.append(out)
        correct += (out.argmax(1) == y[i:i + bs]).sum().item()
    return 100.0 * correct / len(x), torch.cat(logits)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', choices=list(ARCHS), required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--size', type=int, default=32)
    ap.add_argument('--epochs', type=int, default=6)
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--wd', type=float, default=0.05)
    ap.add_argument('--warmup', type=float, default=1.0, help='warm-up epochs')
    ap.add_argument('--ema', type=float, default=0.999)
    ap.add_argument('--drop-path', type=float, default=0.0)
    ap.add_argument('--pad', type=int, default=2)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--bench', type=int, default=0)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    dev = torch.device(args.device)
    os.makedirs(args.out, exist_ok=True)
    t_start = time.time()

    xtr, ytr = fashion_data.load_split(True)
    xte, yte = fashion_data.load_split(False)
    xtr = torch.from_numpy(fashion_data.to_input(fashion_data.resize_images(xtr, args.size))).to(dev)
    xte = torch.from_numpy(fashion_data.to_input(fashion_data.resize_images(xte, args.size))).to(dev)
    ytr, yte = torch.from_numpy(ytr).to(dev), torch.from_numpy(yte).to(dev)

    model = build(args.model, args.size, args.drop_path).to(dev)
    ema = build(args.model, args.size, 0.0).to(dev)
    ema.load_state_dict(model.state_dict())
    for p in ema.parameters():
        p.requires_grad_(False)
    n_params = sum(p.numel() for p in model.parameters())
    print(f'model {args.model} {ARCHS[args.model][1]} params {n_params} size {args.size} device {dev}', flush=True)

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim <= 1 or 'freq_embed' in n else decay).append(p)
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': args.wd}, {'params': no_decay, 'weight_decay': 0.0}],
                            lr=args.lr, betas=(0.9, 0.999))
    steps_per_epoch = len(xtr) // args.batch
    total = steps_per_epoch * args.epochs
    warm = int(args.warmup * steps_per_epoch)

    def lr_at(step):
        if step < warm:
            return args.lr * (step + 1) / warm
        return 1e-5 + 0.5 * (args.lr - 1e-5) * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: lr_at(s) / args.lr)
    gen = torch.Generator().manual_seed(args.seed)
    cfg = TrainConfig(model=args.model, family=ARCHS[args.model][0], arch=ARCHS[args.model][1], img_size=args.size,
                      num_classes=10, dataset='Fashion-MNIST (60k train / 10k test, as published)',
                      labels=fashion_data.LABELS, mean=[fashion_data.MEAN] * 3, std=[fashion_data.STD] * 3,
                      epochs=args.epochs, batch=args.batch, lr=args.lr, weight_decay=args.wd, ema=args.ema,
                      seed=args.seed, command=' '.join(['python3'] + sys.argv))
    best = {'acc': -1.0}
    history = []
    step = 0
    for epoch in range(args.epochs):
        model.train()
        t0 = time.time()
        perm = torch.randperm(len(xtr), generator=gen)
        loss_sum, seen = 0.0, 0
        for bi in range(steps_per_epoch):
            idx = perm[bi * args.batch:(bi + 1) * args.batch].to(dev)
            xb = augment(xtr[idx], args.pad, gen) if args.pad > 0 else xtr[idx]
            out = model(xb)
            loss = F.cross_entropy(out, ytr[idx], label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            with torch.no_grad():
                d = min(args.ema, (1 + step) / (10 + step))
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.mul_(d).add_(pm.detach(), alpha=1 - d)
                for be, bm in zip(ema.buffers(), model.buffers()):
                    be.copy_(bm)
            loss_sum += loss.item() * len(idx)
            seen += len(idx)
            if (bi + 1) % 100 == 0:
                print(f'  epoch {epoch + 1} batch {bi + 1}/{steps_per_epoch} loss {loss_sum / seen:.4f} '
                      f'{time.time() - t0:.0f}s', flush=True)
            if args.bench and bi + 1 >= args.bench:
                dt = time.time() - t0
                print(f'bench: {bi + 1} batches in {dt:.2f}s -> {dt / (bi + 1) * steps_per_epoch:.0f} s/epoch (train only)')
                t1 = time.time()
                evaluate(model, xte[:2000], yte[:2000])
                print(f'bench: eval 2000 in {time.time() - t1:.2f}s')
                return
        t_train = time.time() - t0
        acc_ema, _ = evaluate(ema, xte, yte)
        # the raw model is evaluated only in the last epochs (CPU time); before that the EMA is the candidate
        acc = evaluate(model, xte, yte)[0] if epoch >= args.epochs - 2 else -1.0
        rec = dict(epoch=epoch + 1, train_loss=loss_sum / seen, test_acc=acc, test_acc_ema=acc_ema,
                   lr=sched.get_last_lr()[0], epoch_s=round(time.time() - t0, 1), train_s=round(t_train, 1))
        history.append(rec)
        print(json.dumps(rec), flush=True)
        ckpt = {'model': model.state_dict(), 'model_ema': ema.state_dict(), 'optimizer': opt.state_dict(),
                'lr_scheduler': sched.state_dict(), 'max_accuracy': max(best['acc'], acc, acc_ema),
                'epoch': epoch, 'config': cfg}
        cur = max(acc, acc_ema)
        if cur > best['acc']:
            best = {'acc': cur, 'epoch': epoch + 1, 'weights': 'ema' if acc_ema >= acc else 'model'}
            torch.save(ckpt, os.path.join(args.out, 'ckpt_best.pth'))
        torch.save(ckpt, os.path.join(args.out, 'ckpt_last.pth'))
        with open(os.path.join(args.out, 'summary.json'), 'w') as f:
            json.dump({'args': vars(args), 'params': n_params, 'history': history, 'best': best,
                       'wall_s': round(time.time() - t_start, 1)}, f, indent=1)
    print(f'done: best {best} wall {time.time() - t_start:.0f}s', flush=True)


if __name__ == '__main__':
    main()

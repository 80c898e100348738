#!/usr/bin/env python3
"""Writes small real torch.save files under fixtures/torch/ for the TypeScript checkpoint reader,
plus fixtures/torch/expected.json with what each file holds (shapes, dtypes, values or checksums).

Run from the repository root with Debian's torch (1.13):  python3 tools/python/make_torch_fixtures.py
The files are tiny; they are committed. State-dict names and shapes follow the official vHeat and
HcNet code (see /work/shared/reference/vheat.md); values are random (seed fixed so reruns are stable).
"""
import collections
import json
import os
import sys
import types

import torch

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'torch')
torch.manual_seed(1234)

# A stand-in for yacs.config.CfgNode (a dict subclass), pickled under the same module and class name
# as in the official training checkpoints, so the reader meets the real foreign global.
yacs = types.ModuleType('yacs')
yacs_config = types.ModuleType('yacs.config')


class CfgNode(dict):
    pass


CfgNode.__module__ = 'yacs.config'
CfgNode.__qualname__ = 'CfgNode'
yacs_config.CfgNode = CfgNode
yacs.config = yacs_config
sys.modules['yacs'] = yacs
sys.modules['yacs.config'] = yacs_config


def cfg(**kw):
    c = CfgNode()
    c.update(kw)
    return c


def add_norm(sd, r, prefix, c):
    sd[prefix + '.weight'] = 1 + r(c)
    sd[prefix + '.bias'] = r(c)


def add_mlp_linears(sd, r, prefix, c, hidden):
    """A block MLP's two 1x1 convs, c -> hidden -> c."""
    sd[prefix + '.fc1.weight'] = r(hidden, c, 1, 1)
    sd[prefix + '.fc1.bias'] = r(hidden)
    sd[prefix + '.fc2.weight'] = r(c, hidden, 1, 1)
    sd[prefix + '.fc2.bias'] = r(c)


def add_stem(sd, r, c0, norm_prefix):
    """The stem both families share: two 3x3 stride-2 convs (to C0/2, then C0), each followed by a norm."""
    sd['patch_embed.conv1.weight'] = r(c0 // 2, 3, 3, 3)
    sd['patch_embed.conv1.bias'] = r(c0 // 2)
    add_norm(sd, r, norm_prefix.format(1), c0 // 2)
    sd['patch_embed.conv2.weight'] = r(c0, c0 // 2, 3, 3)
    sd['patch_embed.conv2.bias'] = r(c0)
    add_norm(sd, r, norm_prefix.format(2), c0)


def add_downsample(sd, r, conv_name, norm_prefix, c_in, c_out):
    """A downsampler: a 3x3 stride-2 conv without bias, then a norm."""
    sd[conv_name] = r(c_out, c_in, 3, 3)
    add_norm(sd, r, norm_prefix, c_out)


def add_head(sd, r, norm_prefix, linear_prefix, c, classes):
    """The head: a norm, then the classifier's linear layer."""
    add_norm(sd, r, norm_prefix, c)
    sd[linear_prefix + '.weight'] = r(classes, c)
    sd[linear_prefix + '.bias'] = r(classes)


def vheat_state_dict(dims, depths, classes, train_res, layer_scale, infer_mode, mlp_ratio=4):
    """Official vHeat state-dict layout (names, shapes, order) with random values."""
    sd = collections.OrderedDict()
    r = lambda *s: torch.randn(*s) * 0.1
    # StemLayer's norms are Sequential(to_channels_last, LayerNorm): the LayerNorm is index 1.
    add_stem(sd, r, dims[0], 'patch_embed.norm{}.1')
    res = [train_res // 4 // (2 ** i) for i in range(len(dims))]
    if not infer_mode:
        for i, c in enumerate(dims):
            sd[f'freq_embed.{i}'] = r(res[i], res[i], c)
    for i, (c, d) in enumerate(zip(dims, depths)):
        for j in range(d):
            p = f'layers.{i}.{j}.'
            if layer_scale:
                sd[p + 'gamma1'] = torch.full((c,), 1e-5) + r(c) * 1e-5
                sd[p + 'gamma2'] = torch.full((c,), 1e-5) + r(c) * 1e-5
            sd[p + 'norm1.weight'] = 1 + r(c)
            sd[p + 'norm1.bias'] = r(c)
            if infer_mode:
                sd[p + 'op.k_exp'] = torch.rand(res[i], res[i], c)
            sd[p + 'op.dwconv.weight'] = r(c, 1, 3, 3)
            sd[p + 'op.dwconv.bias'] = r(c)
            sd[p + 'op.linear.weight'] = r(2 * c, c)
            sd[p + 'op.linear.bias'] = r(2 * c)
            sd[p + 'op.out_norm.weight'] = 1 + r(c)
            sd[p + 'op.out_norm.bias'] = r(c)
            sd[p + 'op.out_linear.weight'] = r(c, c)
            sd[p + 'op.out_linear.bias'] = r(c)
            if not infer_mode:
                sd[p + 'op.to_k.0.weight'] = r(c, c)
                sd[p + 'op.to_k.0.bias'] = r(c).abs()
            add_norm(sd, r, p + 'norm2', c)
            add_mlp_linears(sd, r, p + 'mlp', c, mlp_ratio * c)
        if i < len(dims) - 1:
            add_downsample(sd, r, f'layers.{i}.{d}.0.weight', f'layers.{i}.{d}.1', c, dims[i + 1])
    add_head(sd, r, 'classifier.0', 'classifier.3', dims[-1], classes)
    return sd


def hcnet_state_dict(dims, depths, classes, train_res, mlp_ratio=4):
    """Official HcNet state-dict layout with random values (mean_num is the real neighbour count)."""
    sd = collections.OrderedDict()
    r = lambda *s: torch.randn(*s) * 0.1
    add_stem(sd, r, dims[0], 'patch_embed.norm{}')
    for i, (c, d) in enumerate(zip(dims, depths)):
        n = train_res // 4 // (2 ** i)
        ones = torch.ones(1, 1, n, n)
        mean_num = torch.nn.functional.avg_pool2d(ones, 3, 1, 1, count_include_pad=True) * 9.0 - 1.0
        for j in range(d):
            p = f'layers.{i}.blocks.{j}.'
            sd[p + 'mean_num'] = mean_num.clone()
            sd[p + 'fc_0.weight'] = r(c, c, 1, 1)
            add_norm(sd, r, p + 'norm2', c)
            add_mlp_linears(sd, r, p + 'mlp', c, mlp_ratio * c)
            sd[p + 'mlp.dwconv.weight'] = r(mlp_ratio * c, 1, 3, 3)
        if i < len(dims) - 1:
            add_downsample(sd, r, f'layers.{i}.downsample.reduction.weight', f'layers.{i}.downsample.norm', c, dims[i + 1])
    add_head(sd, r, 'norm', 'head', dims[-1], classes)
    return sd


def describe(t):
    """What the TS test compares: shape, dtype, and every value as float (contiguous row-major)."""
    v = t.detach().to(torch.float64).contiguous().reshape(-1)
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
            'values': v.tolist() if v.numel() <= 64 else None,
            'sum': float(v.sum()), 'abs_sum': float(v.abs().sum()), 'numel': int(v.numel()),
            'first': v[:4].tolist()}


expected = {}


def save(name, obj, state_dict_for_expect, protocol=2):
    path = os.path.join(OUT, name)
    torch.save(obj, path, pickle_protocol=protocol)
    expected[name] = {k: describe(v) for k, v in state_dict_for_expect.items()}
    print(f'{name}: {os.path.getsize(path)} bytes')


def main():
    os.makedirs(OUT, exist_ok=True)

    # 1. Every dtype the reader supports, plus zero-size and scalar tensors (bare dict, protocol 2).
    base = torch.tensor([[1.5, -2.25, 3.0], [0.1, 65504.0, -1e-3]])
    dtypes = collections.OrderedDict()
    dtypes['f32'] = base.clone()
    dtypes['f16'] = base.to(torch.float16)
    dtypes['bf16'] = base.to(torch.bfloat16)
    dtypes['f64'] = base.to(torch.float64) * 1.0000001
    dtypes['i64'] = torch.tensor([-(2 ** 40), -1, 0, 7, 2 ** 50])
    dtypes['i32'] = torch.tensor([-5, 0, 2 ** 30], dtype=torch.int32)
    dtypes['u8'] = torch.tensor([0, 1, 255], dtype=torch.uint8)
    dtypes['bool'] = torch.tensor([True, False, True])
    dtypes['empty'] = torch.zeros(0, 3)
    dtypes['scalar'] = torch.tensor(3.25)
    save('dtypes.pth', dtypes, dtypes, protocol=2)
    save('dtypes_p3.pth', dtypes, dtypes, protocol=3)
    save('dtypes_p5.pth', dtypes, dtypes, protocol=5)

    # 2. Views: shared storage, storage offset, transposed (non-contiguous), strided column (protocol 4).
    x = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 8
    views = collections.OrderedDict()
    views['full'] = x
    views['rows_1_3'] = x[1:3]           # same storage, storage offset 6
    views['transposed'] = x.t()          # strides (1, 6)
    views['column_2'] = x[:, 2]          # offset 2, stride 6
    views['every_other'] = x[::2, 1::2]  # offset 1, strides (12, 2)
    save('views.pth', views, views, protocol=4)

    # 3. Official training format: model + model_ema (module. prefix), optimizer with tensors, CfgNode config.
    ls_cfg = dict(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], classes=5, train_res=32)
    model = vheat_state_dict(**ls_cfg, layer_scale=True, infer_mode=False)
    ema = collections.OrderedDict(('module.' + k, v + 0.5) for k, v in model.items())
    ema_plain = collections.OrderedDict((k[len('module.'):], v) for k, v in ema.items())
    config = cfg(MODEL=cfg(TYPE='vHeat', NAME='vHeat_fixture', NUM_CLASSES=5,
                           VHEAT=cfg(EMBED_DIM=8, DEPTHS=[1, 1, 2, 1], MLP_RATIO=4.0, POST_NORM=True, LAYER_SCALE=1e-5)),
                 DATA=cfg(IMG_SIZE=32, INTERPOLATION='bicubic'), SEED=2 ** 62)
    first = next(iter(model.values()))
    training = {
        'model': model,
        'model_ema': ema,
        'optimizer': {'state': {0: {'step': torch.tensor(3.0), 'exp_avg': torch.zeros_like(first)}},
                      'param_groups': [{'lr': 5e-4, 'weight_decay': 0.08, 'params': [0, 1]}]},
        'lr_scheduler': {'t_initial': 300, 'base_values': [5e-4]},
        'max_accuracy': 12.5,
        'scaler': {'scale': 65536.0, 'growth_factor': 2.0},
        'epoch': 3,
        'config': config,
    }
    save('vheat_training.pth', training, ema_plain, protocol=2)
    expected['vheat_training.pth#model'] = {k: describe(v) for k, v in model.items()}

    # 4. Bare pre-norm vHeat state dict with a `module.` prefix, protocol 4 (vHeat-T-like: no layer scale).
    bare = vheat_state_dict(dims=[8, 16, 24, 32], depths=[1, 1, 1, 1], classes=7, train_res=64, layer_scale=False, infer_mode=False)
    save('vheat_bare_module.pth', collections.OrderedDict(('module.' + k, v) for k, v in bare.items()), bare, protocol=4)

    # 5. Inference-mode vHeat (op.k_exp, no freq_embed / to_k).
    infer = vheat_state_dict(dims=[8, 16, 24, 32], depths=[1, 1, 1, 1], classes=3, train_res=32, layer_scale=False, infer_mode=True)
    save('vheat_infer.pth', infer, infer, protocol=2)

    # 6. HcNet.
    hc = hcnet_state_dict(dims=[8, 16, 24, 32], depths=[1, 1, 2, 1], classes=4, train_res=32)
    save('hcnet.pth', {'model': hc}, hc, protocol=2)

    # 7. Another architecture (ResNet-style names): must be refused with missing/unexpected keys.
    resnet = collections.OrderedDict()
    resnet['conv1.weight'] = torch.randn(4, 3, 7, 7) * 0.1
    resnet['bn1.weight'] = torch.ones(4)
    resnet['bn1.bias'] = torch.zeros(4)
    resnet['bn1.running_mean'] = torch.zeros(4)
    resnet['bn1.running_var'] = torch.ones(4)
    resnet['bn1.num_batches_tracked'] = torch.tensor(0)
    resnet['layer1.0.conv1.weight'] = torch.randn(4, 4, 3, 3) * 0.1
    resnet['fc.weight'] = torch.randn(10, 4) * 0.1
    resnet['fc.bias'] = torch.zeros(10)
    save('resnet.pth', resnet, resnet, protocol=2)

    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'files': expected}, f, separators=(',', ':'))
    print('wrote expected.json')


if __name__ == '__main__':
    main()

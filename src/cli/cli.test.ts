// The `vheat` command line: convert, inspect, predict (in process through main(), and once through
// bin/vheat.mjs as a real child process), JSON output and exit codes on bad input.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const root = fileURLToPath(new URL('../../', import.meta.url));
const parity = (f: string) => join(root, 'fixtures/parity', f);
const tmp = mkdtempSync(join(tmpdir(), 'vheat-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const logits = JSON.parse(readFileSync(parity('vheat_pre.logits.json'), 'utf8')) as { model: number[][]; model_ema: number[][] };

describe('vheat command line', () => {
  it('convert -> inspect -> predict on the converted file (in process)', async () => {
    const out = join(tmp, 'pre.safetensors');
    const c = await run('convert', parity('vheat_pre.pth'), '-o', out, '--weights', 'model');
    expect(c.code, c.err).toBe(0);
    expect(JSON.parse(c.out)).toMatchObject({ output: out, provenance: { weights: 'model', source_file: 'vheat_pre.pth' } });

    const i = await run('inspect', out);
    expect(i.code, i.err).toBe(0);
    const info = JSON.parse(i.out);
    expect(info).toMatchObject({ family: 'vheat', parameters: 45938, provenance: { source_file: 'vheat_pre.pth', weights: 'model', storage: 'f32' } });
    expect(info.tensors).toHaveLength(115);

    const p = await run('predict', '--model', out, '--backend', 'cpu', parity('vheat_pre.input.npy'));
    expect(p.code, p.err).toBe(0);
    const res = JSON.parse(p.out);
    expect(res.backend).toBe('cpu');
    expect(res.results.map((r: { input: string }) => r.input)).toEqual(['vheat_pre.input.npy#0', 'vheat_pre.input.npy#1']);
    res.results.forEach((r: { logits: number[]; top5: { index: number; probability: number }[] }, b: number) => {
      const want = logits.model[b];
      const maxAbs = Math.max(...want.map(Math.abs));
      // Same bar as the parity test: 1e-4 of max |logit| (float32 in both, different summation orders).
      want.forEach((v, k) => expect(Math.abs(r.logits[k] - v)).toBeLessThanOrEqual(1e-4 * maxAbs));
      expect(r.top5).toHaveLength(5);
      expect(r.top5[0].index).toBe(want.indexOf(Math.max(...want)));
      expect(r.top5.every((t, k) => k === 0 || t.probability <= r.top5[k - 1].probability)).toBe(true);
    });
  });

  it('convert --meta stores labels, preprocessing and provenance; a bad metadata file is refused by name', async () => {
    const meta = join(tmp, 'meta.json');
    const labels = Array.from({ length: 10 }, (_, i) => `class ${i}`);
    const preprocessing = { inputSize: 32, resizeTo: 32, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], grayscale: true, interpolation: 'bicubic' };
    writeFileSync(meta, JSON.stringify({ labels, preprocessing, provenance: { dataset: 'test set', source_file: 'forged.pth' } }));
    const out = join(tmp, 'meta.safetensors');
    const c = await run('convert', parity('vheat_pre.pth'), '-o', out, '--meta', meta);
    expect(c.code, c.err).toBe(0);
    const info = JSON.parse((await run('inspect', out)).out);
    expect(info.labels).toEqual({ count: 10, first: labels.slice(0, 5) });
    expect(info.preprocessing).toEqual(preprocessing);
    // The JSON may add provenance but never overrides what the converter measured from the file.
    expect(info.provenance).toMatchObject({ dataset: 'test set', source_file: 'vheat_pre.pth' });

    writeFileSync(meta, JSON.stringify({ labels: ['only one'] }));
    const wrongCount = await run('convert', parity('vheat_pre.pth'), '-o', out, '--meta', meta);
    expect(wrongCount.code).toBe(1);
    expect(wrongCount.err).toMatch(/meta\.json.*1 labels for a model with 10 classes/);
    writeFileSync(meta, JSON.stringify({ labels, preprocessing: { ...preprocessing, std: [0, 1, 1] } }));
    expect((await run('convert', parity('vheat_pre.pth'), '-o', out, '--meta', meta)).err).toMatch(/meta\.json.*preprocessing\.std/);
    writeFileSync(meta, '{"labels": [], "script": "rm -rf /"}');
    expect((await run('convert', parity('vheat_pre.pth'), '-o', out, '--meta', meta)).err).toMatch(/meta\.json.*unknown field "script"/);
  });

  it('predict on an image uses the model preprocessing; --size overrides the crop', async () => {
    const img = join(root, 'fixtures/images/coffee.png');
    const p = await run('predict', '--model', parity('hcnet.pth'), '--backend', 'cpu', '--size', '40', img);
    expect(p.code, p.err).toBe(0);
    const res = JSON.parse(p.out);
    expect(res.preprocessing).toMatchObject({ inputSize: 40, resizeTo: 45 });
    expect(res.results).toHaveLength(1);
    expect(res.results[0].logits).toHaveLength(10);
    expect(res.results[0].logits.every(Number.isFinite)).toBe(true);
  });

  it('bad input files: exit code 1, the file and the reason on stderr', async () => {
    const text = join(tmp, 'notes.pth');
    writeFileSync(text, 'not a checkpoint\n');
    const a = await run('inspect', text);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/notes\.pth: a text file, not a checkpoint/);
    expect(a.out).toBe('');

    const badNpy = join(tmp, 'bad.npy');
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3, 32, 32), }\n";
    writeFileSync(badNpy, new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0, ...new TextEncoder().encode(header)]));
    const b = await run('predict', '--model', parity('hcnet.pth'), '--backend', 'cpu', badNpy);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/bad\.npy: .npy dtype <f8 is not float32/);

    const small = join(tmp, 'small.npy');
    const h2 = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 8, 8), }\n";
    writeFileSync(small, new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h2.length, 0, ...new TextEncoder().encode(h2), ...new Uint8Array(3 * 8 * 8 * 4)]));
    const s = await run('predict', '--model', parity('hcnet.pth'), '--backend', 'cpu', small);
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/small\.npy: input \[1,8,8,3\] is smaller than 32x32/);

    const c = await run('convert', join(root, 'fixtures/torch/resnet.pth'), '-o', join(tmp, 'x.safetensors'));
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/resnet\.pth: not a vHeat, HcNet, ConvNeXt or ViT checkpoint/);

    const d = await run('inspect', join(tmp, 'missing.pth'));
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/missing\.pth: cannot be read/);
  });

  it('usage errors: exit code 2', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('convert', parity('hcnet.pth'))).err).toMatch(/needs -o/);
    expect((await run('predict', '--model', parity('hcnet.pth'), '--size', '7', 'x.npy')).code).toBe(2);
    expect((await run('convert', parity('hcnet.pth'), '-o', 'x', '--weights', 'best')).code).toBe(2);
    expect((await run()).code).toBe(2);
  });

  it('bin/vheat.mjs runs as a child process (convert with --fp16, then a refusal)', () => {
    const out = join(tmp, 'hc16.safetensors');
    const ok = spawnSync(process.execPath, [join(root, 'bin/vheat.mjs'), 'convert', parity('hcnet.pth'), '-o', out, '--fp16'], { encoding: 'utf8', timeout: 120_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).storage).toBe('fp16');
    const bad = spawnSync(process.execPath, [join(root, 'bin/vheat.mjs'), 'inspect', join(root, 'fixtures/torch/resnet.pth')], { encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/resnet\.pth: not a vHeat, HcNet, ConvNeXt or ViT checkpoint/);
  });
});

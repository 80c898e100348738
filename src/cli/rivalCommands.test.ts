// The command line on vHeat's rivals (fixtures/rivals, written by tools/python/make_rival_fixtures.py: tiny random
// ConvNeXt and ViT models): `vheat erf` against PyTorch autograd, `vheat inspect` / `predict` / `convert`, and the
// heat analyses refusing a model with no heat operator. In process, tfjs CPU backend.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxRelativeError } from '../engine/ops/testing/relativeError';
import { readNpy, type NpyArray } from './npy';
import { repoRoot as root, runCli as run, testFolder } from './testing/cliRun';

const rivals = (f: string) => join(root, 'fixtures/rivals', f);
const tmp = testFolder('vheat-rivals-');

interface ErfCase { case: string; stage: number; point: [number, number]; rule: string; images: number; file: string }
interface ParityCase { name: string; config: { family: string }; files: { pth: string; input: string; logits: string } }
const manifest = JSON.parse(readFileSync(rivals('manifest.json'), 'utf8')) as { cases: ParityCase[]; erf: ErfCase[] };
const readNpyFile = (path: string): NpyArray => readNpy(new Uint8Array(readFileSync(path)), path);
const MODEL_FLAGS = (name: string) => ['--model', rivals(`${name}.pth`), '--weights', 'model', '--backend', 'cpu'];

// As analysisCommands.test.ts: float32 on both sides, different summation orders; a wrong stage, point or image
// count changes a map by 1e-2 or more.
const TOLERANCE = 1e-5;

describe('vheat erf on the rivals vs PyTorch autograd', () => {
  it.each(manifest.erf.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const out = join(tmp, c.file);
    const r = await run('erf', ...MODEL_FLAGS(c.case), '--stage', String(c.stage + 1), '--point', c.point.join(','), '--rule', c.rule,
      rivals(`${c.case}.input.npy`), '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ family: c.case, stage: c.stage + 1, inputs: c.images });
    const got = readNpyFile(out);
    const want = readNpyFile(rivals(c.file));
    expect(got.shape).toEqual(want.shape);
    expect(maxRelativeError(got.data, want.data)).toBeLessThan(TOLERANCE);
  });
});

describe('the other commands on the rivals', () => {
  it('inspect names the family and the config the file holds', async () => {
    for (const c of manifest.cases) {
      const r = await run('inspect', rivals(c.files.pth));
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ family: c.config.family, config: c.config });
    }
  });

  it('convert keeps the config in the web format, and predict on it gives PyTorch\'s logits', async () => {
    for (const name of ['convnext', 'vit']) {
      const web = join(tmp, `${name}.safetensors`);
      const c = await run('convert', rivals(`${name}.pth`), '--weights', 'model', '-o', web);
      expect(c.code, c.err).toBe(0);
      const i = await run('inspect', web);
      expect(JSON.parse(i.out).config).toEqual(manifest.cases.find((k) => k.name === name)!.config);
      const p = await run('predict', '--model', web, '--backend', 'cpu', rivals(`${name}.input.npy`));
      expect(p.code, p.err).toBe(0);
      const want = (JSON.parse(readFileSync(rivals(`${name}.logits.json`), 'utf8')).model as number[][]).flat();
      const got = (JSON.parse(p.out).results as { logits: number[] }[]).flatMap((r) => r.logits);
      expect(got.length).toBe(want.length);
      // parityFixtures.test.ts's bound: 1e-4 of the largest |logit|
      const scale = Math.max(...want.map(Math.abs));
      got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-4 * scale));
    }
  });

  it('heat, spectrum and --diffusivity refuse a model with no heat operator', async () => {
    const heat = await run('heat', ...MODEL_FLAGS('vit'), '--stage', '1', rivals('vit.input.npy'), '-o', join(tmp, 'h.npy'));
    expect(heat.code).toBe(1);
    expect(heat.err).toMatch(/vheat heat: needs vHeat or HcNet: a vit model has no heat operator/);
    const spectrum = await run('spectrum', ...MODEL_FLAGS('convnext'), '--stage', '1', '-o', join(tmp, 's.npy'));
    expect(spectrum.code).toBe(1);
    expect(spectrum.err).toMatch(/a convnext model has no heat operator/);
    const erf = await run('erf', ...MODEL_FLAGS('convnext'), '--stage', '1', '--diffusivity', '0', rivals('convnext.input.npy'), '-o', join(tmp, 'e.npy'));
    expect(erf.code, 'a usage error').toBe(2);
    expect(erf.err).toMatch(/--diffusivity needs vHeat or HcNet/);
  });
});

// `vheat erf`, `vheat heat`, `vheat spectrum` against PyTorch: every case of fixtures/analysis (written by
// tools/python/make_analysis_fixtures.py from the parity models through the reference modules, the ERF through
// torch autograd) run through the command line in process on the tfjs CPU backend, its .npy output compared.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpy, type NpyArray } from './npy';
import { encodeNpy } from './npyWrite';
import { parityFixture as parity, repoRoot as root, runCli as run, testFolder } from './testing/cliRun';

const analysis = (f: string) => join(root, 'fixtures/analysis', f);
const tmp = testFolder('vheat-analysis-');

interface DiffusivityScale { global: number; perStage: number[] }
interface Case {
  kind: 'erf' | 'heat' | 'steps' | 'spectrum';
  name: string;
  file: string;
  shape: number[];
  model: string;
  input?: string;
  stage: number;
  block?: number;
  point?: [number, number];
  rule?: string;
  images?: 'all' | 'first';
  diffusivity?: DiffusivityScale | null;
  times?: number[];
  steps?: number[];
  view?: string;
}
const manifest = JSON.parse(readFileSync(analysis('manifest.json'), 'utf8')) as { cases: Case[] };
const cases = (kind: Case['kind']) => manifest.cases.filter((c) => c.kind === kind).map((c) => [c.name, c] as const);

const readNpyFile = (path: string): NpyArray => readNpy(new Uint8Array(readFileSync(path)), path);

function diffusivityFlags(d: DiffusivityScale | null | undefined): string[] {
  if (!d) return [];
  return ['--diffusivity', String(d.global), ...d.perStage.flatMap((s, i) => (s === 1 ? [] : ['--diffusivity-stage', `${i + 1}=${s}`]))];
}

/** max |got - want| / max |want|, shapes equal. */
function relativeError(got: NpyArray, want: NpyArray): number {
  expect(got.shape).toEqual(want.shape);
  let maxAbs = 0;
  let maxDiff = 0;
  want.data.forEach((v, i) => {
    maxAbs = Math.max(maxAbs, Math.abs(v));
    maxDiff = Math.max(maxDiff, Math.abs(v - got.data[i]));
  });
  return maxDiff / maxAbs;
}

/** The first image of a .npy batch as its own .npy (the CLI then sees one image). */
function firstImage(file: string): string {
  const a = readNpyFile(parity(file));
  const [, c, h, w] = a.shape;
  const path = join(tmp, `first.${file}`);
  writeFileSync(path, encodeNpy([1, c, h, w], a.data.subarray(0, c * h * w)));
  return path;
}

const MODEL_FLAGS = (c: Case) => ['--model', parity(c.model), '--weights', 'model', '--backend', 'cpu'];

// Float32 in both, different summation orders (tfjs vs torch matmuls and convolutions, their gradients): measured
// 1.9e-7 to 1.6e-6 of the map's maximum for the ERF (the deepest stage, 3, the largest) and up to 2.5e-7 for frames;
// 1e-5 leaves room and still fails on any wrong stage, point, rule, multiplier or image count (those change maps by
// 1e-2 or more).
const TOLERANCE = 1e-5;

describe('vheat erf vs PyTorch autograd', () => {
  it.each(cases('erf'))('%s', async (_name, c) => {
    const input = c.images === 'first' ? firstImage(c.input!) : parity(c.input!);
    const out = join(tmp, `${c.name}.npy`);
    const r = await run('erf', ...MODEL_FLAGS(c), '--stage', String(c.stage + 1), '--point', c.point!.join(','), '--rule', c.rule!,
      ...diffusivityFlags(c.diffusivity), input, '-o', out);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ stage: c.stage + 1, point: { row: c.point![0], col: c.point![1] }, inputs: c.images === 'first' ? 1 : 2, inputSize: [32, 32] });
    expect(json.stageSize).toEqual([32 / 2 ** (c.stage + 2), 32 / 2 ** (c.stage + 2)]);
    expect(json.areaRatios.map((a: { threshold: number }) => a.threshold)).toEqual([0.2, 0.3, 0.5, 0.99]);
    const got = readNpyFile(out);
    const want = readNpyFile(analysis(c.file));
    expect(relativeError(got, want), c.name).toBeLessThan(TOLERANCE);
    expect(json.maxContribution).toBeCloseTo(Math.max(...want.data), 5);
  });

  it('averages over every file and every image of a batch (two files of one image = one file of two)', async () => {
    const c = manifest.cases.find((k) => k.name === 'vheat_s1_corner')!;
    const a = readNpyFile(parity(c.input!));
    const n = a.data.length / 2;
    const second = join(tmp, 'second.npy');
    writeFileSync(second, encodeNpy([1, ...a.shape.slice(1)], a.data.subarray(n)));
    const out = join(tmp, 'two-files.npy');
    const r = await run('erf', ...MODEL_FLAGS(c), '--stage', '2', '--point', '0,3', firstImage(c.input!), second, '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ inputs: 2, files: 2 });
    expect(relativeError(readNpyFile(out), readNpyFile(analysis(c.file)))).toBeLessThan(TOLERANCE);
  });
});

describe('vheat heat vs the PyTorch operator', () => {
  it.each([...cases('heat'), ...cases('steps')])('%s', async (_name, c) => {
    const out = join(tmp, `${c.name}.npy`);
    const when = c.kind === 'heat' ? ['--times', c.times!.join(',')] : ['--steps', c.steps!.join(',')];
    const r = await run('heat', ...MODEL_FLAGS(c), '--stage', String(c.stage + 1), '--block', String(c.block! + 1), ...when,
      '--channels', c.view!, ...diffusivityFlags(c.diffusivity), firstImage(c.input!), '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).shape).toEqual(c.shape);
    expect(relativeError(readNpyFile(out), readNpyFile(analysis(c.file))), c.name).toBeLessThan(TOLERANCE);
  });

  it('HcNet steps 0,6,24 (recorded every 6th step) are frames 0, 2, 3 of the 0,1,6,24 reference', async () => {
    const c = manifest.cases.find((k) => k.name === 'hcnet_s0b0')!;
    const out = join(tmp, 'steps-every-6.npy');
    const r = await run('heat', ...MODEL_FLAGS(c), '--stage', '1', '--block', '1', '--steps', '0,6,24', firstImage(c.input!), '-o', out);
    expect(r.code, r.err).toBe(0);
    const all = readNpyFile(analysis(c.file));
    const [, h, w] = all.shape;
    const want = { shape: [3, h, w], data: Float32Array.from([0, 2, 3].flatMap((t) => Array.from(all.data.subarray(t * h * w, (t + 1) * h * w)))) };
    expect(relativeError(readNpyFile(out), want)).toBeLessThan(TOLERANCE);
  });
});

describe('vheat spectrum vs the PyTorch diffusivity', () => {
  it.each(cases('spectrum'))('%s (per channel and --mean)', async (_name, c) => {
    const out = join(tmp, `${c.name}.npy`);
    const flags = [...MODEL_FLAGS(c), '--stage', String(c.stage + 1), '--block', String(c.block! + 1)];
    const r = await run('spectrum', ...flags, '-o', out);
    expect(r.code, r.err).toBe(0);
    const want = readNpyFile(analysis(c.file));
    expect(relativeError(readNpyFile(out), want)).toBeLessThan(TOLERANCE);

    const meanOut = join(tmp, `${c.name}.mean.npy`);
    expect((await run('spectrum', ...flags, '--mean', '-o', meanOut)).code).toBe(0);
    const [h, w, ch] = want.shape;
    const wantMean = { shape: [h, w], data: Float32Array.from({ length: h * w }, (_, p) => want.data.subarray(p * ch, (p + 1) * ch).reduce((s, v) => s + v, 0) / ch) };
    expect(relativeError(readNpyFile(meanOut), wantMean)).toBeLessThan(TOLERANCE);
  });
});

describe('no tensor leaks', () => {
  it('erf, heat (vHeat and HcNet) and spectrum leave tfjs holding no more tensors than before', async () => {
    const tf = await import('@tensorflow/tfjs');
    const commands = [
      ['erf', '--model', parity('vheat_pre.pth'), '--backend', 'cpu', '--stage', '3', '--batch', '2', parity('vheat_pre.input.npy'), '-o', join(tmp, 'leak.npy')],
      ['heat', '--model', parity('vheat_pre.pth'), '--backend', 'cpu', '--stage', '2', '--block', '1', '--channels', 'pca', firstImage('vheat_pre.input.npy'), '-o', join(tmp, 'leak.npy')],
      ['heat', '--model', parity('hcnet.pth'), '--backend', 'cpu', '--stage', '1', '--block', '1', firstImage('hcnet.input.npy'), '-o', join(tmp, 'leak.npy')],
      ['spectrum', '--model', parity('vheat_pre.pth'), '--backend', 'cpu', '--stage', '1', '--block', '1', '--mean', '-o', join(tmp, 'leak.npy')],
    ];
    for (const argv of commands) expect((await run(...argv)).code).toBe(0); // first runs may fill per-size caches
    const before = tf.memory().numTensors;
    for (const argv of commands) expect((await run(...argv)).code).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

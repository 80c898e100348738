// The hardware-GPU row (kernelChoice.ts 'unmeasured-gpu', forced with --kernel-row on SwiftShader through Dawn, which
// runs the same WGSL a GPU would): at most 100 dispatches for one vHeat-T 224 inference (random weights), the same
// logits as SwiftShader's own (unfused) row and as PyTorch (the vHeat-T 224 anchor, tools/anchor) within 1e-4 with
// the same top-5, PyTorch parity on every official case with exact dispatch counts (every block fused: pre- and
// post-norm vHeat, HcNet), the post-norm vHeat and HcNet models' exact counts and parity with the unfused row,
// and `vheat predict --stats` / `--kernel-row` as documented. Child processes: the Vulkan loader reads its
// environment at start (nodeWebgpu.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const SWIFTSHADER_ENV = { LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD };
// As nodeWebgpu.test.ts and model.browser.test.ts: float32 on both sides, different summation orders.
const TOL = 1e-4;
/** The target for one vHeat-T 224 inference on the hardware-GPU row (310 before the fused kernels). */
const MAX_DISPATCHES_VHEAT_T = 100;
const MODEL = 'public/models/vheat-fashion-mnist.safetensors';
const INPUT = 'fixtures/images/coffee.png';
/** PyTorch's logits on the engine's vHeat-T 224 random weights and seeded input (tools/python/make_anchor.py). */
const ANCHOR = 'fixtures/parity/vheat-t-224-anchor.json';
/**
 * Dispatches of one inference of each PyTorch parity case (tools/dawn/parity.ts: build, forward with stages, first
 * inference) on the forced hardware-GPU row and on SwiftShader's own, exact: a fusion that stops applying, or a
 * change to SwiftShader's row (which must keep its measured kernels), fails here. Blocks per case: 5; fused, a
 * pre-norm vHeat block is 6 dispatches, a post-norm one 7, an HcNet block 6 (fusedBlock.ts, fusedHcBlock.ts).
 */
const PARITY_CASE_DISPATCHES: Record<string, { fused: number; swiftshader: number }> = {
  'vheat-prenorm-32': { fused: 49, swiftshader: 123 },
  'vheat-postnorm-ls-pad-40x48': { fused: 69, swiftshader: 138 },
  'vheat-postnorm-ls-infer-32': { fused: 74, swiftshader: 143 },
  'vheat-prenorm-crop-40x48': { fused: 59, swiftshader: 125 },
  'hcnet-48': { fused: 44, swiftshader: 202 },
  'hcnet-40x48': { fused: 44, swiftshader: 202 },
};
/**
 * Dispatches of the first and second inference (dispatchCount.ts) on the fused row, and of the first on SwiftShader's
 * row: post-norm vHeat (the bundled configuration post-norm with layer scale, vHeat-S/B's layout: 7 per block) and the
 * bundled HcNet's configuration (6 per block, GroupNorm in one dispatch). BENCHMARKS.md "dispatches per model and row".
 */
const MODEL_DISPATCHES: Record<string, { first: number; second: number; swiftshaderFirst: number }> = {
  'bundled-post': { first: 62, second: 56, swiftshaderFirst: 158 },
  'hcnet-bundled': { first: 42, second: 42, swiftshaderFirst: 191 },
};

function node(args: string[], timeoutMs: number): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...SWIFTSHADER_ENV }, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const jsonLines = (out: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

function needsSwiftShader(skip: (note: string) => void, err: string): void {
  if (!err.includes('no WebGPU adapter')) return;
  if (existsSync(ICD)) throw new Error(`Dawn found no adapter although ${ICD} exists:\n${err}`);
  skip(`no SwiftShader Vulkan driver here (${ICD} is missing)`);
}

describe('the hardware-GPU row (fused kernels) on SwiftShader through Dawn', () => {
  // One inference (the first: it also computes the heat-rate maps, so it has the most dispatches): the fused row is
  // 10-20x slower than SwiftShader's own on SwiftShader (barriers are coroutine switches there; BENCHMARKS.md).
  it('vHeat-T 224, random weights: <= 100 dispatches for one inference, logits within 1e-4 of the unfused row and of PyTorch, same top-5', (ctx) => {
    const r = node(['--import', 'tsx', 'tools/dawn/dispatchCount.ts', '--model', 'vheat-t-224', '--kernel-row', 'unmeasured-gpu', '--compare-row', 'swiftshader', '--runs', '1', '--anchor', ANCHOR], 1_500_000);
    needsSwiftShader((m) => ctx.skip(m), r.err);
    expect(r.code, r.err).toBe(0);
    const [row] = jsonLines(r.out);
    console.log(`vHeat-T 224 on ${row.row}: ${JSON.stringify(row.first)}, vs ${row.compareRow} ${row.vsCompareRow.toExponential(2)}, vs PyTorch ${row.vsAnchor.toExponential(2)} (${row.compareRow} vs PyTorch ${row.compareRowVsAnchor.toExponential(2)})`);
    expect(row.row).toBe('unmeasured-gpu');
    expect(row.first.dispatches).toBeLessThanOrEqual(MAX_DISPATCHES_VHEAT_T);
    expect(row.vsCompareRow).toBeLessThan(TOL);
    expect(row.top5).toEqual(row.compareTop5);
    expect(row.anchor).toBe(ANCHOR);
    expect(row.vsAnchor).toBeLessThan(TOL);
    expect(row.top5).toEqual(row.anchorTop5);
  }, 1_600_000);

  it('layer scale (pre-norm, gamma folded into the weights): fused logits within 1e-4 of the unfused row, fewer dispatches', (ctx) => {
    const fused = node(['--import', 'tsx', 'tools/dawn/dispatchCount.ts', '--model', 'bundled-ls', '--kernel-row', 'unmeasured-gpu', '--compare-row', 'swiftshader'], 300_000);
    needsSwiftShader((m) => ctx.skip(m), fused.err);
    expect(fused.code, fused.err).toBe(0);
    const plain = node(['--import', 'tsx', 'tools/dawn/dispatchCount.ts', '--model', 'bundled-ls', '--kernel-row', 'swiftshader'], 300_000);
    expect(plain.code, plain.err).toBe(0);
    const [f] = jsonLines(fused.out);
    const [p] = jsonLines(plain.out);
    expect(f.vsCompareRow).toBeLessThan(TOL);
    expect(f.second.dispatches).toBeLessThan(p.second.dispatches);
  });

  for (const [model, want] of Object.entries(MODEL_DISPATCHES)) {
    it(`${model}: exactly ${want.first} / ${want.second} dispatches fused (SwiftShader's row ${want.swiftshaderFirst}), logits within 1e-4 of the unfused row, same top-5`, (ctx) => {
      const r = node(['--import', 'tsx', 'tools/dawn/dispatchCount.ts', '--model', model, '--kernel-row', 'unmeasured-gpu', '--compare-row', 'swiftshader'], 300_000);
      needsSwiftShader((m) => ctx.skip(m), r.err);
      expect(r.code, r.err).toBe(0);
      const [row] = jsonLines(r.out);
      console.log(`${model} on ${row.row}: ${JSON.stringify(row.first)} / ${JSON.stringify(row.second)}, vs ${row.compareRow} ${row.vsCompareRow.toExponential(2)}`);
      expect(row.first.dispatches).toBe(want.first);
      expect(row.second.dispatches).toBe(want.second);
      expect(row.compareFirst.dispatches).toBe(want.swiftshaderFirst);
      expect(row.vsCompareRow).toBeLessThan(TOL);
      expect(row.top5).toEqual(row.compareTop5);
    });
  }

  it('every PyTorch parity case on the forced row within 1e-4; every case ran the fused blocks, dispatches exact', (ctx) => {
    const r = node(['--import', 'tsx', 'tools/dawn/parity.ts', '--kernel-row', 'unmeasured-gpu'], 900_000);
    needsSwiftShader((m) => ctx.skip(m), r.err);
    expect(r.code, r.err).toBe(0);
    const [head, ...rows] = jsonLines(r.out);
    expect(head.row).toBe('unmeasured-gpu');
    expect(rows.map((row) => row.case)).toEqual(Object.keys(PARITY_CASE_DISPATCHES));
    for (const row of rows) {
      expect(row.vsTorch, row.case).toBeLessThan(TOL);
      expect(row.stagesVsTorch, row.case).toBeLessThan(TOL);
      expect(row.leaked, row.case).toBe(0);
      // Every block fuses: pre- and post-norm vHeat (fusedBlock.ts) and HcNet (fusedHcBlock.ts).
      expect(row.dispatches, row.case).toBe(PARITY_CASE_DISPATCHES[row.case].fused);
      expect(row.dispatchesSwiftshaderRow, row.case).toBe(PARITY_CASE_DISPATCHES[row.case].swiftshader);
    }
  }, 900_000);

  it('vheat predict --kernel-row unmeasured-gpu --stats: the counts in the JSON; an unknown row is a usage error naming the rows', (ctx) => {
    const r = node(['bin/vheat.mjs', 'predict', '--model', MODEL, '--backend', 'webgpu', '--kernel-row', 'unmeasured-gpu', '--stats', INPUT], 300_000);
    needsSwiftShader((m) => ctx.skip(m), r.err);
    expect(r.code, r.err).toBe(0);
    const { stats } = JSON.parse(r.out);
    expect(stats.kernelRow).toBe('unmeasured-gpu');
    expect(stats.forwardPasses).toBe(1);
    expect(stats.counts.dispatches).toBeGreaterThan(0);
    expect(stats.counts.passes).toBeGreaterThan(0);
    expect(stats.counts.submits).toBeGreaterThan(0);
    // The weights go up on the first pass (megabytes), not only the uniforms (kilobytes).
    expect(stats.counts.bytesUploaded).toBeGreaterThan(1e6);
    const bad = node(['bin/vheat.mjs', 'predict', '--model', MODEL, '--kernel-row', 'nope', INPUT], 60_000);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--kernel-row is one of swiftshader, software-unmeasured, unmeasured-gpu');
  });
});

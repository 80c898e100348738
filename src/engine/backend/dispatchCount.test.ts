// The hardware-GPU row (kernelChoice.ts 'unmeasured-gpu', forced with --kernel-row on SwiftShader through Dawn, which
// runs the same WGSL a GPU would): at most 100 dispatches for one vHeat-T 224 inference (random weights), the same
// logits as SwiftShader's own (unfused) row and as PyTorch (the vHeat-T 224 anchor, tools/anchor) within 1e-4 with
// the same top-5, PyTorch parity on every official case,
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

  it('every PyTorch parity case on the forced row within 1e-4; the pre-norm vHeat cases ran the fused blocks', (ctx) => {
    const r = node(['--import', 'tsx', 'tools/dawn/parity.ts', '--kernel-row', 'unmeasured-gpu'], 900_000);
    needsSwiftShader((m) => ctx.skip(m), r.err);
    expect(r.code, r.err).toBe(0);
    const [head, ...rows] = jsonLines(r.out);
    expect(head.row).toBe('unmeasured-gpu');
    expect(rows.length).toBe(6);
    for (const row of rows) {
      expect(row.vsTorch, row.case).toBeLessThan(TOL);
      expect(row.stagesVsTorch, row.case).toBeLessThan(TOL);
      expect(row.leaked, row.case).toBe(0);
      // Pre-norm vHeat blocks fuse (fusedBlock.ts); post-norm ones and HcNet keep the row's unfused kernels.
      if (/^vheat-prenorm/.test(row.case)) expect(row.dispatches, row.case).toBeLessThan(row.dispatchesSwiftshaderRow);
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

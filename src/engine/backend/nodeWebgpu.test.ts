// WebGPU in Node through Dawn, on SwiftShader's Vulkan driver (Debian's Chromium ships it in /usr/lib/chromium):
// the engine's WGSL kernels give PyTorch's logits and the tfjs CPU backend's to the browser path's tolerance, and
// `vheat predict --backend webgpu | auto` behave as documented with and without an adapter. Each run is a child
// process: the Vulkan loader reads LD_LIBRARY_PATH and VK_ICD_FILENAMES when the process starts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** The Vulkan environment of SwiftShader, as in tools/dawn and the gpu-kit's --swiftshader. */
export const SWIFTSHADER_ENV = { LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD };
// Same budget as model.browser.test.ts: float32 on both sides, different summation orders and built-ins.
const BACKEND_TOL = 1e-4;

function node(args: string[], env: Record<string, string>): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const vheat = (env: Record<string, string>, ...argv: string[]) => node(['bin/vheat.mjs', ...argv], env);
const MODEL = 'public/models/vheat-fashion-mnist.safetensors';
const INPUT = 'fixtures/images/coffee.png';

/** Skips (with the reason) where Dawn finds no adapter even with SwiftShader's driver; fails where it should have one. */
function needsSwiftShader(skip: (note: string) => void, err: string): void {
  if (!err.includes('no WebGPU adapter')) return;
  if (existsSync(ICD)) throw new Error(`Dawn found no adapter although ${ICD} exists:\n${err}`);
  skip(`no SwiftShader Vulkan driver here (${ICD} is missing): Dawn has no adapter`);
}

describe('WebGPU in Node (Dawn) on SwiftShader', () => {
  it('every PyTorch parity case: logits and stages within 1e-4 of PyTorch and of the cpu backend, no tensor left', (ctx) => {
    const r = node(['--import', 'tsx', 'tools/dawn/parity.ts'], SWIFTSHADER_ENV);
    needsSwiftShader((m) => ctx.skip(m), r.err);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const adapter = lines[0].adapter;
    console.log(`dawn adapter: ${adapter.vendor} / ${adapter.architecture} / ${adapter.description} (fallback ${adapter.isFallbackAdapter})`);
    const rows = lines.slice(1);
    expect(rows.length).toBe(6);
    for (const row of rows) {
      console.log(`${row.case}: vs PyTorch ${row.vsTorch.toExponential(2)}, stages ${row.stagesVsTorch.toExponential(2)}, vs cpu ${row.vsCpu.toExponential(2)}`);
      expect(row.vsTorch, row.case).toBeLessThan(BACKEND_TOL);
      expect(row.stagesVsTorch, row.case).toBeLessThan(BACKEND_TOL);
      expect(row.vsCpu, row.case).toBeLessThan(BACKEND_TOL);
      expect(row.leaked, row.case).toBe(0);
    }
  });

  it('vheat predict --backend webgpu gives the cpu backend\'s logits; auto takes the CPU path on SwiftShader', (ctx) => {
    const gpu = vheat(SWIFTSHADER_ENV, 'predict', '--model', MODEL, '--backend', 'webgpu', INPUT);
    needsSwiftShader((m) => ctx.skip(m), gpu.err);
    expect(gpu.code, gpu.err).toBe(0);
    const cpu = vheat({}, 'predict', '--model', MODEL, '--backend', 'cpu', INPUT);
    expect(cpu.code, cpu.err).toBe(0);
    const g = JSON.parse(gpu.out);
    const c = JSON.parse(cpu.out);
    expect(g.backend).toBe('webgpu');
    const want: number[] = c.results[0].logits;
    const maxAbs = Math.max(...want.map(Math.abs));
    const diff = Math.max(...want.map((v, i) => Math.abs(v - g.results[0].logits[i])));
    expect(diff).toBeLessThan(BACKEND_TOL * maxAbs);
    const top5 = (r: { results: { top5: { index: number }[] }[] }) => r.results[0].top5.map((t) => t.index);
    expect(top5(g)).toEqual(top5(c));
    // The bundled model on SwiftShader: the table's row says the CPU path is faster (BENCHMARKS.md, backend-choice).
    const auto = vheat(SWIFTSHADER_ENV, 'predict', '--model', MODEL, '--verbose', INPUT);
    expect(auto.code, auto.err).toBe(0);
    expect(JSON.parse(auto.out).backend).toBe('wasm');
    expect(auto.err).toMatch(/adapter google \/ swiftshader .*kernel table row 'swiftshader'\): the CPU path is faster for this model/);
  });

  it('without a Vulkan driver: --backend webgpu fails in one line (exit 4), auto falls back to wasm', () => {
    const none = { LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: '/nonexistent/no_icd.json' };
    const gpu = vheat(none, 'predict', '--model', MODEL, '--backend', 'webgpu', INPUT);
    expect(gpu.code, gpu.err).toBe(4);
    // The loader is there but no driver: Dawn is not loaded, so none of its native warnings reach stderr.
    expect(gpu.err).toBe('vheat predict: no WebGPU adapter: no Vulkan driver found [unavailable]\n');
    const auto = vheat(none, 'predict', '--model', MODEL, '--backend', 'auto', '--verbose', INPUT);
    expect(auto.code, auto.err).toBe(0);
    expect(JSON.parse(auto.out).backend).toBe('wasm');
    expect(auto.err).toBe('vheat: no WebGPU adapter: no Vulkan driver found; using the CPU path\n');
  });
});

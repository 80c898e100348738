// The resource budget on the command line: a legal but huge input is refused before the work (exit 1, [too-large],
// naming the file, the estimate and the limit); with --memory-budget / --time-budget raised, the same kind of job runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resourceBudget, setResourceBudget } from '../engine/budget';
import { main } from './main';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'vheat-budget-'));
const defaults = resourceBudget();
afterAll(() => {
  setResourceBudget(defaults);
  rmSync(tmp, { recursive: true, force: true });
});

/** A 1x3xSxS float32 .npy of zeros. */
function npyFile(side: number): string {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, ${side}, ${side}), }`;
  header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11, ' ') + '\n';
  const out = new Uint8Array(10 + header.length + 3 * side * side * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  const path = join(tmp, `x${side}.npy`);
  writeFileSync(path, out);
  return path;
}

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const model = join(root, 'public/models/hcnet-fashion-mnist.safetensors');

describe('vheat predict under the resource budget', () => {
  it('refuses a 2048 px input before the work, naming the file, the estimate and the budget', async () => {
    setResourceBudget(defaults);
    const r = await run('predict', '--model', model, '--backend', 'cpu', npyFile(2048));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vheat predict: x2048\.npy: a forward pass of one 2048x2048 input needs ~\d+ MB of memory, over the 320 MB budget \(--memory-budget\).* \[too-large\]\n$/);
  });

  it('refuses an ERF whose gradients are over the budget, naming the input', async () => {
    const r = await run('erf', '--model', model, '--backend', 'cpu', '--stage', '3', npyFile(512), '-o', join(tmp, 'erf.npy'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vheat erf: x512\.npy: an ERF of one 512x512 input \(gradients\) needs ~\d+ MB of memory, over the 320 MB budget .*\[too-large\]\n$/);
  });

  it('runs a large legal job (1024 px) with a raised budget', async () => {
    const r = await run('predict', '--model', model, '--backend', 'wasm', '--memory-budget', '4096', '--time-budget', '600', npyFile(1024));
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).results[0].top5).toHaveLength(5);
  }, 120_000);
});

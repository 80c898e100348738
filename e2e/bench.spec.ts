// The benchmark harness end to end on the committed tiny model pair (bench/models/tiny.*, from
// bench/onnx/export_pair.py --preset tiny): `npm run bench -- onnx-compare` serves the page, runs all five
// runtimes (our engine WGSL / portable / CPU, onnxruntime-web WebGPU / wasm) in headless Chromium, checks each one's
// logits against PyTorch's and against ort-wasm before timing, and writes the JSON. Two timed runs each: this
// tests the harness, it measures nothing.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('npm run bench -- onnx-compare on the tiny pair: five runtimes agree with PyTorch and are timed', async () => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
  try {
    const run = spawnSync(process.execPath, ['bench/run.mjs', 'onnx-compare', 'pairs=tiny', 'runs=2'], {
      env: { ...process.env, BENCH_RESULTS_DIR: out },
      encoding: 'utf8',
      timeout: 280_000,
    });
    const log = `${run.stdout}\n${run.stderr}`;
    expect(run.status, log).toBe(0);
    for (const kind of ['engine-wgsl', 'engine-portable', 'ort-webgpu', 'ort-wasm', 'engine-cpu']) {
      expect(log).toMatch(new RegExp(`check ${kind} vs PyTorch: [0-9.e+-]+ of max \\|logit\\|`));
    }
    expect(log).toMatch(/page cross-origin isolated: true/);
    const json = JSON.parse(readFileSync(join(out, 'onnx-compare.pairs-tiny_runs-2.json'), 'utf8'));
    expect(json.adapter?.vendor).toBeTruthy();
    expect(json.rows.map((r: { params: { runtime: string } }) => r.params.runtime)).toEqual(['engine-wgsl', 'engine-portable', 'ort-webgpu', 'ort-wasm', 'engine-cpu']);
    for (const row of json.rows) {
      expect(row.runs).toBe(2);
      expect(row.samplesMs.every((ms: number) => ms > 0)).toBe(true);
      // The suite's own agreement rule (1e-3 of max |logit|); the tiny model lands near 1e-7.
      expect(row.params['vs PyTorch']).toBeLessThanOrEqual(1e-3);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

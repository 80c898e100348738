// The gpu-kit cannot rot: `npm run gpu-kit -- --fast` builds it (size printed, <= 40 MiB) and `run.sh --quick
// --swiftshader` runs it as a bare machine would (its own Node, Dawn, bundle; SwiftShader's Vulkan driver from
// Debian's Chromium), writing the suites' JSON. Skipped, with the reason, only where that driver is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const results = mkdtempSync(join(tmpdir(), 'gpu-kit-results-'));
afterAll(() => rmSync(results, { recursive: true, force: true }));

describe('gpu-kit', () => {
  it('builds under 40 MiB and run.sh --quick runs the suites on SwiftShader', (ctx) => {
    if (!existsSync(ICD)) ctx.skip(`no SwiftShader Vulkan driver here (${ICD}): Debian's chromium package brings it`);
    const b = spawnSync(process.execPath, ['tools/gpu-kit/build.mjs', '--fast'], { cwd: root, encoding: 'utf8', timeout: 600_000 });
    expect(b.status, b.stderr).toBe(0);
    const size = /gpu-kit: .*: ([\d.]+) MiB/.exec(b.stdout);
    console.log(b.stdout.trim());
    expect(Number(size?.[1])).toBeLessThanOrEqual(40);

    // A bare machine: nothing from this shell's Node or node_modules on the path.
    const env = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
    const r = spawnSync('sh', [join(root, 'gpu-kit/run.sh'), results, '--quick', '--swiftshader'], { cwd: tmpdir(), env, encoding: 'utf8', timeout: 600_000 });
    console.log(r.stdout.split('\n').filter((l) => /^(adapter|gpu-kit|\[)/.test(l)).join('\n'));
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^adapter: google \/ swiftshader .*isFallbackAdapter: true; kernel-choice row: swiftshader/m);
    expect(r.stdout).toMatch(/^limits: maxComputeWorkgroupStorageSize=\d+/m);
    const files = readdirSync(results).sort();
    expect(files).toEqual(['backend-choice.node.quick-1.json', 'dispatches.node.quick-1.json', 'kernel-choice.node.quick-1.json']);
    for (const f of files) {
      const json = JSON.parse(readFileSync(join(results, f), 'utf8'));
      expect(json.error, f).toBeNull();
      expect(json.adapter.architecture).toBe('swiftshader');
      expect(json.rows.length, f).toBeGreaterThanOrEqual(2);
      for (const row of json.rows) expect(row.medianMs, `${f} ${row.name}`).toBeGreaterThan(0);
    }
  }, 900_000);
});

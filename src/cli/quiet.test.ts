// On a machine without a Vulkan loader (most servers and containers) a command prints its own output and message
// and nothing else: no Dawn warning, no note that the CPU path was taken. The loader is hidden from the child
// process (LD_LIBRARY_PATH pointing nowhere, no VK_ICD_FILENAMES, and VHEAT_HIDE_VULKAN_LOADER for a machine
// that has one installed system-wide).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'vheat-quiet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function vheatWithoutLoader(...argv: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LD_LIBRARY_PATH: join(tmp, 'nowhere'), VHEAT_HIDE_VULKAN_LOADER: '1' };
  delete env.VK_ICD_FILENAMES;
  return spawnSync(process.execPath, [join(root, 'bin/vheat.mjs'), ...argv], { encoding: 'utf8', timeout: 120_000, env });
}

const hcnet = join(root, 'public/models/hcnet-fashion-mnist.safetensors');
const vheat = join(root, 'fixtures/parity/vheat_pre.pth');

describe('vheat without a Vulkan loader', () => {
  it('predict prints its JSON and nothing on stderr', () => {
    const r = vheatWithoutLoader('predict', '--model', hcnet, join(root, 'public/samples/fashion/fashion-1-trouser.png'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ family: 'hcnet' });
  });

  it('spectrum prints its JSON and nothing on stderr', () => {
    const r = vheatWithoutLoader('spectrum', '--model', vheat, '--stage', '2', '--block', '1', '--mean', '-o', join(tmp, 'k.npy'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ output: join(tmp, 'k.npy') });
  });

  it('a usage error prints its message and the usage, nothing else', () => {
    const r = vheatWithoutLoader('spectrum', '--model', vheat, '--stage', '2', '--block', '10', '-o', join(tmp, 'bad.npy'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^vheat spectrum: --block /);
    expect(r.stderr).not.toMatch(/Vulkan|WebGPU|CPU path/);
  });

  it('--verbose says why the CPU path was taken, and --backend webgpu is refused in one line', () => {
    const v = vheatWithoutLoader('spectrum', '--model', vheat, '--stage', '2', '--block', '1', '--verbose', '-o', join(tmp, 'v.npy'));
    expect(v.status, v.stderr).toBe(0);
    expect(v.stderr).toBe('vheat: no WebGPU adapter: no Vulkan loader (libvulkan.so.1) on this machine; using the CPU path\n');
    const w = vheatWithoutLoader('spectrum', '--model', vheat, '--backend', 'webgpu', '--stage', '2', '--block', '1', '-o', join(tmp, 'w.npy'));
    expect(w.status).toBe(4);
    expect(w.stderr).toBe('vheat spectrum: no WebGPU adapter: no Vulkan loader (libvulkan.so.1) on this machine [unavailable]\n');
  });
});

// The command line around the commands: --help per command, --version, predict on a folder in batches with JSON
// Lines, and the refusals of erf / heat / spectrum (exit 2: usage; exit 1: a typed error naming the file).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import type { Prediction } from './predict';
import { parityFixture as parity, repoRoot as root, runCli as run, testFolder } from './testing/cliRun';
import { COMMAND_USAGE } from './usage';

const image = (f: string) => join(root, 'fixtures/images', f);
const tmp = testFolder('vheat-commands-');

describe('help and version', () => {
  it.each(Object.keys(COMMAND_USAGE))('vheat %s --help prints its usage and exits 0', async (command) => {
    const r = await run(command, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`vheat ${command} `);
    expect(r.err).toBe('');
  });

  it('vheat --help lists every command; --version prints the package version', async () => {
    const h = await run('--help');
    expect(h.code).toBe(0);
    for (const c of Object.keys(COMMAND_USAGE)) expect(h.out).toContain(`vheat ${c}`);
    expect(await run('--version')).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
  });
});

describe('backend', () => {
  it('auto picks WASM in plain Node; no tfjs banner on stderr, on WASM or on the CPU backend (child processes)', () => {
    const predict = (...extra: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/vheat.mjs'), 'predict', '--model', parity('hcnet.pth'), ...extra, image('coffee.png')], { encoding: 'utf8', timeout: 120_000 });
    const auto = predict();
    expect(auto.status, auto.stderr).toBe(0);
    expect(JSON.parse(auto.stdout).backend).toBe('wasm');
    // auto takes the CPU path without a word (the natural choice here: no adapter, or the kernel-choice table prefers
    // the CPU path on SwiftShader); never tfjs's banner. --verbose says why in one line.
    expect(auto.stderr).toBe('');
    const verbose = predict('--verbose');
    expect(verbose.status, verbose.stderr).toBe(0);
    expect(verbose.stderr).toMatch(/^vheat: .*(CPU path|not using WebGPU)\n$/);
    const cpu = predict('--backend', 'cpu');
    expect(cpu.status, cpu.stderr).toBe(0);
    expect(JSON.parse(cpu.stdout).backend).toBe('cpu');
    expect(cpu.stderr).toBe(''); // tfjs's cpu backend prints "Hi, looks like you are running TensorFlow.js in Node.js" unless silenced
  });
});

describe('predict on a folder', () => {
  it('batches the folder, prints JSON Lines in name order, same logits as one input at a time', async () => {
    const folder = join(tmp, 'inputs');
    mkdirSync(folder);
    for (const f of ['coffee.png', 'astronaut.png', 'rocket.jpg', 'CREDITS.md']) copyFileSync(image(f), join(folder, f));
    copyFileSync(parity('hcnet.input.npy'), join(folder, 'x.npy'));
    const common = ['predict', '--model', parity('hcnet.pth'), '--backend', 'cpu'];
    const lines = await run(...common, '--batch', '3', '--jsonl', folder);
    expect(lines.code, lines.err).toBe(0);
    const got = lines.out.trim().split('\n').map((l) => JSON.parse(l) as Prediction);
    expect(got.map((r) => r.input)).toEqual(['astronaut.png', 'coffee.png', 'rocket.jpg', 'x.npy#0', 'x.npy#1']);
    const one = await run(...common, '--batch', '1', join(folder, 'astronaut.png'), join(folder, 'coffee.png'), join(folder, 'rocket.jpg'), join(folder, 'x.npy'));
    expect(one.code, one.err).toBe(0);
    const single = (JSON.parse(one.out) as { results: Prediction[] }).results;
    expect(single.map((r) => r.input)).toEqual(got.map((r) => r.input));
    // Batched and single runs share every kernel (per-image rows of the same matmuls): the same float32 logits.
    single.forEach((r, i) => expect(got[i].logits).toEqual(r.logits));
  });

  it('an empty folder and a missing input are refused by name (exit 1)', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const e = await run('predict', '--model', parity('hcnet.pth'), empty);
    expect(e.code).toBe(1);
    expect(e.err).toMatch(/empty: the folder holds no \.png, \.jpg, \.jpeg or \.npy file/);
    expect((await run('predict', '--model', parity('hcnet.pth'), join(tmp, 'nope.png'))).err).toMatch(/nope\.png: cannot be read/);
  });
});

describe('erf, heat, spectrum refusals', () => {
  const vheat = ['--model', parity('vheat_pre.pth'), '--backend', 'cpu'];
  const hcnet = ['--model', parity('hcnet.pth'), '--backend', 'cpu'];
  const out = () => join(tmp, 'out.npy');

  it('usage errors exit 2 and name the option', async () => {
    const cases: [string[], RegExp][] = [
      [['erf', ...vheat, '--stage', '5', parity('vheat_pre.input.npy'), '-o', out()], /--stage is an integer from 1 to 4/],
      [['erf', ...vheat, '--stage', '2', '--point', '4,0', parity('vheat_pre.input.npy'), '-o', out()], /--point row \(the stage map is 4x4\)/],
      [['erf', ...vheat, '--stage', '2', '--point', '1;2', parity('vheat_pre.input.npy'), '-o', out()], /--point is ROW,COL or centre/],
      [['erf', ...vheat, '--stage', '2', '--diffusivity', '-1', parity('vheat_pre.input.npy'), '-o', out()], /--diffusivity is a number from 0/],
      [['erf', ...vheat, '--stage', '2', '--diffusivity-stage', '7=2', parity('vheat_pre.input.npy'), '-o', out()], /--diffusivity-stage K is an integer from 1 to 4/],
      [['erf', ...vheat, '--stage', '2', '--rule', 'max', parity('vheat_pre.input.npy'), '-o', out()], /--rule is abs or relu/],
      [['erf', ...vheat, '--stage', '2', parity('vheat_pre.input.npy')], /erf needs -o/],
      [['heat', ...vheat, '--stage', '3', '--block', '3', image('coffee.png'), '-o', out()], /--block \(stage 3 has 2 blocks\) is an integer from 1 to 2/],
      [['heat', ...vheat, '--stage', '1', '--block', '1', '--steps', '0,1', image('coffee.png'), '-o', out()], /--steps is for HcNet/],
      [['heat', ...hcnet, '--stage', '1', '--block', '1', '--times', '0,1', image('coffee.png'), '-o', out()], /--times is for vHeat/],
      [['heat', ...hcnet, '--stage', '1', '--block', '1', '--steps', '0,1.5', image('coffee.png'), '-o', out()], /--steps: 1\.5 is not an integer/],
      [['heat', ...vheat, '--stage', '1', '--block', '1', '--channels', '8', image('coffee.png'), '-o', out()], /--channels: stage 1 has channels 0\.\.7/],
      [['heat', ...vheat, '--stage', '1', '--block', '1', '--times', '0,-1', image('coffee.png'), '-o', out()], /--times: -1 is not in/],
      [['spectrum', ...vheat, '--stage', '1', '--block', '1', image('coffee.png'), '-o', out()], /spectrum takes no input files/],
      [['heat', ...hcnet, '--stage', '1', '--block', '1', '--steps', '0,1,5000', image('coffee.png'), '-o', out()], /would record 5001 frames \(at most 1001/],
      // Stages and blocks are numbered from 1, as on the page: an old 0-based command line is told so.
      [['spectrum', ...vheat, '--stage', '0', '--block', '1', '-o', out()], /--stage: stages and blocks are numbered from 1, as on the page/],
      [['heat', ...vheat, '--stage', '1', '--block', '0', image('coffee.png'), '-o', out()], /--block \(stage 1 has 1 block\): stages and blocks are numbered from 1/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });

  it('input errors exit 1 with the file and the reason', async () => {
    const sizes = await run('erf', ...vheat, '--stage', '1', parity('vheat_pre.input.npy'), parity('vheat_nonsquare.input.npy'), '-o', out());
    expect(sizes.code).toBe(1);
    expect(sizes.err).toMatch(/vheat_nonsquare\.input\.npy: is 40x48 after preprocessing, the first input 32x32/);
    const batch = await run('heat', ...vheat, '--stage', '1', '--block', '1', parity('vheat_pre.input.npy'), '-o', out());
    expect(batch.code).toBe(1);
    expect(batch.err).toMatch(/vheat_pre\.input\.npy: holds 2 images; heat takes one/);
    const k = await run('spectrum', ...hcnet, '--stage', '1', '--block', '1', '-o', out());
    expect(k.code).toBe(1);
    expect(k.err).toMatch(/hcnet\.pth: an HcNet has no learned diffusivity k/);
  });

  it('bin/vheat.mjs erf as a child process: JSON on stdout, nothing on stderr (not a terminal: no progress line)', () => {
    const png = join(tmp, 'erf.png');
    const r = spawnSync(process.execPath, [join(root, 'bin/vheat.mjs'), 'erf', ...vheat, '--stage', '1', '--png', png, parity('vheat_pre.input.npy'), image('coffee.png'), '-o', out()], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ inputs: 3, files: 2, point: { row: 4, col: 4 } });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });
});

// A model load's progress never goes back, for every source the worker loads from in Node: a bundled model
// downloaded from a loopback server, a dropped PyTorch file, a random model (the browser cache, IndexedDB, is
// covered in state.browser.test.ts). The structured events open with 'initiate', close with 'done', and their byte
// counts only grow. The worker's own loadModel handler on the tfjs CPU backend.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateHandlers } from './handlers';
import { workerText } from '../i18n/workerText';
import type { LoadProgressEvent, ModelSource } from './protocol';
import { createEngineState } from './state';

const root = join(__dirname, '../../..');
const bundled = readFileSync(join(root, 'public/models/vheat-fashion-mnist.safetensors'));
const dropped = readFileSync(join(root, 'fixtures/parity/vheat_pre.pth'));
let server: Server;
let base = '';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  // Sends the file in 64 KiB pieces with its Content-Length, as a static server does.
  server = createServer((req, res) => {
    if (req.url !== '/vheat-fashion-mnist.safetensors') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': String(bundled.length) });
    for (let i = 0; i < bundled.length; i += 65536) res.write(bundled.subarray(i, i + 65536));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Step {
  fraction: number;
  label: string;
  event?: LoadProgressEvent;
}

async function load(source: ModelSource): Promise<Step[]> {
  const steps: Step[] = [];
  const warn = console.warn;
  console.warn = () => {}; // a dropped file's save to the browser cache fails in Node (no IndexedDB), with a warning
  try {
    await stateHandlers(createEngineState()).loadModel({ source }, (fraction, label, event) => steps.push({ fraction, label: workerText(label), event }));
  } finally {
    console.warn = warn;
  }
  return steps;
}

function expectMonotonic(steps: Step[], file: string, bytes: number): LoadProgressEvent[] {
  for (let i = 1; i < steps.length; i++) {
    expect(steps[i].fraction, `${steps[i - 1].label} ${steps[i - 1].fraction} -> ${steps[i].label} ${steps[i].fraction}`).toBeGreaterThanOrEqual(steps[i - 1].fraction);
  }
  expect(steps[0]).toMatchObject({ fraction: 0, event: { stage: 'initiate', file, loaded: 0 } });
  expect(steps.at(-1)).toEqual({ fraction: 1, label: 'ready', event: { stage: 'done', file, loaded: bytes, total: bytes } });
  const events = steps.flatMap((s) => (s.event ? [s.event] : []));
  for (let i = 1; i < events.length; i++) expect(events[i].loaded).toBeGreaterThanOrEqual(events[i - 1].loaded);
  expect(events.filter((e) => e.stage === 'initiate' || e.stage === 'done')).toHaveLength(2);
  return events;
}

describe('model load progress', () => {
  it('bundled (downloaded): initiate, download, bytes as they arrive, parsing, building, done; never backwards', async () => {
    const steps = await load({ kind: 'bundled', entry: { id: 'v', file: `${base}/vheat-fashion-mnist.safetensors`, title: 'v', family: 'vheat' } });
    const events = expectMonotonic(steps, 'vheat-fashion-mnist.safetensors', bundled.length);
    expect(events[1]).toEqual({ stage: 'download', file: 'vheat-fashion-mnist.safetensors', loaded: 0, total: bundled.length });
    expect(events.filter((e) => e.stage === 'progress').length).toBeGreaterThan(10);
    const labels = new Set(steps.map((s) => s.label));
    for (const l of ['downloading', 'reading', 'building the model', 'compiling GPU programs']) expect(labels).toContain(l);
  });

  it('dropped file (converted from PyTorch): bytes read as it converts, the cache save, done; never backwards', async () => {
    const steps = await load({ kind: 'file', file: new File([dropped], 'vheat_pre.pth') });
    const events = expectMonotonic(steps, 'vheat_pre.pth', dropped.length);
    expect(events.some((e) => e.stage === 'progress' && e.loaded === dropped.length)).toBe(true);
    expect(steps.map((s) => s.label)).toContain('saving to the browser cache');
  });

  it('random model: building and compiling only; never backwards', async () => {
    const steps = await load({ kind: 'random', id: 'random-hcnet-tiny' });
    expectMonotonic(steps, 'random-hcnet-tiny', 0);
  });
});

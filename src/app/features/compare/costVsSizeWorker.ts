/// <reference lib="webworker" />
// The "Cost against size on this device" worker: its own tfjs (WebGPU where there is an adapter, else the CPU),
// started per run by CostPanel and ended after it. Runs measureCostVsSize; a cancel message stops it between calls
// and the curves measured so far come back.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { measureCostVsSize } from '../../../engine/analysis/costVsSize';
import { setResourceBudget } from '../../../engine/budget';
import { MAX_MEMORY_BUDGET_BYTES, MAX_TIME_BUDGET_S } from '../../../engine/limits';
import type { CostWorkerMessage, CostWorkerRequest } from './costVsSizeProtocol';

// The run measures deliberately large work (global attention at 16,384 tokens): the worker lifts the budget.
setResourceBudget({ memoryBytes: MAX_MEMORY_BUDGET_BYTES, seconds: MAX_TIME_BUDGET_S });

declare const self: DedicatedWorkerGlobalScope;

const signal = { aborted: false };

function post(message: CostWorkerMessage): void {
  self.postMessage(message);
}

async function adapterName(): Promise<string> {
  if (!('gpu' in navigator) || !navigator.gpu) return '';
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  return adapter ? [adapter.info.vendor, adapter.info.architecture, adapter.info.description].filter(Boolean).join(' / ') : '';
}

async function startBackend(adapter: string): Promise<void> {
  try {
    if (adapter && (await tf.setBackend('webgpu'))) return;
  } catch (e) {
    console.warn('WebGPU did not start; measuring on the CPU', e);
  }
  await tf.setBackend('cpu');
}

async function run(sides: number[], runs: number): Promise<void> {
  try {
    const adapter = await adapterName();
    await startBackend(adapter);
    await tf.ready();
    post({ kind: 'started', backend: tf.getBackend(), adapter });
    const result = await measureCostVsSize({
      sides, runs, signal,
      onProgress: (p) => post({ kind: 'progress', done: p.done, total: p.total, operator: p.operator, side: p.side }),
    });
    post({ kind: 'finished', result, error: null });
  } catch (e) {
    post({ kind: 'finished', result: null, error: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (e: MessageEvent<CostWorkerRequest>) => {
  if (e.data.kind === 'cancel') signal.aborted = true;
  else void run(e.data.sides, e.data.runs);
};

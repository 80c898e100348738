/// <reference lib="webworker" />
// Worker entry: owns tfjs, the model, the image and every analysis. Requests run one at a time, those
// the user waits on (model, image, prediction) before queued analyses; each gets one response.
// Large arrays go back as transferables.
import { clipText, EngineStateError, errorCode, InputError } from '../../engine/errors';
import { restartWebGpu, simulateDeviceLoss, startBackend } from './backend';
import { deleteConverted, listConverted } from './modelCache';
import { stateHandlers } from './handlers';
import { supersedeFullResolution } from './handlers/fullResolution';
import { dropComparisonModels } from './handlers/compare';
import { rebuildAfterDeviceLoss } from './handlers/model';
import type { Progress } from './loadProgress';
import type { RequestMap, RequestType, SerializedError, WorkerMessage, WorkerRequest } from './protocol';
import { createEngineState } from './state';

declare const self: DedicatedWorkerGlobalScope;

/** The engine's one state object (state.ts); every handler gets it. */
const state = createEngineState();

let backendReady: ReturnType<typeof startBackend> | null = null;
let deviceLost = false;

function post(msg: WorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function onDeviceLost(message: string): void {
  deviceLost = true;
  post({ kind: 'deviceLost', message });
}

function serializeError(e: unknown): SerializedError {
  if (e instanceof InputError) return { name: e.name, message: e.message, file: e.file, reason: e.reason, code: e.code };
  if (e instanceof Error) return { name: e.name, message: clipText(e.message), code: errorCode(e) };
  return { name: Error.name, message: String(e) };
}

/** Buffers of every typed array in a result (shallow walk of plain objects and arrays). */
function transferables(value: unknown, out: Transferable[] = [], depth = 0): Transferable[] {
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    if (buf instanceof ArrayBuffer && !out.includes(buf)) out.push(buf);
    return out;
  }
  for (const v of Object.values(value as Record<string, unknown>)) transferables(v, out, depth + 1);
  return out;
}

type Handlers = { [K in RequestType]: (req: RequestMap[K]['req'], progress: Progress) => Promise<RequestMap[K]['res']> };

const handlers: Handlers = {
  ...stateHandlers(state),
  init: async ({ prefer }) => {
    backendReady ??= startBackend(onDeviceLost, prefer ?? 'auto');
    return backendReady;
  },
  listCachedModels: () => listConverted(),
  deleteCachedModel: async ({ id }) => {
    await deleteConverted(id);
    return listConverted();
  },
  simulateDeviceLoss: async () => ({ destroyed: simulateDeviceLoss() }),
  simulateWorkerFailure: async () => {
    // Outside the request's try/catch: the page's Worker gets an error event, as for an uncaught bug.
    setTimeout(() => {
      throw new EngineStateError('engine worker', 'simulated worker failure (a test hook)');
    });
    return {};
  },
};

async function handle(req: WorkerRequest): Promise<void> {
  // One message per whole percent or new label at most: readers report every tensor (hundreds per model),
  // and each message costs the UI thread a task and a render.
  // A load's structured events other than 'progress' (initiate, download, done) always go.
  let shown = { percent: -1, label: '' };
  const progress: Progress = (fraction, label, event) => {
    const percent = Math.floor(fraction * 100);
    const words = JSON.stringify(label);
    if (percent === shown.percent && words === shown.label && (!event || event.stage === 'progress')) return;
    shown = { percent, label: words };
    post({ kind: 'progress', id: req.id, fraction, label, ...(event ? { event } : {}) });
  };
  try {
    if (deviceLost && req.type !== 'init' && req.type !== 'memory') {
      // Recover on the next action: a fresh device, the model and input rebuilt from the kept weights.
      await restartWebGpu();
      rebuildAfterDeviceLoss(state);
      dropComparisonModels(state);
      deviceLost = false;
    }
    const handler = handlers[req.type] as (r: unknown, p: Progress) => Promise<unknown>;
    const result = await handler(req.payload, progress);
    post({ kind: 'response', id: req.id, ok: true, result }, transferables(result));
  } catch (e) {
    post({ kind: 'response', id: req.id, ok: false, error: serializeError(e) });
  }
}

/** Requests the user waits on directly; they overtake queued analyses (heat frames, ERF, thumbnails). */
const URGENT = new Set<RequestType>(['init', 'listCachedModels', 'deleteCachedModel', 'loadModel', 'setImage', 'predict']);
/** Requests that make a running full-resolution diffusion stale: it stops at its next frame. */
const FULL_RES_STALE_ON = new Set<RequestType>(['fullResHeat', 'setImage', 'loadModel']);
const urgent: WorkerRequest[] = [];
const later: WorkerRequest[] = [];
let running = false;

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let req = urgent.shift() ?? later.shift(); req; req = urgent.shift() ?? later.shift()) {
      const t0 = performance.now();
      await handle(req);
      const ms = performance.now() - t0;
      if (ms > 1000) console.debug(`engine: ${req.type} took ${ms.toFixed(0)} ms`);
    }
  } finally {
    running = false;
  }
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  if (FULL_RES_STALE_ON.has(e.data.type)) {
    const ticket = e.data.type === 'fullResHeat' ? (e.data.payload as RequestMap['fullResHeat']['req']).ticket : undefined;
    supersedeFullResolution(state, ticket);
  }
  (URGENT.has(e.data.type) ? urgent : later).push(e.data);
  void drain();
};

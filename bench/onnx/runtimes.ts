// The five ways of running one model pair in the page (bench/suites/onnx-compare.ts): our engine with the WGSL or the portable
// heat operator on WebGPU, our CPU fallback (tfjs wasm backend, portable operator), and onnxruntime-web
// with its WebGPU or its wasm execution provider. Every runtime takes the same NCHW float32 input and
// returns its logits on the CPU (GPU work finished: the read-back is part of each run).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { startPooledKernels } from '../../src/engine/ops/cpuPool/pooledKernels';
import { CPU_PATH_THREAD_POLICY, CPU_THREAD_POLICIES, cpuPathThreads, startWasmPool, type CpuThreadPolicy } from '../../src/engine/backend/cpuThreads';
import { buildModel } from '../../src/engine/models/model';
import type { HeatModel } from '../../src/engine/models/types';
import type { HeatImpl } from '../../src/engine/ops/heat/heatConduction';
import { loadModelFile } from '../../src/engine/weights';
import { nchwToNhwc } from './layout';
import type { ModelPair } from './pairFiles';

export type RuntimeKind = 'engine-wgsl' | 'engine-portable' | 'ort-webgpu' | 'ort-wasm' | 'engine-cpu';
export const RUNTIME_KINDS: RuntimeKind[] = ['engine-wgsl', 'engine-portable', 'ort-webgpu', 'ort-wasm', 'engine-cpu'];

export interface LoadedRuntime {
  kind: RuntimeKind;
  /** What a reader needs to know about how it ran (threads, SIMD, backend...). */
  params: Record<string, string | number | boolean>;
  /** One inference: upload, run, read back. */
  run(inputNchw: Float32Array): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** Files served by Vite straight from the installed packages: nothing is fetched from a CDN. */
const ORT_DIST = '/node_modules/onnxruntime-web/dist/';
const TFJS_WASM_DIST = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';

/** Threads are only possible in a cross-origin isolated page (SharedArrayBuffer). */
export function wasmThreads(): number {
  return globalThis.crossOriginIsolated ? Math.max(1, navigator.hardwareConcurrency || 1) : 1;
}

let tfWasmPathsSet = false;

/**
 * The tfjs-wasm pool's threads as the page's ?tfjsThreads= says: a policy of src/engine/backend/cpuThreads.ts
 * ('half' = tfjs's own default, 'all', 'all-but-one'), default the engine's (what the worker starts with).
 */
function tfjsThreadPolicy(): CpuThreadPolicy {
  const asked = new URLSearchParams(location.search).get('tfjsThreads') ?? CPU_PATH_THREAD_POLICY;
  if (!(CPU_THREAD_POLICIES as readonly string[]).includes(asked)) throw new Error(`tfjsThreads=${asked}: one of ${CPU_THREAD_POLICIES.join(', ')}`);
  return asked as CpuThreadPolicy;
}

/** Makes a tfjs backend active (the wasm binaries come from the installed package, see TFJS_WASM_DIST). */
export async function useTfBackend(name: 'webgpu' | 'wasm'): Promise<void> {
  if (name === 'wasm' && !tfWasmPathsSet) {
    setWasmPaths(TFJS_WASM_DIST);
    tfWasmPathsSet = true;
    // The pool is made once, at the backend's first start, as the worker makes it.
    const threads = cpuPathThreads(navigator.hardwareConcurrency, tfjsThreadPolicy());
    if (!(await startWasmPool(threads, () => tf.setBackend(name)))) throw new Error(`the tfjs ${name} backend did not start`);
    // The engine's CPU kernels' threads (the CPU pool): as many as XNNPACK's, as the worker does, unless ?heatThreads=N says.
    const heatThreads = new URLSearchParams(location.search).get('heatThreads');
    await startPooledKernels(heatThreads === null ? threads : Number(heatThreads));
  }
  if (!(await tf.setBackend(name))) throw new Error(`the tfjs ${name} backend did not start`);
  await tf.ready();
}

async function loadEngine(kind: RuntimeKind, pair: ModelPair): Promise<LoadedRuntime> {
  const backend = kind === 'engine-cpu' ? 'wasm' : 'webgpu';
  await useTfBackend(backend);
  // engine-cpu runs as the playground's CPU fallback does: 'auto' (the TypeScript heat kernel for small maps).
  const impl: HeatImpl = kind === 'engine-wgsl' ? 'kernel' : kind === 'engine-cpu' ? 'auto' : 'tfjs';
  const file = await loadModelFile(pair.pth, pair.pthFile, pair.meta.weights ? { weights: pair.meta.weights } : {});
  const model: HeatModel = buildModel(file.config, file.weights);
  const [, c, h, w] = pair.meta.anchor.shape;
  const params: LoadedRuntime['params'] = { backend, heatOp: impl };
  if (backend === 'wasm') {
    params.simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    // What XNNPACK really runs with (1 to 8; 1 without cross-origin isolation).
    params.threads = getThreadsCount();
    params.threadPolicy = tfjsThreadPolicy();
  }
  return {
    kind,
    params,
    async run(inputNchw) {
      const logits = tf.tidy(() => model.predict(tf.tensor4d(nchwToNhwc(inputNchw, 1, c, h, w), [1, h, w, c]), { heatImpl: impl }));
      try {
        return (await logits.data()) as Float32Array;
      } finally {
        logits.dispose();
      }
    },
    async dispose() {
      model.dispose();
    },
  };
}

type Ort = typeof import('onnxruntime-web');

async function loadOrt(kind: 'ort-webgpu' | 'ort-wasm', pair: ModelPair): Promise<LoadedRuntime> {
  // Two entries, as a user would pick: the WebGPU build, or the smaller CPU-only wasm build.
  // Imported by URL from the package's dist folder, not as a bare specifier: Vite's dependency optimizer would
  // discover a bare import only when the suite runs, re-bundle, and invalidate the modules the page already has.
  const entry = kind === 'ort-webgpu' ? 'ort.webgpu.bundle.min.mjs' : 'ort.wasm.bundle.min.mjs';
  const ort = (await import(/* @vite-ignore */ `${ORT_DIST}${entry}`)) as Ort;
  ort.env.wasm.wasmPaths = ORT_DIST;
  // ?ortThreads=all (default): every logical core, the strongest ORT this page allows; ?ortThreads=default: ORT's
  // own choice (min(4, ceil(cores / 2)) when isolated, else 1), read back after the session starts.
  const threadPolicy = new URLSearchParams(location.search).get('ortThreads') ?? 'all';
  if (threadPolicy !== 'all' && threadPolicy !== 'default') throw new Error(`ortThreads=${threadPolicy}: 'all' or 'default'`);
  if (threadPolicy === 'all') ort.env.wasm.numThreads = wasmThreads();
  ort.env.wasm.proxy = false;
  const session = await ort.InferenceSession.create(pair.onnx, {
    executionProviders: [kind === 'ort-webgpu' ? 'webgpu' : 'wasm'],
    graphOptimizationLevel: 'all',
  });
  const dims = pair.meta.anchor.shape;
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  return {
    kind,
    params: { ep: kind === 'ort-webgpu' ? 'webgpu' : 'wasm', threads: ort.env.wasm.numThreads ?? 1, threadPolicy, simd: true, ortVersion: ort.env.versions.web ?? '?' },
    async run(inputNchw) {
      const input = new ort.Tensor('float32', inputNchw, dims);
      const out = await session.run({ [inputName]: input });
      const logits = out[outputName];
      try {
        return new Float32Array((await logits.getData()) as Float32Array);
      } finally {
        logits.dispose();
      }
    },
    async dispose() {
      await session.release();
    },
  };
}

export async function loadRuntime(kind: RuntimeKind, pair: ModelPair): Promise<LoadedRuntime> {
  if (kind === 'ort-webgpu' || kind === 'ort-wasm') return loadOrt(kind, pair);
  return loadEngine(kind, pair);
}

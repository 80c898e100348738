// Cost against map size of the token mixers vHeat is compared with: the heat operator (matrix passes: separable
// cosine transforms, O(N^1.5) in tokens N = side^2; the fast DCT, O(N log N)), global self-attention (O(N^2)), window
// attention in 7x7 windows (O(N)) and a 7x7 depthwise convolution (O(N)), all at one channel count. Per operator
// and side: the median time of a call (each call ends with a read-back of its output, so GPU work is finished) and
// the tfjs memory a call takes above what was allocated before it (tf.profile's peak). A curve stops after the first
// side whose median call exceeds the time cap, before a side whose largest intermediate would exceed the memory cap, or at an
// error, and says which. Pure tfjs on whatever backend is active: the bench suite (bench/suites/cost-vs-size.ts)
// and the page's worker both call it.

import * as tf from '@tensorflow/tfjs';
import { heatConduction, type HeatImpl } from '../ops/heat/heatConduction';
import { globalAttention, windowAttention, type AttentionParams } from '../models/layers/attention';
import { depthwiseConvSame } from '../models/layers/conv';
import { AnalysisInputError } from './errors';
import { fitExponent } from './powerLaw';

export type CostOperator = 'heat-matrix' | 'heat-fast' | 'global-attention' | 'window-attention' | 'depthwise-conv';

export const COST_OPERATORS: readonly CostOperator[] = ['heat-matrix', 'heat-fast', 'global-attention', 'window-attention', 'depthwise-conv'];

/** The cost each operator's algorithm predicts, as time ~ N^exponent (N log N counted as exponent 1). */
export const COST_THEORY: Record<CostOperator, { exponent: number; law: string }> = {
  'heat-matrix': { exponent: 1.5, law: 'O(N^1.5): a cosine transform along each axis, side^3 per channel' },
  'heat-fast': { exponent: 1, law: 'O(N log N): fast cosine transforms' },
  'global-attention': { exponent: 2, law: 'O(N^2): every token against every token' },
  'window-attention': { exponent: 1, law: 'O(N): 49 tokens per 7x7 window' },
  'depthwise-conv': { exponent: 1, law: 'O(N): 49 taps per token and channel' },
};

export interface CostPoint {
  side: number;
  /** Tokens N = side^2. */
  tokens: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
  /** tfjs bytes allocated above the level before the call, at the call's peak (NaN when tf.profile failed). */
  peakBytes: number;
}

export interface CostStop {
  /** The first side not measured. */
  side: number;
  reason: 'time' | 'memory' | 'unavailable' | 'error';
  detail: string;
}

export interface CostCurve {
  operator: CostOperator;
  /** What ran: e.g. 'wgsl-matrix', 'tfjs matMul', 'tfjs ops'. */
  implementation: string;
  theory: { exponent: number; law: string };
  points: CostPoint[];
  stopped: CostStop | null;
  /** Least-squares slope of log(median) against log(N); NaN under two points. */
  exponent: number;
}

export interface CostProgress {
  operator: CostOperator;
  side: number;
  /** Points finished (measured or skipped) of all operators and sides. */
  done: number;
  total: number;
}

export interface CostOptions {
  sides?: number[];
  channels?: number;
  heads?: number;
  window?: number;
  operators?: readonly CostOperator[];
  runs?: number;
  warmup?: number;
  /** A curve stops after the first side whose median call takes longer (timed runs stop at twice this in total). */
  timeCapMs?: number;
  /** A curve stops before a side whose largest intermediate tensor would be bigger. */
  memoryCapBytes?: number;
  onProgress?: (p: CostProgress) => void;
  /** Checked between calls: when aborted, the curves so far come back with cancelled: true. */
  signal?: { readonly aborted: boolean };
  now?: () => number;
}

export interface CostResult {
  backend: string;
  channels: number;
  heads: number;
  window: number;
  runs: number;
  timeCapMs: number;
  memoryCapBytes: number;
  curves: CostCurve[];
  cancelled: boolean;
}

export const COST_DEFAULTS = {
  sides: [14, 28, 56, 112, 128],
  channels: 96,
  heads: 3,
  window: 7,
  runs: 5,
  warmup: 1,
  timeCapMs: 2000,
  memoryCapBytes: 1 << 30,
} as const;

const MAX_SIDE = 1024;
const MAX_CHANNELS = 1024;
const MAX_RUNS = 100;

type Settings = Required<Omit<CostOptions, 'onProgress' | 'signal' | 'now'>>;

function checkedSettings(o: CostOptions): Settings {
  const s: Settings = {
    sides: o.sides ?? [...COST_DEFAULTS.sides],
    channels: o.channels ?? COST_DEFAULTS.channels,
    heads: o.heads ?? COST_DEFAULTS.heads,
    window: o.window ?? COST_DEFAULTS.window,
    operators: o.operators ?? COST_OPERATORS,
    runs: o.runs ?? COST_DEFAULTS.runs,
    warmup: o.warmup ?? COST_DEFAULTS.warmup,
    timeCapMs: o.timeCapMs ?? COST_DEFAULTS.timeCapMs,
    memoryCapBytes: o.memoryCapBytes ?? COST_DEFAULTS.memoryCapBytes,
  };
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (s.sides.length === 0 || s.sides.length > 32 || !s.sides.every((v) => int(v, 1, MAX_SIDE))) throw new AnalysisInputError(`sides must be 1 to 32 integers from 1 to ${MAX_SIDE}`);
  if (!int(s.channels, 1, MAX_CHANNELS)) throw new AnalysisInputError(`channels must be an integer from 1 to ${MAX_CHANNELS}`);
  if (!int(s.heads, 1, s.channels) || s.channels % s.heads !== 0) throw new AnalysisInputError(`heads must divide the ${s.channels} channels`);
  if (!int(s.window, 1, 64)) throw new AnalysisInputError('window must be an integer from 1 to 64');
  if (!int(s.runs, 1, MAX_RUNS) || !int(s.warmup, 0, MAX_RUNS)) throw new AnalysisInputError(`runs (1 to ${MAX_RUNS}) and warmup (0 to ${MAX_RUNS}) must be integers`);
  if (!(s.timeCapMs > 0) || !(s.memoryCapBytes > 0)) throw new AnalysisInputError('the time and memory caps must be positive');
  if (!s.operators.every((op) => COST_OPERATORS.includes(op))) throw new AnalysisInputError(`operators must be among ${COST_OPERATORS.join(', ')}`);
  s.sides = [...new Set(s.sides)].sort((a, b) => a - b);
  return s;
}

/** Bytes of an operator's largest intermediate at a side (float32): what the memory cap is checked against. */
export function largestIntermediateBytes(op: CostOperator, side: number, s: Pick<Settings, 'channels' | 'heads' | 'window'>): number {
  const n = side * side;
  const map = n * s.channels * 4;
  if (op === 'global-attention') return s.heads * n * n * 4;
  if (op === 'window-attention') {
    const padded = Math.ceil(side / s.window) * s.window;
    return s.heads * padded * padded * s.window * s.window * 4;
  }
  return map;
}

function denseOf(c: number, seed: number): AttentionParams['q'] {
  return { weight: tf.randomNormal([c, c], 0, 1 / Math.sqrt(c), 'float32', seed) as tf.Tensor2D, bias: tf.zeros([c]) as tf.Tensor1D };
}

/** The call measured for one operator at one side, with the fixed inputs it owns; dispose() frees them. */
interface Workload {
  implementation: string;
  call: () => tf.Tensor;
  dispose: () => void;
}

function heatWorkload(op: 'heat-matrix' | 'heat-fast', x: tf.Tensor4D, side: number, c: number): Workload | string {
  const onWebgpu = tf.getBackend() === 'webgpu';
  if (op === 'heat-fast' && !onWebgpu) return `the fast DCT is a WebGPU kernel; the '${tf.getBackend()}' backend has none`;
  const impl: HeatImpl = onWebgpu ? (op === 'heat-fast' ? 'wgsl-fast' : 'wgsl-matrix') : 'tfjs';
  const rate = tf.randomUniform([side, side, c], 0, 3, 'float32', 2) as tf.Tensor3D;
  return { implementation: impl === 'tfjs' ? 'tfjs matMul' : impl, call: () => heatConduction(x, rate, 0.5, impl), dispose: () => rate.dispose() };
}

function workloadFor(op: CostOperator, x: tf.Tensor4D, side: number, s: Settings): Workload | string {
  const c = s.channels;
  if (op === 'heat-matrix' || op === 'heat-fast') return heatWorkload(op, x, side, c);
  if (op === 'depthwise-conv') {
    const filter = tf.randomNormal([7, 7, c, 1], 0, 1 / 7, 'float32', 3) as tf.Tensor4D;
    const bias = tf.zeros([c]) as tf.Tensor1D;
    return { implementation: 'tfjs depthwiseConv2d', call: () => depthwiseConvSame(x, filter, bias), dispose: () => tf.dispose([filter, bias]) };
  }
  const p: AttentionParams = { q: denseOf(c, 4), k: denseOf(c, 5), v: denseOf(c, 6), proj: denseOf(c, 7) };
  const dispose = () => tf.dispose([p.q, p.k, p.v, p.proj].flatMap((d) => [d.weight, d.bias]));
  if (op === 'global-attention') return { implementation: 'tfjs matMul + softmax', call: () => globalAttention(x, p, s.heads), dispose };
  const w = s.window;
  const pad = Math.ceil(side / w) * w - side;
  // Sides that are not a multiple of the window are zero-padded at the bottom/right first, as Swin does.
  const call = () => tf.tidy(() => windowAttention(pad ? tf.pad(x, [[0, 0], [0, pad], [0, pad], [0, 0]]) : x, p, s.heads, w));
  return { implementation: 'tfjs matMul + softmax', call, dispose };
}

async function timedCall(w: Workload, now: () => number): Promise<number> {
  const t0 = now();
  const out = w.call();
  try {
    await out.data();
  } finally {
    out.dispose();
  }
  return now() - t0;
}

async function peakBytesOf(w: Workload): Promise<number> {
  try {
    const before = tf.memory().numBytes;
    const info = await tf.profile(() => {
      const out = w.call();
      out.dispose();
    });
    return Math.max(0, info.peakBytes - before);
  } catch {
    return NaN;
  }
}

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * One side of one operator: warm-up calls (untimed: they include compiling the GPU programs, seconds on SwiftShader),
 * then timed runs while their total stays within two time caps (at least one), then the memory profile. The curve
 * stops when the median is over the cap, so one slow call on a loaded machine does not end it.
 */
async function measurePoint(w: Workload, side: number, s: Settings, now: () => number, aborted: () => boolean): Promise<CostPoint | null> {
  for (let i = 0; i < s.warmup; i++) {
    await timedCall(w, now);
    if (aborted()) return null;
  }
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < s.runs && (samples.length === 0 || spent <= 2 * s.timeCapMs)) {
    const ms = await timedCall(w, now);
    samples.push(ms);
    spent += ms;
    if (aborted()) return null;
  }
  return pointOf(side, samples, await peakBytesOf(w));
}

function pointOf(side: number, samplesMs: number[], peakBytes: number): CostPoint {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { side, tokens: side * side, medianMs: median(sorted), minMs: sorted[0], maxMs: sorted[sorted.length - 1], samplesMs, peakBytes };
}

const MB = 1024 * 1024;

async function measureCurve(op: CostOperator, s: Settings, opts: CostOptions, progress: (side: number) => void): Promise<{ curve: CostCurve; cancelled: boolean }> {
  const now = opts.now ?? (() => performance.now());
  const aborted = () => opts.signal?.aborted === true;
  const curve: CostCurve = { operator: op, implementation: '', theory: COST_THEORY[op], points: [], stopped: null, exponent: NaN };
  for (const side of s.sides) {
    if (aborted()) return { curve, cancelled: true };
    if (curve.stopped) {
      progress(side);
      continue;
    }
    const bytes = largestIntermediateBytes(op, side, s);
    if (bytes > s.memoryCapBytes) {
      curve.stopped = { side, reason: 'memory', detail: `its largest intermediate would take ${(bytes / MB).toFixed(0)} MB, over the ${(s.memoryCapBytes / MB).toFixed(0)} MB cap` };
      progress(side);
      continue;
    }
    const x = tf.randomUniform([1, side, side, s.channels], -1, 1, 'float32', 1) as tf.Tensor4D;
    const w = workloadFor(op, x, side, s);
    try {
      if (typeof w === 'string') {
        curve.stopped = { side, reason: 'unavailable', detail: w };
        continue;
      }
      curve.implementation = w.implementation;
      const point = await measurePoint(w, side, s, now, aborted);
      if (!point) return { curve, cancelled: true };
      curve.points.push(point);
      const next = s.sides.find((v) => v > side);
      if (point.medianMs > s.timeCapMs && next !== undefined) {
        curve.stopped = { side: next, reason: 'time', detail: `a call at side ${side} took ${point.medianMs.toFixed(0)} ms (median), over the ${s.timeCapMs} ms cap` };
      }
    } catch (e) {
      curve.stopped = { side, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
    } finally {
      if (typeof w !== 'string') w.dispose();
      x.dispose();
      progress(side);
    }
  }
  return { curve, cancelled: false };
}

/** Every curve, operator by operator, sides in increasing order. Leaves tf.memory().numTensors as it was. */
export async function measureCostVsSize(opts: CostOptions = {}): Promise<CostResult> {
  const s = checkedSettings(opts);
  const total = s.operators.length * s.sides.length;
  let done = 0;
  const curves: CostCurve[] = [];
  let cancelled = false;
  for (const op of s.operators) {
    const progress = (side: number) => opts.onProgress?.({ operator: op, side, done: ++done, total });
    const r = await measureCurve(op, s, opts, progress);
    r.curve.exponent = r.curve.points.length >= 2 ? fitExponent(r.curve.points.map((p) => p.tokens), r.curve.points.map((p) => p.medianMs)) : NaN;
    curves.push(r.curve);
    if (r.cancelled) {
      cancelled = true;
      break;
    }
  }
  const { channels, heads, window, runs, timeCapMs, memoryCapBytes } = s;
  return { backend: tf.getBackend(), channels, heads, window, runs, timeCapMs, memoryCapBytes, curves, cancelled };
}

// One resource budget for the page, the worker and the command line: before a forward pass, an ERF or an image
// decode starts, its peak memory and time are estimated from the model's config and the input's size, and work over
// the budget (src/engine/limits.ts: defaults, ceilings) is refused with a typed error naming the file, the estimate
// and the limit. The estimates are deliberately simple (counted tensors times a factor measured on this project's
// readers and models, BENCHMARKS.md: resource-budget); they bound the work, they do not predict it to the byte.
import type { ModelConfig } from './config';
import { modelGmacs } from './backend/modelCost';
import { InputError } from './errors';
import { DEFAULT_MEMORY_BUDGET_BYTES, DEFAULT_TIME_BUDGET_S, MAX_MEMORY_BUDGET_BYTES, MAX_TIME_BUDGET_S } from './limits';

export interface ResourceBudget {
  memoryBytes: number;
  seconds: number;
}

export interface ResourceEstimate {
  bytes: number;
  seconds: number;
}

/** The default memory budget here: DEFAULT_MEMORY_BUDGET_BYTES, or an eighth of a browser's navigator.deviceMemory
 *  when that is more (the page's worker on a desktop; Node has no deviceMemory). */
export function defaultMemoryBudget(): number {
  const gb = (globalThis as { navigator?: { deviceMemory?: unknown } }).navigator?.deviceMemory;
  return typeof gb === 'number' && gb > 0 ? Math.max(DEFAULT_MEMORY_BUDGET_BYTES, (gb * 1024 ** 3) / 8) : DEFAULT_MEMORY_BUDGET_BYTES;
}

let budget: ResourceBudget = { memoryBytes: defaultMemoryBudget(), seconds: DEFAULT_TIME_BUDGET_S };

/** The budget every check reads (the command line's --memory-budget / --time-budget set it once at start). */
export function resourceBudget(): ResourceBudget {
  return budget;
}

/** Raises or lowers the budget, within the ceilings; returns the previous one (tests restore it). */
export function setResourceBudget(next: Partial<ResourceBudget>): ResourceBudget {
  const previous = budget;
  budget = {
    memoryBytes: Math.min(next.memoryBytes ?? budget.memoryBytes, MAX_MEMORY_BUDGET_BYTES),
    seconds: Math.min(next.seconds ?? budget.seconds, MAX_TIME_BUDGET_S),
  };
  return previous;
}

/**
 * Live float32 tensors per activation value at a block's peak: the block input, the depthwise output, the 2C
 * in-projection, the heat operator's planes (transform along H, then W, the rate), the MLP's hidden (mlpRatio x C)
 * and its output, with tfjs's intermediates. Calibrated against measured peaks (BENCHMARKS.md: resource-budget).
 */
const FORWARD_TENSORS_PER_VALUE = 14;
/** An ERF keeps every block's activations for the backward pass, and the backward pass doubles them. */
const GRADIENT_TENSORS_PER_VALUE = 36;
/** Multiply-adds per second assumed for the CPU path (tfjs-wasm with the engine's kernels, one core of a small
 *  machine; BENCHMARKS.md: resource-budget). An ERF's gradient measured 40x a forward pass there (tfjs-wasm's
 *  backward kernels, some borrowed from its plain-JS CPU backend). */
const CPU_GMACS_PER_S = 1.5;
const GRADIENT_TIME_FACTOR = 40;

/** Activation values (per image) at each stage: H/4 x W/4 x C0, halved per stage. */
function stageValues(config: ModelConfig, h: number, w: number): number[] {
  let hs = Math.ceil(h / 4);
  let ws = Math.ceil(w / 4);
  return config.dims.map((c, i) => {
    if (i > 0) {
      hs = Math.ceil(hs / 2);
      ws = Math.ceil(ws / 2);
    }
    return hs * ws * c * (1 + config.mlpRatio / 4);
  });
}

/**
 * Peak memory and time of a forward pass ('forward') or an ERF ('gradient') of `batch` images of h x w. `onWebGpu`:
 * the work runs on WebGPU, whose time the CPU path's rate does not predict: only memory is estimated then (0 s).
 */
export function modelWorkEstimate(config: ModelConfig, batch: number, h: number, w: number, kind: 'forward' | 'gradient', onWebGpu = false): ResourceEstimate {
  const values = stageValues(config, h, w);
  const stem = h * w * 3 + (h / 2) * (w / 2) * (config.dims[0] / 2) * 2;
  const perImage = kind === 'forward'
    ? Math.max(stem, ...values) * FORWARD_TENSORS_PER_VALUE
    : (stem + values.reduce((sum, v, i) => sum + v * Math.max(1, config.depths[i]), 0)) * GRADIENT_TENSORS_PER_VALUE;
  const gmacs = modelGmacs(config, h, w) * batch * (kind === 'forward' ? 1 : GRADIENT_TIME_FACTOR);
  return { bytes: batch * perImage * 4, seconds: onWebGpu ? 0 : gmacs / CPU_GMACS_PER_S };
}

/** True when a forward pass of `batch` h x w images is over the budget (the command line then runs a smaller batch). */
export function forwardOverBudget(config: ModelConfig, batch: number, h: number, w: number): boolean {
  const e = modelWorkEstimate(config, batch, h, w, 'forward');
  return e.bytes > budget.memoryBytes || e.seconds > budget.seconds;
}

/** Refuses one h x w input of `file` whose forward pass alone is over the budget. */
export function checkForwardBudget(file: string, config: ModelConfig, h: number, w: number): void {
  checkBudget(file, `a forward pass of one ${h}x${w} input`, modelWorkEstimate(config, 1, h, w, 'forward'));
}

/** Bytes and seconds per pixel of decoding, by format (the command line's pure-JS decoders; measured: a 40 MP
 *  16-bit PNG peaks at 1.3-1.5 GB in 13-21 s, a 40 MP JPEG at 0.8 GB). A browser's decoder is no cheaper in memory. */
const DECODE_COST: Record<string, { bytesPerPixel: number; secondsPerPixel: number }> = {
  png: { bytesPerPixel: 36, secondsPerPixel: 0.45e-6 },
  jpeg: { bytesPerPixel: 20, secondsPerPixel: 0.25e-6 },
  gif: { bytesPerPixel: 12, secondsPerPixel: 0.1e-6 },
  webp: { bytesPerPixel: 12, secondsPerPixel: 0.1e-6 },
};

/** Peak memory and time of decoding a width x height image of `format`. */
export function decodeEstimate(format: string, width: number, height: number): ResourceEstimate {
  const cost = DECODE_COST[format] ?? DECODE_COST.png;
  return { bytes: width * height * cost.bytesPerPixel, seconds: width * height * cost.secondsPerPixel };
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2)} MB`;
const sec = (s: number) => `${s < 10 ? s.toFixed(1) : Math.ceil(s)} s`;

/** Refuses `what` (named after `file`) when its estimate is over the budget: code 'too-large', the estimate, the limit. */
export function checkBudget(file: string, what: string, estimate: ResourceEstimate, limit: ResourceBudget = budget): void {
  const overMemory = estimate.bytes > limit.memoryBytes;
  const overTime = estimate.seconds > limit.seconds;
  if (!overMemory && !overTime) return;
  const parts = [
    overMemory ? `~${mb(estimate.bytes)} of memory, over the ${mb(limit.memoryBytes)} budget (--memory-budget)` : '',
    overTime ? `~${sec(estimate.seconds)}, over the ${sec(limit.seconds)} budget (--time-budget)` : '',
  ].filter((p) => p !== '');
  throw new InputError(file, `${what} needs ${parts.join(' and ')}`, 'too-large');
}

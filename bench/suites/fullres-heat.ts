// Full-resolution heat view (src/app/features/fullres/FullResolutionHeat.tsx, engine: src/engine/analysis/fullResolutionHeat.ts):
//  - step: one frame of the image diffused at its own resolution, heatConduction([1,H,W,3], rate [H,W,3]) through the
//    view's entry point (visitDiffusedFrames, WGSL on webgpu) plus the RGBA conversion and read-back the worker does;
//  - playback: the page's draw of the next precomputed frame (drawImage of an ImageBitmap into a canvas at the
//    image's resolution, as FrameCanvas does), one per requestAnimationFrame, timed over 60 animation frames.
// Options: sizes=256x192,1024x768 restricts the step sizes (default 256x192, 512x384, 1024x768). backend=wasm: the CPU
// path instead (tfjs-wasm): the step through 'auto' (what the worker runs: the TypeScript kernel on the fast DCT,
// cpuFastDct.ts) and through 'tfjs' (the matMuls by the cosine matrices that 'auto' ran there before), alternating in
// rounds, no playback rows (drawing does not depend on the backend).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { frameToRgba, rateOnImageGrid, visitDiffusedFrames, type ImagePlanes } from '../../src/engine/analysis/fullResolutionHeat';
import type { HeatImpl } from '../../src/engine/ops/heat/heatConduction';
import { pooledRow } from '../../src/benchmark/measure';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

/** A 1024x768 step is ~17 GFLOP with the O(N^1.5) matrix DCT: minutes on SwiftShader, so fewer runs there. */
const SIZES: { w: number; h: number; warmup: number; runs: number }[] = [
  { w: 256, h: 192, warmup: 1, runs: 10 },
  { w: 512, h: 384, warmup: 1, runs: 3 },
  { w: 1024, h: 768, warmup: 0, runs: 2 },
];
const PLAYBACK_TICKS = 60;

function planes(w: number, h: number): ImagePlanes {
  // A smooth pattern plus a hard edge (the values do not change the timing).
  const data = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = (x > w / 2 ? 0.8 : 0.2) + 0.1 * Math.sin((x + c * 7) / 9) * Math.cos(y / 13);
  return { height: h, width: w, data };
}

async function stepRow(ctx: BenchContext, w: number, h: number, warmup: number, runs: number, keep: Uint8ClampedArray[], impl: HeatImpl = 'kernel'): Promise<BenchRow> {
  const p = planes(w, h);
  const rate = rateOnImageGrid(h, w, 10);
  try {
    return await ctx.measure(`step ${w}x${h}x3`, { width: w, height: h, planes: 3, impl }, async () => {
      await visitDiffusedFrames(p, rate, [1], async (frame) => {
        const rgba = await frameToRgba(frame);
        if (keep.length === 0) keep.push(rgba);
      }, impl);
    }, { warmup, runs });
  } finally {
    rate.dispose();
  }
}

/** ms per animation frame while drawing a new stack frame on every one (26 bitmaps, as the view holds). */
async function playbackRow(ctx: BenchContext, rgba: Uint8ClampedArray, w: number, h: number): Promise<BenchRow> {
  const bitmaps = await Promise.all(Array.from({ length: 26 }, (_, i) => {
    const copy = new Uint8ClampedArray(rgba);
    for (let j = 0; j < copy.length; j += 4) copy[j] = (copy[j] + i * 9) & 255; // distinct frames
    return createImageBitmap(new ImageData(copy, w, h));
  }));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.style.width = '640px';
  document.body.append(canvas);
  const g = canvas.getContext('2d')!;
  try {
    return await ctx.measure(`playback ${w}x${h}: ${PLAYBACK_TICKS} animation frames`, { width: w, height: h, ticks: PLAYBACK_TICKS }, () => new Promise<void>((resolve) => {
      let i = 0;
      const tick = () => {
        g.drawImage(bitmaps[i % bitmaps.length], 0, 0);
        if (++i < PLAYBACK_TICKS) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    }), { warmup: 1, runs: 10 });
  } finally {
    canvas.remove();
    bitmaps.forEach((b) => b.close());
  }
}

const CPU_ROUNDS = 3;

/** The CPU path's rows: the step through 'auto' (fast DCT) and 'tfjs' (matMuls), alternating, pooled per impl. */
async function cpuPathRows(ctx: BenchContext, sizes: typeof SIZES): Promise<BenchRow[]> {
  await ctx.useBackend('wasm');
  const rows: BenchRow[] = [];
  for (const { w, h, runs } of sizes) {
    const parts: Record<'auto' | 'tfjs', BenchRow[]> = { auto: [], tfjs: [] };
    for (let round = 0; round < CPU_ROUNDS; round++) {
      for (const impl of ['auto', 'tfjs'] as const) parts[impl].push(await stepRow(ctx, w, h, round === 0 ? 1 : 0, Math.max(2, Math.ceil(runs / 2)), [], impl));
    }
    const [fast, matrix] = [pooledRow(parts.auto), pooledRow(parts.tfjs)];
    fast.name = `step ${w}x${h}x3 wasm auto (fast DCT)`;
    matrix.name = `step ${w}x${h}x3 wasm tfjs (matMuls)`;
    fast.params = { ...fast.params, backend: 'wasm', speedupVsMatMuls: Number((matrix.medianMs / fast.medianMs).toFixed(2)) };
    matrix.params = { ...matrix.params, backend: 'wasm' };
    ctx.log(`${w}x${h}x3 on wasm: auto ${fast.medianMs.toFixed(1)} ms, matMuls ${matrix.medianMs.toFixed(1)} ms, x${fast.params.speedupVsMatMuls}`);
    rows.push(fast, matrix);
  }
  return rows;
}

export default async function fullresHeat(ctx: BenchContext): Promise<BenchRow[]> {
  const only = ctx.options.sizes?.split(',');
  const sizes = only ? SIZES.filter((s) => only.includes(`${s.w}x${s.h}`)) : SIZES;
  if (only && sizes.length !== only.length) throw new Error(`sizes=${ctx.options.sizes}: each must be one of ${SIZES.map((s) => `${s.w}x${s.h}`).join(', ')}`);
  if (ctx.options.backend === 'wasm') return cpuPathRows(ctx, sizes);
  if (ctx.options.backend !== undefined) throw new Error(`backend=${ctx.options.backend}: only wasm (default: webgpu)`);
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  const rows: BenchRow[] = [];
  for (const { w, h, warmup, runs } of sizes) {
    const keep: Uint8ClampedArray[] = [];
    const row = await stepRow(ctx, w, h, warmup, runs, keep);
    rows.push(row);
    ctx.log(`${row.name}: ${row.medianMs.toFixed(0)} ms per frame, a 26-frame stack ~${((26 * row.medianMs) / 1000).toFixed(1)} s`);
    const play = await playbackRow(ctx, keep[0], w, h);
    play.params.framesPerSecond = Number(((1000 * PLAYBACK_TICKS) / play.medianMs).toFixed(1));
    ctx.log(`${play.name}: ${play.params.framesPerSecond} frames/s`);
    rows.push(play);
  }
  return rows;
}

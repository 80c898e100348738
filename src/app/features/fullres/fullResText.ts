// The full-resolution view's words: frame labels, numbers as shown, and the caption under the frames (also
// written into the exported PNG and video).
import type { FullResResult } from '../../worker/protocol';

export const formatK = (k: number) => String(Number(k.toPrecision(2)));
export const formatTime = (t: number) => (t === 0 ? '0' : t < 0.1 ? t.toPrecision(2) : String(Number(t.toPrecision(3))));

export function frameLabel(r: FullResResult, i: number): string {
  const t = r.times[Math.min(i, r.times.length - 1)];
  return r.mode.kind === 'hcnet' ? `step n = ${t} (spectral: t = ${t} steps)` : `t = ${formatTime(t)}`;
}

/** One or two plain sentences per mode: what the picture shows and how to read it. */
export function captionLines(r: FullResResult, index: number, maxSide: number): string[] {
  const t = r.times[Math.min(index, r.times.length - 1)];
  const size = `${r.imageName}: ${r.sourceWidth} × ${r.sourceHeight} px, diffused at ${r.width} × ${r.height} (long side capped at ${maxSide} px).`;
  if (r.mode.kind === 'uniform') {
    const spread = Math.sqrt(2 * r.mode.k * t);
    return [
      `Each colour plane of the image is a temperature map left to conduct heat (du/dt = k ∇²u, insulated borders), solved exactly with the DCT heat operator; brightness is only moved, never lost.`,
      `By this t a sharp detail has spread over about √(2kt) = ${spread.toPrecision(2)} px (k = ${formatK(r.mode.k)}).`,
      size,
    ];
  }
  if (r.mode.kind === 'learned' && r.learned) {
    const l = r.learned;
    return [
      `Each cosine pattern (n, m) of the image fades as it does in block ${r.mode.stage + 1}.${r.mode.block + 1}'s own ${l.trainedSide} × ${l.trainedSide} map, with the k that block learned (mean of ${l.channels} channels, ${l.blockRange[0].toPrecision(2)} to ${l.blockRange[1].toPrecision(2)} at diffusivity scale ${l.scale.toPrecision(2)}).`,
      `Patterns finer than the block's map keep the k of its finest ones, so they fade faster than anything the block sees. t = 1 is one pass of the block's operator.`,
      size,
    ];
  }
  const h = r.hcnet!;
  return [
    `Left: HcNet's step (each pixel moves α = ${h.alpha.toPrecision(2)} of the way to its 8 neighbours' mean) repeated n times. Right: the heat equation it approximates, solved exactly (k = 3α/8 = ${h.k.toPrecision(2)} per step).`,
    `The step is stable only for α ≤ α_max = ${h.alphaMax.toPrecision(3)} (computed on a ${h.proxyWidth} × ${h.proxyHeight} map of this shape); above it the finest checkerboard grows every step.`,
    size,
  ];
}


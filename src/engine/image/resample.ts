// Separable image resampling with the semantics of Pillow's Image.resize (ImagingResample, 8-bit path):
// antialiased (the filter widens by the scale factor when shrinking), coefficients normalised per output
// pixel and rounded to fixed point, horizontal pass first, the intermediate image rounded to 8 bits.
// This is what torchvision's Resize does to a PIL image, so models see the pixels they were trained on.

export type ResampleFilter = 'bicubic' | 'bilinear';

/** Fixed-point precision of Pillow's 8-bit resampler (32 - 8 - 2 bits). */
const PRECISION_BITS = 22;

const FILTERS: Record<ResampleFilter, { support: number; fn: (x: number) => number }> = {
  bicubic: {
    support: 2,
    fn: (x) => {
      const a = -0.5; // Pillow's cubic constant
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
  bilinear: {
    support: 1,
    fn: (x) => {
      const t = Math.abs(x);
      return t < 1 ? 1 - t : 0;
    },
  },
};

export interface ResampleCoefficients {
  /** Taps per output pixel. */
  ksize: number;
  /** First input index of each output pixel. */
  start: Int32Array;
  /** Number of taps used by each output pixel. */
  count: Int32Array;
  /** Fixed-point weights, ksize per output pixel. */
  weights: Int32Array;
}

/** Taps per output pixel of an axis inSize -> outSize (the coefficient table holds outSize of them). */
export function resampleTaps(inSize: number, outSize: number, filter: ResampleFilter): number {
  return Math.ceil(FILTERS[filter].support * Math.max(inSize / outSize, 1)) * 2 + 1;
}

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for an axis inSize -> outSize. */
export function resampleCoefficients(inSize: number, outSize: number, filter: ResampleFilter): ResampleCoefficients {
  const { support: baseSupport, fn } = FILTERS[filter];
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = baseSupport * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // C casts truncate toward zero; both values are >= -0.5 + something here, so trunc matches.
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const w = fn((x + xmin - center + 0.5) / filterScale);
      k[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? k[x] / ww : k[x];
      // normalize_coeffs_8bpc: round half away from zero to fixed point.
      weights[xx * ksize + x] = v < 0 ? Math.trunc(-0.5 + v * (1 << PRECISION_BITS)) : Math.trunc(0.5 + v * (1 << PRECISION_BITS));
    }
    start[xx] = xmin;
    count[xx] = xmax;
  }
  return { ksize, start, count, weights };
}

function clip8(acc: number): number {
  // acc carries the rounding half (1 << (PRECISION_BITS - 1)); arithmetic shift as in C.
  const v = Math.floor(acc / (1 << PRECISION_BITS));
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Resizes an interleaved 8-bit image with `channels` channels from (w, h) to (outW, outH).
 * Exact integer arithmetic (all partial sums stay far below 2^53).
 */
export function resample8(
  src: Uint8Array | Uint8ClampedArray,
  w: number,
  h: number,
  channels: number,
  outW: number,
  outH: number,
  filter: ResampleFilter,
): Uint8Array {
  const half = 1 << (PRECISION_BITS - 1);
  let cur: Uint8Array | Uint8ClampedArray = src;
  let curW = w;
  if (outW !== w) {
    const c = resampleCoefficients(w, outW, filter);
    const out = new Uint8Array(outW * h * channels);
    for (let y = 0; y < h; y++) {
      const row = y * w * channels;
      for (let xx = 0; xx < outW; xx++) {
        const s = c.start[xx];
        const n = c.count[xx];
        const wo = xx * c.ksize;
        for (let ch = 0; ch < channels; ch++) {
          let acc = half;
          for (let t = 0; t < n; t++) acc += cur[row + (s + t) * channels + ch] * c.weights[wo + t];
          out[(y * outW + xx) * channels + ch] = clip8(acc);
        }
      }
    }
    cur = out;
    curW = outW;
  }
  if (outH !== h) {
    const c = resampleCoefficients(h, outH, filter);
    const out = new Uint8Array(curW * outH * channels);
    const stride = curW * channels;
    for (let yy = 0; yy < outH; yy++) {
      const s = c.start[yy];
      const n = c.count[yy];
      const wo = yy * c.ksize;
      for (let i = 0; i < stride; i++) {
        let acc = half;
        for (let t = 0; t < n; t++) acc += cur[(s + t) * stride + i] * c.weights[wo + t];
        out[yy * stride + i] = clip8(acc);
      }
    }
    cur = out;
  }
  return cur === src ? Uint8Array.from(src) : (cur as Uint8Array);
}

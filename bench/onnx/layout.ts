// NCHW <-> NHWC for a single image batch: ONNX models take NCHW, the engine NHWC.

export function nchwToNhwc(x: Float32Array, b: number, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let n = 0; n < b; n++) {
    for (let ch = 0; ch < c; ch++) {
      for (let y = 0; y < h; y++) {
        const src = ((n * c + ch) * h + y) * w;
        const dst = (n * h + y) * w * c + ch;
        for (let xx = 0; xx < w; xx++) out[dst + xx * c] = x[src + xx];
      }
    }
  }
  return out;
}

/** Standard-normal float32 values from a seeded generator (mulberry32 + Box-Muller). */
export function seededNormal(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = Math.max(uniform(), 1e-12);
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

export function freshSeed(): number {
  return (Math.random() * 2 ** 31) >>> 0;
}

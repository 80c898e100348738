// Numbers for colour bars and axes: "nice" tick values (1, 2, 5 x 10^k steps) and short labels.

/** Ticks between lo and hi (inclusive ends), about `count` of them, at 1/2/5 x 10^k steps; lo and hi always included. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The 1/2/5 step whose number of intervals is nearest to count - 1.
  const steps = [1, 2, 5, 10].map((m) => m * mag);
  const step = steps.reduce((best, s) => (Math.abs((hi - lo) / s - (count - 1)) < Math.abs((hi - lo) / best - (count - 1)) ? s : best));
  const ticks: number[] = [lo];
  // Inner ticks at multiples of the step, kept 0.8 of a step off the ends so labels do not collide.
  for (let v = Math.ceil(lo / step) * step; v < hi; v += step) {
    if (v - lo > step * 0.8 && hi - v > step * 0.8) ticks.push(Number(v.toPrecision(12)));
  }
  ticks.push(hi);
  return ticks;
}

/** A short label: 3 significant digits, exponent form outside 1e-3..1e4, exact 0. */
export function formatTick(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v === 0 ? 0 : v);
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/** Log-spaced ticks for a positive range: the powers of ten inside it, plus the ends. */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0 && hi > lo)) return niceTicks(lo, hi);
  const out = [lo];
  for (let e = Math.ceil(Math.log10(lo)); 10 ** e < hi; e++) {
    const v = 10 ** e;
    if (v / lo > 1.5 && hi / v > 1.5) out.push(v);
  }
  out.push(hi);
  return out;
}

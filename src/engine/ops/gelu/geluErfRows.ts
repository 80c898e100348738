// The exact (erf) GELU's arithmetic over a float32 array, with no tfjs in it: the GELU kernel (geluCpuKernel.ts) runs
// it on the calling thread, and the CPU pool's helper threads (ops/cpuPool) run shares of it.

/**
 * gelu(u) = 0.5 u (1 + erf(u / sqrt 2)), written as 0.5 u + 0.5 |u| erf(|u| / sqrt 2) (u erf(u) is even) so there
 * is no branch, with erf(v) = 1 - 1 / p(v)^16, p a degree-6 polynomial (Abramowitz & Stegun 7.1.28): |error| of
 * erf <= 3e-7 on v >= 0, so |error| of gelu <= 1.5e-7 |u|, about one float32 ULP of u; no exp and one division.
 */
export function geluErfRows(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const u = x[i];
    const a = Math.abs(u);
    const v = a * Math.SQRT1_2;
    // p(v) in Estrin's form (independent pairs, not one chain of 6 multiply-adds): 12-20 % faster in Chromium's V8
    // than Horner's on 1.2 M values (a scratch timing of both in the same page), the same float64 value to ~1e-16.
    const v2 = v * v;
    const v4 = v2 * v2;
    let p = 1 + 0.0705230784 * v + v2 * (0.0422820123 + 0.0092705272 * v) + v4 * (0.0001520143 + 0.0002765672 * v + v2 * 0.0000430638);
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    out[i] = 0.5 * u + a * (0.5 - 0.5 / p);
  }
}

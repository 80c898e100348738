// WGSL shared by the two fast-DCT programs (heatFastDctProgram.ts: the FFT in each invocation's private array;
// heatFftWorkgroupProgram.ts: in workgroup memory): where a line starts, Makhoul's order, and the algebra of two real
// lines through one complex FFT (fastDctPair in fastDctReference.ts, in float64). Line l of x viewed as
// [outer, N, inner] starts at lineStart(l); the forward pass loads line a as the real part and line b as the
// imaginary part and splits the Hermitian halves after the FFT; the inverse loads the Hermitian H_a + i H_b and gets
// the two real lines as the real and imaginary parts. Both programs declare uniforms lineLen, innerLen, rateRows,
// applyDecay, decayScale and the inputs `rates` and `result` with lanes of the same type.

/** struct Cx (one complex value per lane) and the pair functions, for lanes of type `lane` (f32 or vec4<f32>). */
export function fastDctPairWgsl(lane: string): string {
  return `
  // A complex value per lane: real and imaginary parts of one channel (f32) or of four (vec4).
  struct Cx { re : ${lane}, im : ${lane} };

  fn makhoulIndex(k : i32, n : i32) -> i32 {
    if (k < (n + 1) / 2) { return 2 * k; }
    return 2 * (n - 1 - k) + 1;
  }

  fn lineStart(l : i32) -> i32 {
    let inner = uniforms.innerLen;
    return (l / inner) * uniforms.lineLen * inner + l % inner;
  }

  fn rateStart(l : i32) -> i32 {
    let inner = uniforms.innerLen;
    return ((l / inner) % uniforms.rateRows) * uniforms.lineLen * inner + l % inner;
  }

  // Inverse input: H_a + i H_b at k, H[k] = (w[k] X[k] + conj(w[-k]) X[-k]) / 2 (Hermitian, so its FFT is real);
  // a, aNeg = line a at k and -k, w, wn = the post-twiddles at k and -k.
  fn hermitianPair(a : ${lane}, aNeg : ${lane}, b : ${lane}, bNeg : ${lane}, w : vec2<f32>, wn : vec2<f32>) -> Cx {
    let ha = Cx(0.5 * (w.x * a + wn.x * aNeg), 0.5 * (w.y * a - wn.y * aNeg));
    let hb = Cx(0.5 * (w.x * b + wn.x * bNeg), 0.5 * (w.y * b - wn.y * bNeg));
    return Cx(ha.re - hb.im, ha.im + hb.re);
  }

  // Forward output k of the pair from the spectrum z = Z[k], y = Z[-k] and w = w[k]: V_a = (Z[k] + conj Z[-k]) / 2,
  // V_b = (Z[k] - conj Z[-k]) / 2i, coefficient = Re(w[k] V), times the decay; written to lines a (and b if hasB).
  fn storeForwardPair(a0 : i32, b0 : i32, ra : i32, rb : i32, hasB : bool, k : i32, z : Cx, y : Cx, w : vec2<f32>) {
    let inner = uniforms.innerLen;
    var ca = 0.5 * (w.x * (z.re + y.re) - w.y * (z.im - y.im));
    var cb = 0.5 * (w.x * (z.im + y.im) - w.y * (y.re - z.re));
    if (uniforms.applyDecay != 0) {
      ca = ca * exp(-uniforms.decayScale * rates[ra + k * inner]);
      cb = cb * exp(-uniforms.decayScale * rates[rb + k * inner]);
    }
    result[a0 + k * inner] = ca;
    if (hasB) { result[b0 + k * inner] = cb; }
  }
`;
}

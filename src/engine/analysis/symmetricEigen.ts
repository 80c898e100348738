// Eigen-decompositions of real symmetric matrices in float64 (pure JS, no tensors).
// Used for the PCA colour basis (covariance of channel vectors) and the HcNet stability bound.

import { AnalysisInputError } from './errors';

export interface EigenPairs {
  /** Eigenvalues, in descending order. */
  values: Float64Array;
  /** Eigenvectors as rows (vector i = vectors[i*n .. i*n+n)), unit length, each one's largest-|.| entry positive. */
  vectors: Float64Array;
}

function checkSquare(a: ArrayLike<number>, n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new AnalysisInputError(`${what}: expected a ${n}x${n} matrix, got ${a.length} values`);
  }
}

/** Flips a unit vector so that its entry of largest magnitude is positive (a stable sign choice). */
function fixSign(v: Float64Array, offset: number, n: number): void {
  let best = 0;
  for (let i = 1; i < n; i++) if (Math.abs(v[offset + i]) > Math.abs(v[offset + best])) best = i;
  if (v[offset + best] < 0) for (let i = 0; i < n; i++) v[offset + i] = -v[offset + i];
}

/**
 * All eigenpairs by the cyclic Jacobi method. O(n^3) per sweep: meant for n up to a few hundred.
 * The input is read, never modified; only its upper triangle matters after symmetrisation.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): EigenPairs {
  checkSquare(a, n, 'symmetricEigen');
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
  const v = new Float64Array(n * n); // columns are eigenvectors while iterating
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(m[i]));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    // Stop when the off-diagonal mass is at float64 rounding level relative to the matrix.
    if (Math.sqrt(off) <= 1e-15 * n * scale || scale === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, row) => {
    values[row] = m[col * n + col];
    for (let k = 0; k < n; k++) vectors[row * n + k] = v[k * n + col];
    fixSign(vectors, row * n, n);
  });
  return { values, vectors };
}

/** Z = Q A for the p rows of Q (A symmetric, so row i of Z is A q_i), one pass over A. */
function blockTimesMatrix(a: Float64Array, n: number, q: Float64Array, p: number, z: Float64Array): void {
  z.fill(0);
  for (let r = 0; r < n; r++) {
    const row = r * n;
    for (let i = 0; i < p; i++) {
      const qi = q[i * n + r];
      if (qi === 0) continue;
      const zi = i * n;
      for (let c = 0; c < n; c++) z[zi + c] += qi * a[row + c];
    }
  }
}

/** Orthonormalises the p rows of q (each of length n) in place by modified Gram-Schmidt (twice, for stability). */
function orthonormaliseRows(q: Float64Array, p: number, n: number): void {
  let replacement = 0;
  for (let i = 0; i < p; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let d = 0;
        for (let k = 0; k < n; k++) d += q[i * n + k] * q[j * n + k];
        for (let k = 0; k < n; k++) q[i * n + k] -= d * q[j * n + k];
      }
    }
    let norm = 0;
    for (let k = 0; k < n; k++) norm += q[i * n + k] * q[i * n + k];
    norm = Math.sqrt(norm);
    if (norm < 1e-150 && replacement < n) {
      // Direction lost (rank-deficient matrix): restart it from the next unit vector e_r and redo.
      q.fill(0, i * n, i * n + n);
      q[i * n + replacement++] = 1;
      i--;
      continue;
    }
    for (let k = 0; k < n; k++) q[i * n + k] /= norm;
  }
}

/**
 * The k eigenpairs of largest eigenvalue of a symmetric positive semi-definite matrix (a covariance),
 * by subspace iteration with Rayleigh-Ritz on a block of k + 8 vectors. Deterministic start.
 * Small matrices (n <= 64) go straight to Jacobi.
 */
export function topEigenpairs(matrix: ArrayLike<number>, n: number, k: number, maxIterations = 150): EigenPairs {
  const a = Float64Array.from(matrix);
  checkSquare(a, n, 'topEigenpairs');
  if (!Number.isInteger(k) || k < 1 || k > n) throw new AnalysisInputError(`topEigenpairs: k=${k} for n=${n}`);
  if (n <= 64) {
    const all = symmetricEigen(a, n);
    return { values: all.values.slice(0, k), vectors: all.vectors.slice(0, k * n) };
  }
  const p = Math.min(n, k + 8);
  const q = new Float64Array(p * n);
  // Deterministic pseudo-random start (a fixed LCG): results do not depend on call order.
  let state = 12345;
  for (let i = 0; i < q.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    q[i] = state / 4294967296 - 0.5;
  }
  orthonormaliseRows(q, p, n);
  const z = new Float64Array(p * n);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]));
  let values: Float64Array = new Float64Array(p);
  for (let it = 0; it < maxIterations; it++) {
    blockTimesMatrix(a, n, q, p, z);
    // Rayleigh-Ritz: T = Q A Q^T (p x p), rotate the block onto T's eigenvectors.
    const t = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let c = 0; c < n; c++) s += q[i * n + c] * z[j * n + c];
        t[i * p + j] = s;
      }
    }
    const small = symmetricEigen(t, p);
    values = small.values;
    const rotatedQ = new Float64Array(p * n);
    const rotatedZ = new Float64Array(p * n);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const w = small.vectors[i * p + j];
        if (w === 0) continue;
        for (let c = 0; c < n; c++) {
          rotatedQ[i * n + c] += w * q[j * n + c];
          rotatedZ[i * n + c] += w * z[j * n + c];
        }
      }
    }
    // Residual ||A q_i - lambda_i q_i|| of the wanted k pairs, relative to the matrix scale.
    let worst = 0;
    for (let i = 0; i < k; i++) {
      let r = 0;
      for (let c = 0; c < n; c++) {
        const d = rotatedZ[i * n + c] - values[i] * rotatedQ[i * n + c];
        r += d * d;
      }
      worst = Math.max(worst, Math.sqrt(r));
    }
    q.set(rotatedQ);
    // 1e-7 of the largest diagonal: below what a display basis needs. Where the spectrum has no gap
    // after the k-th value the iteration stops at maxIterations; the block then spans the top directions
    // only approximately, which a colour basis tolerates (the near-tied directions carry equal variance).
    if (worst <= 1e-7 * Math.max(scale, 1e-300) || scale === 0) break;
    z.set(rotatedZ);
    orthonormaliseRows(z, p, n);
    q.set(z);
  }
  const vectors = q.slice(0, k * n);
  for (let i = 0; i < k; i++) fixSign(vectors, i * n, n);
  return { values: values.slice(0, k), vectors };
}

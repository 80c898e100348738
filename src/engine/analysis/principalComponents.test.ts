import { describe, expect, it } from 'vitest';
import { principalBasis, projectOnBasis } from './principalComponents';
import { symmetricEigen, topEigenpairs } from './symmetricEigen';
import { testSeed, gaussian, seededRandom } from '../ops/testing/testRandom';

/** Random orthogonal n x n matrix (rows) by Gram-Schmidt on Gaussian rows. */
function randomOrthogonal(n: number, normal: () => number): Float64Array {
  const q = new Float64Array(n * n).map(() => normal());
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let d = 0;
      for (let k = 0; k < n; k++) d += q[i * n + k] * q[j * n + k];
      for (let k = 0; k < n; k++) q[i * n + k] -= d * q[j * n + k];
    }
    let s = 0;
    for (let k = 0; k < n; k++) s += q[i * n + k] ** 2;
    for (let k = 0; k < n; k++) q[i * n + k] /= Math.sqrt(s);
  }
  return q;
}

/** A = Q^T diag(values) Q, eigenvectors = rows of Q. */
function fromSpectrum(q: Float64Array, values: number[], n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let e = 0; e < n; e++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += values[e] * q[e * n + i] * q[e * n + j];
  return a;
}

function absDot(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let d = 0;
  for (let k = 0; k < n; k++) d += a[ao + k] * b[bo + k];
  return Math.abs(d);
}

describe('symmetric eigen-decomposition', () => {
  it('Jacobi recovers a known spectrum and eigenvectors', () => {
    const seed = testSeed('jacobi known matrix');
    const normal = gaussian(seededRandom(seed));
    const n = 12;
    const q = randomOrthogonal(n, normal);
    const values = Array.from({ length: n }, (_, i) => 10 - i * 0.75);
    const { values: got, vectors } = symmetricEigen(fromSpectrum(q, values, n), n);
    // float64 Jacobi on a well-separated spectrum: ~1e-13 attainable, 1e-9 leaves slack.
    values.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 9));
    for (let i = 0; i < n; i++) expect(absDot(vectors, i * n, q, i * n, n)).toBeCloseTo(1, 9);
  });

  it('subspace iteration finds the top 3 of a 150 x 150 covariance', () => {
    const seed = testSeed('subspace known matrix');
    const normal = gaussian(seededRandom(seed));
    const n = 150;
    const q = randomOrthogonal(n, normal);
    const values = Array.from({ length: n }, (_, i) => (i < 3 ? 9 - 2 * i : 2 * Math.exp(-i / 20)));
    const { values: got, vectors } = topEigenpairs(fromSpectrum(q, values, n), n, 3);
    // residual r <= 1e-7 * 9: eigenvalues off by ~r^2 / gap ~ 1e-12, vectors by ~r / gap ~ 1e-6 (1 - dot ~ 1e-12)
    for (let i = 0; i < 3; i++) {
      expect(got[i]).toBeCloseTo(values[i], 8);
      expect(absDot(vectors, i * n, q, i * n, n)).toBeCloseTo(1, 7);
    }
  });
});

describe('PCA of channel vectors', () => {
  it('finds planted directions and projects on them', () => {
    const seed = testSeed('pca planted');
    const normal = gaussian(seededRandom(seed));
    const channels = 8;
    const points = 4000;
    const q = randomOrthogonal(channels, normal);
    const sd = [5, 3, 2, 0.1, 0.1, 0.1, 0.1, 0.1];
    const mean = Array.from({ length: channels }, () => normal() * 4);
    const coords = new Float64Array(points * channels);
    const data = new Float64Array(points * channels);
    for (let p = 0; p < points; p++) {
      for (let e = 0; e < channels; e++) coords[p * channels + e] = normal() * sd[e];
      for (let c = 0; c < channels; c++) {
        let v = mean[c];
        for (let e = 0; e < channels; e++) v += coords[p * channels + e] * q[e * channels + c];
        data[p * channels + c] = v;
      }
    }
    const basis = principalBasis(data, points, channels, 3);
    // 4000 samples: sample variances within a few % of sd^2. Direction error between components i, j is
    // ~sqrt(l_i l_j / ((l_i - l_j)^2 N)) = 0.019 rad for the 3 vs 2 pair: 0.99 (0.14 rad) is > 5 sigma.
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(basis.variances[i] / sd[i] ** 2 - 1)).toBeLessThan(0.1);
      expect(absDot(basis.components, i * channels, q, i * channels, channels)).toBeGreaterThan(0.99);
    }
    const proj = projectOnBasis(data, points, basis);
    // The projection's variance along component i is its eigenvalue (exactly, up to float32 rounding).
    for (let i = 0; i < 3; i++) {
      let m = 0;
      let s = 0;
      for (let p = 0; p < points; p++) m += proj[p * 3 + i];
      m /= points;
      for (let p = 0; p < points; p++) s += (proj[p * 3 + i] - m) ** 2;
      expect(Math.abs(m)).toBeLessThan(1e-4 * sd[0]);
      expect(s / points / basis.variances[i]).toBeCloseTo(1, 4);
    }
  });

  it('caps k at the channel count and fixes signs deterministically', () => {
    const data = [1, 0, -1, 0, 2, 0, -2, 0];
    const basis = principalBasis(data, 4, 2, 3);
    expect(basis.variances.length).toBe(2);
    expect(Array.from(basis.components.slice(0, 2))).toEqual([1, 0]);
  });
});

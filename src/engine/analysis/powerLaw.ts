// Power-law fit of measured costs: y ~ x^exponent, least squares on the logs (the benchmark plots' fitted lines
// and the cost-against-size curves' exponents).

import { AnalysisInputError } from './errors';

export interface PowerLaw {
  /** NaN with fewer than two distinct x. */
  exponent: number;
  /** The fitted line's value at x. */
  at: (x: number) => number;
}

export function fittedPowerLaw(x: number[], y: number[]): PowerLaw {
  if (x.length !== y.length) throw new AnalysisInputError('fittedPowerLaw: x and y differ in length');
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  const exponent = sxx > 0 ? sxy / sxx : NaN;
  return { exponent, at: (v) => Math.exp(my + exponent * (Math.log(v) - mx)) };
}

/** Least-squares slope of log(y) against log(x): the exponent of y ~ x^k. */
export function fitExponent(x: number[], y: number[]): number {
  return fittedPowerLaw(x, y).exponent;
}

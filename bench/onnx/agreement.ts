// When two runtimes count as agreeing: every runtime's logits within 1e-3 of the reference's max |logit|.

/** The comparison's rule (not a float32 error estimate): outputs count as equal when max |a - ref| <= 1e-3 * max |ref|. */
export const LOGIT_TOLERANCE = 1e-3;

export interface Agreement {
  runtime: string;
  reference: string;
  maxAbsDiff: number;
  maxAbsRef: number;
  /** maxAbsDiff / maxAbsRef. */
  relative: number;
  ok: boolean;
}

export function compareLogits(runtime: string, actual: ArrayLike<number>, reference: string, ref: ArrayLike<number>): Agreement {
  if (actual.length !== ref.length) throw new Error(`${runtime}: ${actual.length} logits, ${reference} has ${ref.length}`);
  let maxAbsDiff = 0;
  let maxAbsRef = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(actual[i] - ref[i]);
    // NaN must fail, so compare with a negated test.
    if (!(d <= maxAbsDiff)) maxAbsDiff = Number.isNaN(d) ? Infinity : d;
    maxAbsRef = Math.max(maxAbsRef, Math.abs(ref[i]));
  }
  const relative = maxAbsRef > 0 ? maxAbsDiff / maxAbsRef : maxAbsDiff;
  return { runtime, reference, maxAbsDiff, maxAbsRef, relative, ok: relative <= LOGIT_TOLERANCE };
}

/** Throws, listing every failing runtime, when any comparison failed. */
export function requireAgreement(what: string, results: Agreement[]): void {
  const bad = results.filter((r) => !r.ok);
  if (bad.length) {
    const lines = bad.map((r) => `${r.runtime} vs ${r.reference}: max |diff| ${r.maxAbsDiff.toExponential(3)} = ${r.relative.toExponential(3)} of max |logit| ${r.maxAbsRef.toFixed(4)} (limit ${LOGIT_TOLERANCE})`);
    throw new Error(`${what}: outputs differ, no time is reported:\n  ${lines.join('\n  ')}`);
  }
}

// Class probabilities from logits and the top k of them: one softmax and one ranking for the page and the CLI.

/** Softmax of one row of logits, in float64 (shifted by the largest logit, so no exp overflows). */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const out = Float64Array.from(logits, (l) => Math.exp(l - max));
  let sum = 0;
  for (const e of out) sum += e;
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

export interface ClassScore {
  index: number;
  label: string;
  logit: number;
  probability: number;
}

/** The k classes of largest logit (ties: the lower index first), with their softmax probabilities and labels. */
export function topK(logits: ArrayLike<number>, labels: readonly string[], k: number): ClassScore[] {
  const p = softmax(logits);
  return Array.from(p, (probability, index) => ({ index, label: labels[index] ?? `class ${index}`, logit: logits[index], probability }))
    .sort((a, b) => b.logit - a.logit || a.index - b.index)
    .slice(0, k);
}

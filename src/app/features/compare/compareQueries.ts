// The comparison view's engine query: the ERF of the page's ERF point (default the centre) at the chosen stage,
// in every bundled model of the loaded model's domain.
import { engine } from '../../engine';
import { defineQuery } from '../../query/query';
import { getApp } from '../../store';
import type { BundledModelEntry, ComparisonResult, RequestMap } from '../../worker/protocol';
import { erfPoint } from '../erf/erfPoint';
import { comparisonEntries } from './comparisonEntries';

export const comparisonErfQuery = defineQuery<RequestMap['comparisonErf']['req'], ComparisonResult>({
  name: 'the ERF in every model',
  // No words here: an empty label is the view's 'loading the models and computing their ERFs', in the page's language.
  busy: { label: '', fraction: null },
  request: (s) => {
    const entries = comparisonEntries(s.bundledModels, s.model?.id ?? null);
    if (!s.model || !s.image || entries.length === 0) return null;
    const point = erfPoint(s.probe, s.image.inputSize);
    return { entries, stage: s.stage, row: point.row, col: point.col, side: s.image.inputSize, diffusivity: s.diffusivity };
  },
  key: (r, s) => [s.image, s.bundledModels, s.model?.id, r.stage, r.row, r.col, r.diffusivity],
  resetOn: (s) => [s.model?.id, s.image],
  run: (r, run) => engine().call('comparisonErf', r, (fraction, label) => run.progress(fraction, label)),
});

/** The paper's ERF (centre cell, averaged over the sample images) in every listed model: on a button, not a query. */
export function averageComparison(entries: BundledModelEntry[], onProgress: (fraction: number, label: string) => void): Promise<ComparisonResult> {
  const { stage, diffusivity, samples } = getApp();
  return engine().call('comparisonErfAverage', { entries, stage, urls: samples.map((s) => s.url), diffusivity }, onProgress);
}

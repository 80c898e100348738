// The prediction: top-5 classes of the cached forward pass's logits.
import { softmax, topK } from '../../../engine/models/classScores';
import type { DiffusivityScale } from '../../../engine/models/types';
import type { PredictResult } from '../protocol';
import { cachedForward, need, type EngineState } from '../state';

export async function predict(state: EngineState, diffusivity: DiffusivityScale): Promise<PredictResult> {
  const { info } = need(state);
  const t0 = performance.now();
  const logits = (await cachedForward(state, diffusivity).logits.data()) as Float32Array;
  const milliseconds = performance.now() - t0;
  let probabilitySum = 0;
  for (const p of softmax(logits)) probabilitySum += p;
  return {
    imageId: state.inputId,
    top: topK(logits, info.labels, 5).map(({ index, label, probability }) => ({ index, label, probability })),
    probabilitySum,
    milliseconds,
  };
}

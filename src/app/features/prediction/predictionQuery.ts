// The prediction follows the model, the image and the diffusivity scales.
import { engineAnswered } from '../../actions';
import { engine } from '../../engine';
import { defineQuery } from '../../query/query';

export const predictionQuery = defineQuery({
  name: 'the prediction',
  busy: { label: 'predicting', fraction: null },
  request: (s) => (s.model && s.image ? { diffusivity: s.diffusivity } : null),
  key: (r, s) => [s.model, s.image, r.diffusivity],
  // Another model's classes mean nothing for this one: its top-5 goes (an image's stays, marked stale).
  resetOn: (s) => [s.model],
  run: async (r) => {
    const prediction = await engine().coalesce('predict', 'predict', r);
    if (prediction) engineAnswered();
    return prediction;
  },
});

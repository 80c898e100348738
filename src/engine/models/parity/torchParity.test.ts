import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_CPU_SIDE_BACKENDS, useNodeBackend } from '../../ops/testing/nodeBackends';
import { buildModel } from '../model';
import { cases } from './cases';
import { caseInput, caseModel, torchOutputs } from './parityCase';
import { maxRelativeError } from '../../ops/testing/relativeError';

// The official PyTorch modules vs this engine on tfjs's CPU-side backends, 'cpu' and 'wasm' (the browser's CPU
// fallback), with the engine's fused TypeScript LayerNorm and GELU (float32 both): only summation order, the erf
// approximation (~1e-7) and exp/pow rounding differ (DCT as matMul vs conv1d, exp(-k w^2) vs pow(exp(-w^2), k)), ~1e-6 relative.
// 1e-4 of the largest magnitude leaves margin while any wrong layer, eps or layout gives > 1e-2.
const TOLERANCE = 1e-4;

describe.each(NODE_CPU_SIDE_BACKENDS)('PyTorch parity (tfjs %s backend)', (backend) => {
  beforeAll(async () => {
    await useNodeBackend(backend);
  });
  for (const c of cases) {
    it(c.name, () => {
      expect(tf.getBackend()).toBe(backend);
      const ref = torchOutputs(c.name);
      const { config, weights } = caseModel(c);
      const model = buildModel(config, weights);
      const input = tf.tensor4d(caseInput(c), c.inputShape);
      const r = model.forward(input);
      expect(r.logits.shape).toEqual(ref.logitsShape);
      r.stages.forEach((s, i) => {
        expect(s.shape).toEqual(ref.stages[i].shape);
        expect(maxRelativeError(s.dataSync(), ref.stages[i].data), `stage ${i}`).toBeLessThan(TOLERANCE);
      });
      const err = maxRelativeError(r.logits.dataSync(), ref.logits);
      console.log(backend, c.name, 'logits relative error', err.toExponential(2));
      expect(err).toBeLessThan(TOLERANCE);
      tf.dispose([input, r.logits, ...r.stages]);
      model.dispose();
    });
  }
});

// The python worker's PyTorch fixtures (fixtures/parity, tools/python/make_parity_fixtures.py): the official
// training-format checkpoint read by src/engine/weights, run here with capture, compared block by block with
// the PyTorch intermediates of block 0.0 (input, phi, k, rate, heat output, output) and every stage output.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nchwToNhwc, readNpy } from '../../../cli/npy';
import { loadModelFile } from '../../weights/index';
import { buildModel } from '../model';
import { maxRelativeError } from '../../ops/testing/relativeError';

const dir = new URL('../../../../fixtures/parity/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const npy = (name: string) => readNpy(read(name), name).data;

interface Manifest {
  cases: { name: string; files: { pth: string; input: string } }[];
  block: { case: string; stage: number; block: number; batchIndex: number; files: Record<string, string> };
  stages: { case: string; batchIndex: number; files: string[] };
}
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as Manifest;

// float32 on both sides (tfjs cpu vs PyTorch CPU), different summation orders: ~1e-6 relative to the largest
// magnitude; 1e-4 is the project-wide bound and far below the effect of any wrong layer.
const TOLERANCE = 1e-4;

/** Batch item `i` of an NHWC tensor's data. */
function item(t: tf.Tensor, i: number): Float32Array {
  const per = t.size / t.shape[0];
  return (t.dataSync() as Float32Array).slice(i * per, (i + 1) * per);
}

describe('official fixtures: block and stage intermediates', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it(`${manifest.block.case}: block ${manifest.block.stage}.${manifest.block.block} captures and stage outputs match PyTorch`, async () => {
    const c = manifest.cases.find((x) => x.name === manifest.block.case)!;
    const loaded = await loadModelFile(read(c.files.pth), c.files.pth, { weights: 'model' });
    const model = buildModel(loaded.config, loaded.weights);
    const x = nchwToNhwc(readNpy(read(c.files.input), c.files.input), c.files.input);
    const input = tf.tensor4d(x.data, x.shape);
    const r = model.forward(input, { capture: true });
    const { stage, block, batchIndex, files } = manifest.block;
    const cap = r.blocks.find((b) => b.stage === stage && b.block === block)!;
    const [, h, w] = cap.input.shape;
    const k = model.diffusivity(stage, block, h, w)!;
    const pairs: [string, Float32Array, string][] = [
      ['input', item(cap.input, batchIndex), files.input],
      ['phi', item(cap.phi!, batchIndex), files.phi],
      ['k', k.dataSync() as Float32Array, files.diffusivity],
      ['rate', cap.rate!.dataSync() as Float32Array, files.rate],
      ['heatOut', item(cap.heatOut!, batchIndex), files.heatOut],
      ['output', item(cap.output, batchIndex), files.output],
    ];
    for (const [what, got, file] of pairs) {
      const e = maxRelativeError(got, npy(file));
      console.log(`${what}: relative error ${e.toExponential(2)}`);
      expect(e, what).toBeLessThan(TOLERANCE);
    }
    expect(cap.scale).toBe(1);
    manifest.stages.files.forEach((file, i) => {
      expect(maxRelativeError(item(r.stages[i], manifest.stages.batchIndex), npy(file)), `stage ${i}`).toBeLessThan(TOLERANCE);
    });
    tf.dispose([input, k, r.logits, ...r.stages]);
    for (const b of r.blocks) tf.dispose([b.input, b.output, b.phi!, b.rate!, b.heatOut!]);
    model.dispose();
  });
});

// The bundled Fashion-MNIST models (public/models) on this project's engine (tfjs CPU backend, Node) against
// PyTorch (fixtures/fashion, written by tools/python/export_fashion.py from the training checkpoints):
// preprocessing of the first 100 test images, their logits, and the model metadata.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocess } from '../../src/engine/image/preprocess';
import { argmaxRows, BUNDLED, greyToRgba, loadBundled, predictGrey, type BundledName } from './fashionEngine';
import { readNpy } from './npy';

const FIX = 'fixtures/fashion';
interface FashionManifest {
  labels: string[];
  first100Labels: number[];
  models: Record<string, {
    testTop1: number; maxAbsLogit100: number; epochs: number;
    preprocessing: { inputSize: number; mean: number[]; std: number[] };
    files: { logits100: string; resized: string };
  }>;
}
const manifest = JSON.parse(readFileSync(`${FIX}/manifest.json`, 'utf8')) as FashionManifest;
// Every model export_fashion.py has written (vHeat, HcNet and, once trained, the rivals ConvNeXt and ViT).
const NAMES = Object.keys(manifest.models) as BundledName[];
const images = readNpy(new Uint8Array(readFileSync(`${FIX}/test100.images.npy`)), 'test100.images.npy');

// Logits within 1e-4 of max |logit|. Both sides compute in float32 from identical inputs; they differ
// only in summation order (DCT as matMul, conv im2col), ~1e-6 relative.
const LOGIT_TOLERANCE = 1e-4;
// The normalised input: both sides compute (v/255 - mean)/std in float32 from the same uint8 value v.
const INPUT_TOLERANCE = 1e-6;

describe('bundled Fashion-MNIST models vs PyTorch', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(NAMES)('%s: preprocess reproduces Pillow bicubic 28 -> its input size on the 100 test images', (name) => {
    const p = manifest.models[name].preprocessing;
    const s = p.inputSize;
    const file = manifest.models[name].files.resized;
    const resized = readNpy(new Uint8Array(readFileSync(`${FIX}/${file}`)), file);
    let worst = 0;
    for (let i = 0; i < 100; i++) {
      const img = images.data.subarray(i * 784, (i + 1) * 784) as Uint8Array;
      const got = preprocess(greyToRgba(img, 28), { ...p, resizeTo: s, grayscale: true, interpolation: 'bicubic' } as never).data;
      for (let j = 0; j < s * s; j++) {
        const want = (resized.data[i * s * s + j] / 255 - p.mean[0]) / p.std[0];
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got[j * 3 + c] - want));
      }
    }
    expect(worst).toBeLessThan(INPUT_TOLERANCE);
  });

  for (const name of NAMES) {
    it(`${name}: logits of the first 100 test images match PyTorch`, async () => {
      const info = manifest.models[name];
      const { file, model } = await loadBundled(BUNDLED[name]);
      expect(file.labels).toEqual(manifest.labels);
      expect(file.preprocessing.inputSize).toBe(info.preprocessing.inputSize);
      expect(file.provenance.testTop1).toBe(info.testTop1.toFixed(2));
      const want = (JSON.parse(readFileSync(`${FIX}/${info.files.logits100}`, 'utf8')) as number[][]).flat();
      // The first run may cache per-size constants (cosine matrices, neighbour counts) in the model; after
      // that, repeated inference must leave the tensor count flat.
      predictGrey(model, file, images.data.subarray(0, 784) as Uint8Array, 28);
      const before = tf.memory().numTensors;
      const got = predictGrey(model, file, images.data as Uint8Array, 28);
      expect(tf.memory().numTensors).toBe(before);
      let err = 0;
      for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
      console.log(`${name}: max |logit - torch| = ${err.toExponential(2)} (max |logit| ${info.maxAbsLogit100.toFixed(2)})`);
      expect(err).toBeLessThan(LOGIT_TOLERANCE * info.maxAbsLogit100);
      const preds = argmaxRows(got, 10);
      const correct = preds.filter((p, i) => p === manifest.first100Labels[i]).length;
      expect(correct).toBeGreaterThan(80); // a trained model, not a random one (~10)
      model.dispose();
    });
  }
});

// The bundled Fashion-MNIST models run by the project's own engine, as the app runs them: web-format file ->
// loadModelFile -> buildModel; a 28x28 grey image -> RGBA -> contract-D preprocess -> predict.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { preprocess } from '../../src/engine/image/preprocess';
import { buildModel, type HeatModel } from '../../src/engine/models/model';
import { loadModelFile, type LoadedModelFile } from '../../src/engine/weights/index';

export const BUNDLED = {
  vheat: 'public/models/vheat-fashion-mnist.safetensors',
  hcnet: 'public/models/hcnet-fashion-mnist.safetensors',
  convnext: 'public/models/convnext-fashion-mnist.safetensors',
  vit: 'public/models/vit-fashion-mnist.safetensors',
} as const;

export type BundledName = keyof typeof BUNDLED;

export async function loadBundled(path: string): Promise<{ file: LoadedModelFile; model: HeatModel }> {
  const file = await loadModelFile(new Uint8Array(readFileSync(path)), basename(path));
  return { file, model: buildModel(file.config, file.weights) };
}

/** A grey uint8 image (side x side) as the RGBA an image decoder gives for a grey PNG. */
export function greyToRgba(grey: Uint8Array, side: number): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = grey[i];
    data[4 * i + 3] = 255;
  }
  return { width: side, height: side, data };
}

/** Logits [n, classes] for n grey images (n x side x side, uint8), in batches; no tensors left behind. */
export function predictGrey(model: HeatModel, file: LoadedModelFile, images: Uint8Array, side: number, batch = 100): Float32Array {
  const n = images.length / (side * side);
  const s = file.preprocessing.inputSize;
  const classes = file.config.numClasses;
  const out = new Float32Array(n * classes);
  for (let b0 = 0; b0 < n; b0 += batch) {
    const m = Math.min(batch, n - b0);
    const x = new Float32Array(m * s * s * 3);
    for (let i = 0; i < m; i++) {
      const img = images.subarray((b0 + i) * side * side, (b0 + i + 1) * side * side);
      x.set(preprocess(greyToRgba(img, side), file.preprocessing).data, i * s * s * 3);
    }
    const logits = tf.tidy(() => model.predict(tf.tensor4d(x, [m, s, s, 3])));
    out.set(logits.dataSync(), b0 * classes);
    logits.dispose();
  }
  return out;
}

export function argmaxRows(logits: Float32Array, classes: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < logits.length / classes; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[r * classes + c] > logits[r * classes + best]) best = c;
    out.push(best);
  }
  return out;
}

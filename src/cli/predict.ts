// `vheat predict --model <file> [--size N] [--backend auto|cpu|wasm|webgpu] [--batch N] [--jsonl] <image|.npy|folder>...`
// Logits and top-5 of each input: one JSON document, or with --jsonl one JSON line per input as soon as its batch is
// done (for large runs). A .npy is an NCHW float32 tensor already normalised (compared with PyTorch as is); an image
// gets the model's own preprocessing; a folder stands for its images and .npy files. Inputs of one size run
// `--batch` at a time.

import * as tf from '@tensorflow/tfjs';
import { basename } from 'node:path';
import { topK, type ClassScore } from '../engine/models/classScores';
import type { HeatModel } from '../engine/models/model';
import { UsageError, flagInteger, parseArgs } from './args';
import { MODEL_BOOLEAN_FLAGS, MODEL_VALUED_FLAGS, modelOptions, openCommandModel } from './commandModel';
import { expandInputPaths, readModelInput } from './inputFiles';
import { progressLine } from './progress';
import { checkForwardBudget, forwardOverBudget } from '../engine/budget';

/** Images per forward pass unless --batch says otherwise. */
const DEFAULT_BATCH = 8;

export interface Prediction {
  input: string;
  logits: number[];
  top5: ClassScore[];
}

/** Collects single images of one size and runs them through the model `size` at a time. */
class PredictionBatcher {
  private labels: string[] = [];
  private parts: Float32Array[] = [];
  private side: [number, number] | null = null;

  constructor(
    private readonly model: HeatModel,
    private readonly classLabels: string[],
    private readonly size: number,
    private readonly emit: (p: Prediction) => void,
  ) {}

  async add(label: string, data: Float32Array, height: number, width: number): Promise<void> {
    if (this.side && (this.side[0] !== height || this.side[1] !== width)) await this.flush();
    // A batch that would go over the resource budget runs as it is first (the same logits, a smaller batch); one
    // image alone over the budget is refused, naming it.
    if (this.parts.length > 0 && forwardOverBudget(this.model.config, this.parts.length + 1, height, width)) await this.flush();
    checkForwardBudget(label, this.model.config, height, width);
    this.side = [height, width];
    this.labels.push(label);
    this.parts.push(data);
    if (this.parts.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.side || this.parts.length === 0) return;
    const [h, w] = this.side;
    const n = this.parts.length;
    const batch = new Float32Array(n * h * w * 3);
    this.parts.forEach((part, i) => batch.set(part, i * h * w * 3));
    const x = tf.tensor4d(batch, [n, h, w, 3]);
    const logits = this.model.predict(x);
    const values = Array.from(await logits.data());
    tf.dispose([x, logits]);
    const classes = values.length / n;
    this.labels.forEach((input, b) => {
      const row = values.slice(b * classes, (b + 1) * classes);
      this.emit({ input, logits: row, top5: topK(row, this.classLabels, 5) });
    });
    this.labels = [];
    this.parts = [];
  }
}

export async function predictCommand(argv: string[], out: (s: string) => void): Promise<Record<string, unknown> | null> {
  const p = parseArgs(argv, [...MODEL_VALUED_FLAGS, '--batch'], [...MODEL_BOOLEAN_FLAGS, '--jsonl']);
  const options = modelOptions(p, 'predict');
  if (p.positional.length === 0) throw new UsageError('predict needs at least one image, .npy or folder');
  const batchSize = flagInteger(p, '--batch', 1, 1024) ?? DEFAULT_BATCH;
  const jsonLines = p.flags.has('--jsonl');
  const paths = expandInputPaths(p.positional);
  const { file, model, preprocessing, backend } = await openCommandModel(options);
  const results: Prediction[] = [];
  const emit = jsonLines ? (r: Prediction) => out(`${JSON.stringify(r)}\n`) : (r: Prediction) => void results.push(r);
  const batcher = new PredictionBatcher(model, file.labels, batchSize, emit);
  const progress = progressLine('predict', 'files');
  try {
    for (let i = 0; i < paths.length; i++) {
      const input = readModelInput(paths[i], preprocessing);
      const [b, h, w, c] = input.shape;
      for (let k = 0; k < b; k++) await batcher.add(b > 1 ? `${input.name}#${k}` : input.name, input.data.subarray(k * h * w * c, (k + 1) * h * w * c), h, w);
      progress.update(i + 1, paths.length);
    }
    await batcher.flush();
  } finally {
    progress.end();
    model.dispose();
  }
  if (jsonLines) return null;
  return { model: basename(options.path), family: file.config.family, backend, preprocessing, results };
}

// Test-set accuracy of the bundled Fashion-MNIST models measured by this project's engine (tfjs CPU
// backend in Node, contract-D preprocessing from the raw 28x28 test images), compared with PyTorch's.
// Command: npx tsx tools/python/fashion_accuracy.ts [vheat|hcnet|convnext|vit ...] [--limit N] [--cpu]
// (default: every model in fixtures/fashion/manifest.json)
// (tfjs wasm backend by default; --cpu for the pure-JS one, much slower)
// Reads /usr/share/datasets/fashion-mnist/t10k-*.gz (Debian dataset-fashion-mnist) and fixtures/fashion.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { argmaxRows, BUNDLED, loadBundled, predictGrey, type BundledName } from './fashionEngine';

const DATA = '/usr/share/datasets/fashion-mnist';
const MAX_BYTES = 64 << 20;

function readIdx(path: string, magic: number): { dims: number[]; data: Uint8Array } {
  const raw = gunzipSync(readFileSync(path), { maxOutputLength: MAX_BYTES });
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (dv.getUint32(0) !== magic) throw new Error(`${path}: not an IDX file with magic ${magic.toString(16)}`);
  const nd = magic & 0xff;
  const dims = Array.from({ length: nd }, (_, i) => dv.getUint32(4 + 4 * i));
  const data = raw.subarray(4 + 4 * nd);
  if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${path}: size does not match its header`);
  return { dims, data };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const li = args.indexOf('--limit');
  const limit = li >= 0 ? Number(args[li + 1]) : Infinity;
  const names = args.filter((a, i) => !a.startsWith('--') && (li < 0 || i !== li + 1)) as BundledName[];
  const backend = args.includes('--cpu') ? 'cpu' : 'wasm';
  if (backend === 'wasm') {
    // tfjs-backend-wasm in Node reads its .wasm binaries from the installed package folder.
    setWasmPaths(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + '/');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} is not available`);
  const images = readIdx(`${DATA}/t10k-images-idx3-ubyte.gz`, 0x803);
  const labels = readIdx(`${DATA}/t10k-labels-idx1-ubyte.gz`, 0x801).data;
  const n = Math.min(limit, labels.length);
  const manifest = JSON.parse(readFileSync('fixtures/fashion/manifest.json', 'utf8')) as {
    models: Record<string, { testTop1: number; files: { predictions: string } }>;
  };
  for (const name of names.length ? names : (Object.keys(manifest.models) as BundledName[])) {
    const t0 = Date.now();
    const { file, model } = await loadBundled(BUNDLED[name]);
    const logits = predictGrey(model, file, images.data.subarray(0, n * 784), 28);
    const preds = argmaxRows(logits, file.config.numClasses);
    const torchPreds = JSON.parse(readFileSync(`fixtures/fashion/${manifest.models[name].files.predictions}`, 'utf8')) as number[];
    const correct = preds.filter((p, i) => p === labels[i]).length;
    const agree = preds.filter((p, i) => p === torchPreds[i]).length;
    const torchCorrect = torchPreds.slice(0, n).filter((p, i) => p === labels[i]).length;
    const acc = (100 * correct) / n;
    const torchAcc = (100 * torchCorrect) / n;
    console.log(`${name}: engine top-1 ${acc.toFixed(2)}% on ${n} test images, PyTorch ${torchAcc.toFixed(2)}% ` +
      `(diff ${(acc - torchAcc).toFixed(2)} points), same prediction on ${agree}/${n}, ${((Date.now() - t0) / 1000).toFixed(0)} s (${backend})`);
    model.dispose();
    if (Math.abs(acc - torchAcc) > 0.1) process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

// Writes the engine's random weights and seeded input of a seeded model (seededModels.ts) for the PyTorch anchor
// (tools/python/make_anchor.py runs this, then the reference model on them). Two files in --out-dir:
//   <model>.weights.safetensors  official state-dict names and shapes, float32, metadata {config, seeds, sha256}
//   <model>.input.safetensors    one tensor `input`, float32 NHWC [1, side, side, 3]
// Usage: tsx tools/anchor/writeAnchorWeights.ts --model vheat-t-224 --out-dir tools/python/work
// (vHeat-T: ~113 MB of weights, so git-ignored; only the anchor JSON is committed.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSafetensors, type TensorToWrite } from '../../src/engine/weights/safetensors';
import { float32Sha256, weightsSha256 } from './anchor';
import { INPUT_SEED, SEEDED_MODELS, WEIGHT_SEED, seededInput, seededWeights } from './seededModels';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const f32 = (name: string, shape: number[], data: Float32Array): TensorToWrite => ({
  name, dtype: 'F32', shape, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
});

const modelName = flag('--model', 'vheat-t-224');
const outDir = flag('--out-dir', 'tools/python/work');
const seeded = SEEDED_MODELS[modelName];
if (!seeded) throw new TypeError(`--model is one of ${Object.keys(SEEDED_MODELS).join(', ')}`);
const weights = seededWeights(seeded.config);
const input = seededInput(seeded.side);
const metadata = {
  model: modelName, config: JSON.stringify(seeded.config), weightSeed: String(WEIGHT_SEED), inputSeed: String(INPUT_SEED),
  weightsSha256: weightsSha256(weights), inputSha256: float32Sha256([input]),
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${modelName}.weights.safetensors`), writeSafetensors(Array.from(weights, ([name, t]) => f32(name, t.shape, t.data)), metadata));
writeFileSync(join(outDir, `${modelName}.input.safetensors`), writeSafetensors([f32('input', [1, seeded.side, seeded.side, 3], input)], metadata));
console.log(JSON.stringify(metadata));

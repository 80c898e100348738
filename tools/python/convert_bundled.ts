// Converts a trained Fashion-MNIST checkpoint to the web format with the project's own loader and writer
// (src/engine/weights: loadModelFile + toWebFormat), filling the metadata that export_fashion.py wrote:
// labels, preprocessing and provenance (training command, epochs, accuracy, data set, wall time).
// Command: npx tsx tools/python/convert_bundled.ts <in.pth> <meta.json> <out.safetensors>
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Preprocessing } from '../../src/engine/config';
import { loadModelFile, toWebFormat } from '../../src/engine/weights/index';

interface BundledMeta {
  labels: string[];
  preprocessing: Preprocessing;
  provenance: Record<string, string>;
  weights: 'ema' | 'model';
}

async function main(): Promise<void> {
  const [input, metaPath, output] = process.argv.slice(2);
  if (!input || !metaPath || !output) throw new Error('usage: convert_bundled.ts <in.pth> <meta.json> <out.safetensors>');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as BundledMeta;
  const m = await loadModelFile(new Uint8Array(readFileSync(input)), basename(input), { weights: meta.weights });
  if (meta.labels.length !== m.config.numClasses) throw new Error(`${meta.labels.length} labels for ${m.config.numClasses} classes`);
  const out = toWebFormat({
    ...m,
    labels: meta.labels,
    preprocessing: meta.preprocessing,
    provenance: { ...m.provenance, ...meta.provenance },
  });
  writeFileSync(output, out);
  console.log(`${output}: ${out.length} bytes, config ${JSON.stringify(m.config)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

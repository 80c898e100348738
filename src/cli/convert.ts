// `vheat convert <in.pth> -o <out.safetensors> [--weights ema|model] [--fp16] [--post-norm|--pre-norm] [--meta <file.json>]`

import { writeFileSync } from 'node:fs';
import { toWebFormat } from '../engine/weights/index';
import { UsageError, flagString, parseArgs } from './args';
import { applyMetadata, readMetadataFile } from './metadataFile';
import { loadModelFromDisk } from './modelFile';
import { postNormOption, weightsOption } from './options';

export async function convertCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, ['-o', '--output', '--weights', '--meta'], ['--fp16', '--post-norm', '--pre-norm']);
  if (p.positional.length !== 1) throw new UsageError('convert takes one input file');
  const out = flagString(p, '-o') ?? flagString(p, '--output');
  if (!out) throw new UsageError('convert needs -o <out.safetensors>');
  const metaPath = flagString(p, '--meta');
  const meta = metaPath === undefined ? undefined : readMetadataFile(metaPath);
  const loaded = await loadModelFromDisk(p.positional[0], { weights: weightsOption(p), postNorm: postNormOption(p) });
  const m = meta && metaPath ? applyMetadata(loaded, meta, metaPath) : loaded;
  const fp16 = p.flags.has('--fp16');
  const bytes = toWebFormat(m, { fp16 });
  writeFileSync(out, bytes);
  return { output: out, bytes: bytes.length, storage: fp16 ? 'fp16' : 'f32', config: m.config, provenance: m.provenance };
}

// `vheat convert <in.pth> -o <out.safetensors> [--weights ema|model] [--fp16] [--post-norm|--pre-norm]`

import { writeFileSync } from 'node:fs';
import { toWebFormat } from '../engine/weights/index';
import { UsageError, flagString, parseArgs } from './args';
import { loadModelFromDisk } from './modelFile';
import { postNormOption, weightsOption } from './options';

export async function convertCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, ['-o', '--output', '--weights'], ['--fp16', '--post-norm', '--pre-norm']);
  if (p.positional.length !== 1) throw new UsageError('convert takes one input file');
  const out = flagString(p, '-o') ?? flagString(p, '--output');
  if (!out) throw new UsageError('convert needs -o <out.safetensors>');
  const m = await loadModelFromDisk(p.positional[0], { weights: weightsOption(p), postNorm: postNormOption(p) });
  const fp16 = p.flags.has('--fp16');
  const bytes = toWebFormat(m, { fp16 });
  writeFileSync(out, bytes);
  return { output: out, bytes: bytes.length, storage: fp16 ? 'fp16' : 'f32', config: m.config, provenance: m.provenance };
}

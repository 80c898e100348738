// Options shared by the commands that load a model file.

import type { WeightsChoice } from '../engine/weights/detect';
import { UsageError, flagString, type ParsedArgs } from './args';

export function weightsOption(p: ParsedArgs): WeightsChoice | undefined {
  const w = flagString(p, '--weights');
  if (w === undefined) return undefined;
  if (w !== 'ema' && w !== 'model') throw new UsageError('--weights is ema or model');
  return w;
}

export function postNormOption(p: ParsedArgs): boolean | undefined {
  if (p.flags.has('--post-norm') && p.flags.has('--pre-norm')) throw new UsageError('--post-norm and --pre-norm exclude each other');
  if (p.flags.has('--post-norm')) return true;
  if (p.flags.has('--pre-norm')) return false;
  return undefined;
}

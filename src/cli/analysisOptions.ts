// Options of the analysis commands (erf, heat, spectrum): --stage, --block, --point, the diffusivity multipliers
// and number lists, each checked against the model before anything runs.

import type { ModelConfig } from '../engine/config';
import { isHeatConfig } from '../engine/models/heatFamily';
import type { DiffusivityScale } from '../engine/models/model';
import { indexOfShown } from '../engine/numbering';
import { UsageError, flagString, flagValues, type ParsedArgs } from './args';

/** Largest diffusivity multiplier accepted (the page's slider reaches 4; beyond 1e3 every map is flat). */
export const MAX_DIFFUSIVITY_MULTIPLIER = 1000;
/** Most values of a --times / --steps list. */
export const MAX_LIST_LENGTH = 256;

function integerIn(text: string, name: string, min: number, max: number): number {
  const v = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || v < min || v > max) throw new UsageError(`${name} is an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return v;
}

/**
 * A stage or block number as people see it (from 1, src/engine/numbering.ts) to its 0-based index. 0 was the first
 * stage or block before this numbering: it gets its own message, so an old command line fails clearly.
 */
function shownIn(text: string, name: string, count: number): number {
  if (/^\s*0+\s*$/.test(text)) throw new UsageError(`${name}: stages and blocks are numbered from 1, as on the page (the first is 1; before version 0.2 the command line counted from 0: add 1)`);
  return indexOfShown(integerIn(text, name, 1, count))!;
}

/** --stage K, numbered from 1; returns the 0-based index. */
export function stageOption(p: ParsedArgs, config: ModelConfig): number {
  const text = flagString(p, '--stage');
  if (text === undefined) throw new UsageError('--stage K is required');
  return shownIn(text, '--stage', config.depths.length);
}

/** --block J of stage index `stage`, numbered from 1; returns the 0-based index. */
export function blockOption(p: ParsedArgs, config: ModelConfig, stage: number): number {
  const text = flagString(p, '--block');
  if (text === undefined) throw new UsageError('--block J is required');
  return shownIn(text, `--block (stage ${stage + 1} has ${config.depths[stage]} block${config.depths[stage] === 1 ? '' : 's'})`, config.depths[stage]);
}

/** --point ROW,COL in the stage map, or 'centre' (h // 2, w // 2, the default; the paper's position). */
export function pointOption(p: ParsedArgs, stageHeight: number, stageWidth: number): { row: number; col: number } {
  const text = flagString(p, '--point') ?? 'centre';
  if (text === 'centre' || text === 'center') return { row: Math.floor(stageHeight / 2), col: Math.floor(stageWidth / 2) };
  const parts = text.split(',');
  if (parts.length !== 2) throw new UsageError(`--point is ROW,COL or centre, got ${JSON.stringify(text)}`);
  return {
    row: integerIn(parts[0], `--point row (the stage map is ${stageHeight}x${stageWidth})`, 0, stageHeight - 1),
    col: integerIn(parts[1], `--point column (the stage map is ${stageHeight}x${stageWidth})`, 0, stageWidth - 1),
  };
}

function multiplier(text: string, name: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > MAX_DIFFUSIVITY_MULTIPLIER) {
    throw new UsageError(`${name} is a number from 0 to ${MAX_DIFFUSIVITY_MULTIPLIER}, got ${JSON.stringify(text)}`);
  }
  return v;
}

/**
 * --diffusivity S (every stage) and --diffusivity-stage K=S (repeatable): the page's sliders. Stage K runs with
 * S_global * S_K (vHeat: the operator's time; HcNet: alpha), 1 when not given.
 */
export function diffusivityOption(p: ParsedArgs, config: ModelConfig): DiffusivityScale {
  const stages = config.depths.length;
  const globalText = flagString(p, '--diffusivity');
  if (!isHeatConfig(config) && (globalText !== undefined || flagValues(p, '--diffusivity-stage').length > 0)) {
    throw new UsageError(`--diffusivity needs vHeat or HcNet: a ${config.family} model has no heat operator`);
  }
  const perStage = Array.from({ length: stages }, () => 1);
  for (const item of flagValues(p, '--diffusivity-stage')) {
    const [k, s, ...rest] = item.split('=');
    if (s === undefined || rest.length > 0) throw new UsageError(`--diffusivity-stage is K=S, got ${JSON.stringify(item)}`);
    perStage[shownIn(k, '--diffusivity-stage K', stages)] = multiplier(s, '--diffusivity-stage S');
  }
  return { global: globalText === undefined ? 1 : multiplier(globalText, '--diffusivity'), perStage };
}

/** A comma-separated list of numbers, each checked by `check` (which throws a UsageError). */
export function numberListOption(p: ParsedArgs, name: string, fallback: string, check: (v: number, text: string) => void): number[] {
  const text = flagString(p, name) ?? fallback;
  const parts = text.split(',');
  if (parts.length > MAX_LIST_LENGTH) throw new UsageError(`${name} holds at most ${MAX_LIST_LENGTH} values`);
  return parts.map((part) => {
    const v = Number(part);
    if (part.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${name} is a comma-separated list of numbers, got ${JSON.stringify(text)}`);
    check(v, part);
    return v;
  });
}

/** --output / -o, required. */
export function outputOption(p: ParsedArgs, command: string): string {
  const out = flagString(p, '-o') ?? flagString(p, '--output');
  if (!out) throw new UsageError(`${command} needs -o <out.npy>`);
  return out;
}

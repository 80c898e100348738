// A model file's provenance metadata in words: labels for the keys the converter and the training scripts
// write, values made readable (durations, hashes, storage types); unknown keys are shown as they are.
import { formatNumber, tFor } from '../../i18n/i18n';

/** The provenance keys the page names in words (model.json's label.<key>). */
const LABELLED = new Set([
  'dataset', 'trainedBy', 'command', 'epochs', 'weights', 'testTop1', 'testTop1Note', 'trainWallSeconds', 'params', 'inputSize',
  'normalisation', 'source_file', 'source_sha256', 'source_format', 'post_norm_from', 'storage',
]);

/** A number with exactly `digits` decimals, in the page's language (digits as toFixed, no grouping). */
export function fixedDigits(value: number, digits: number): string {
  return formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

const number = (v: string, show: (n: number) => string) => (Number.isFinite(Number(v)) ? show(Number(v)) : v);

function readableValue(key: string, v: string): string {
  const t = tFor('model');
  switch (key) {
    case 'weights':
      return v === 'ema' ? t('value.emaWeights') : v === 'model' ? t('value.rawWeights') : v;
    case 'testTop1':
      return `${v} %`;
    case 'trainWallSeconds':
      return number(v, (s) => t('value.minutes', { value: fixedDigits(s / 60, 1) }));
    case 'params':
      return number(v, (p) => t('value.millions', { value: fixedDigits(p / 1e6, 2) }));
    case 'inputSize':
      return t('value.pixels', { size: v });
    case 'storage':
      return v === 'f16' ? t('value.halfPrecision', { type: 'float16' }) : ({ f32: 'float32', bf16: 'bfloat16' } as Record<string, string>)[v] ?? v;
    case 'source_format':
      return v === 'torch.save zip' ? t('value.torchSave', { call: 'torch.save' }) : v;
    default:
      return v;
  }
}

export function provenanceRows(provenance: Record<string, string>): { key: string; label: string; value: string }[] {
  const t = tFor('model');
  return Object.entries(provenance).map(([key, value]) => ({ key, label: LABELLED.has(key) ? t(`label.${key}`) : key, value: readableValue(key, value) }));
}

// Usage text of the `vheat` command line: one block per command (`vheat <command> --help`) and all of them together
// (`vheat --help`), in English or Simplified Chinese (helpLanguage.ts). A command's synopsis is the command line as
// typed, the same in every language; what it does comes from the catalogue (./locales/<language>/cli.json).
import type { TFunction } from 'i18next';
import { KERNEL_ROW_NAMES } from '../engine/backend/kernelChoice';
import { helpText, type HelpLanguage } from './helpLanguage';

const MODEL_OPTIONS = '--model <file> [--size N] [--backend auto|cpu|wasm|webgpu] [--kernel-row NAME] [--weights ema|model] [--post-norm|--pre-norm] [--verbose]\n          [--memory-budget MB] [--time-budget S]';
/** Each command's synopsis: its command line as typed (options, placeholders), the same in every language. */
const SYNOPSIS: Record<string, string> = {
  convert: `vheat convert <in.pth|in.safetensors> -o <out.safetensors> [--weights ema|model] [--fp16] [--post-norm|--pre-norm]
              [--meta <labels, preprocessing, provenance .json>]`,
  inspect: 'vheat inspect <file> [--weights ema|model] [--post-norm|--pre-norm]',
  predict: `vheat predict ${MODEL_OPTIONS} [--batch N] [--jsonl] [--stats] <image|.npy|folder>...`,
  erf: `vheat erf ${MODEL_OPTIONS} --stage K [--point ROW,COL|centre]
          [--diffusivity S] [--diffusivity-stage K=S ...] [--rule abs|relu] [--batch N] [--png <map.png>]
          <image|.npy|folder>... -o <out.npy>`,
  heat: `vheat heat ${MODEL_OPTIONS} --stage K --block J
           [--times 0,0.25,1,4 (vHeat) | --steps 0,1,6,24 (HcNet)] [--channels energy|pca|N]
           [--diffusivity S] [--diffusivity-stage K=S ...] <image|.npy> -o <frames.npy>`,
  spectrum: `vheat spectrum ${MODEL_OPTIONS} --stage K --block J [--mean] -o <k.npy>`,
  fetch: 'vheat fetch tiny|small|base [--fp16] [--dir <folder>] [--base-url <url>]',
};

/** The commands, in the order the help lists them. */
export const COMMAND_NAMES = Object.keys(SYNOPSIS);

/** Every line indented by two spaces (a command's description under its synopsis). */
const indented = (text: string) => text.split('\n').map((line) => `  ${line}`).join('\n');

/** One command's usage: its synopsis, then what it does (with --kernel-row's note for predict). */
function commandUsageIn(command: string, t: TFunction): string {
  const kernelRow = command === 'predict' ? `\n${indented(t('kernelRow', { rows: KERNEL_ROW_NAMES.join(', '), file: 'src/engine/backend/kernelChoice.ts' }))}` : '';
  return `${SYNOPSIS[command]}\n${indented(t(`commands.${command}`))}${kernelRow}`;
}

/** `vheat <command> --help` in a language. */
export function commandUsage(command: string, language: HelpLanguage = 'en'): string {
  return `${helpText(language)('usage')}\n  ${commandUsageIn(command, helpText(language))}`;
}

/** `vheat --help` in a language: every command's first line, the numbering, the budgets, --verbose, the exit statuses. */
export function usage(language: HelpLanguage = 'en'): string {
  const t = helpText(language);
  return [
    t('usage'),
    ...COMMAND_NAMES.map((c) => `  ${SYNOPSIS[c].split('\n')[0]}`),
    '  vheat --version',
    '  vheat <command> --help',
    t('numbering'),
    t('budget', { file: 'src/engine/limits.ts' }),
    t('verbose'),
    t('exitStatus'),
  ].join('\n');
}

/** Each command's usage in English (error messages, which stay English, and tests). */
export const COMMAND_USAGE: Record<string, string> = Object.fromEntries(COMMAND_NAMES.map((c) => [c, commandUsageIn(c, helpText('en'))]));

export const USAGE = usage('en');

// The `vheat` command line: convert, inspect, predict. JSON on stdout; errors on stderr with exit
// code 1 (a bad input file: typed error naming the file and the reason) or 2 (usage).

import { clipText, isInputError } from '../engine/errors';
import { ModelBuildError } from '../engine/models/model';
import { UsageError } from './args';
import { convertCommand } from './convert';
import { inspectCommand } from './inspect';
import { predictCommand } from './predict';

export const USAGE = `usage:
  vheat convert <in.pth|in.safetensors> -o <out.safetensors> [--weights ema|model] [--fp16] [--post-norm|--pre-norm]
                [--meta <labels, preprocessing, provenance .json>]
  vheat inspect <file> [--weights ema|model]
  vheat predict --model <file> [--size N] [--backend auto|cpu|wasm|webgpu] <image-or-.npy>...`;

const COMMANDS: Record<string, (argv: string[]) => Promise<Record<string, unknown>>> = {
  convert: convertCommand,
  inspect: inspectCommand,
  predict: predictCommand,
};

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    err(`vheat: unknown command ${JSON.stringify(command)}\n${USAGE}\n`);
    return 2;
  }
  try {
    out(`${JSON.stringify(await run(rest), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`vheat ${command}: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    // Every refused input (weights, image, .npy, metadata) is an InputError: one line naming the file, the reason and its code.
    if (isInputError(e)) {
      err(`vheat ${command}: ${e.message} [${e.code}]\n`);
      return 1;
    }
    if (e instanceof ModelBuildError) {
      err(`vheat ${command}: ${clipText(e.message)} [mismatch]\n`);
      return 1;
    }
    err(`vheat ${command}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
}

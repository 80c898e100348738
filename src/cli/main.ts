// The `vheat` command line: convert, inspect, predict, erf, heat, spectrum, fetch. JSON on stdout (predict --jsonl: JSON
// Lines); errors on stderr, one line with the error's code, exit status from its code (exitStatus.ts: 1 a refused
// input, 2 usage, 3 an internal error with its stack, 4 a backend unavailable here).
// `vheat --help`, `vheat <command> --help` and `vheat --version` print and exit 0. The help is in English or Simplified
// Chinese (--lang zh-CN, or a zh_CN locale in LC_ALL / LC_MESSAGES / LANG: helpLanguage.ts); errors stay in English.

import { clipText, errorCode } from '../engine/errors';
import packageJson from '../../package.json';
import { EXIT_STATUS } from './exitStatus';
import { takeLanguage } from './helpLanguage';
import { COMMAND_USAGE, commandUsage, usage, USAGE } from './usage';

export { USAGE };

type Command = (argv: string[], out: (s: string) => void) => Promise<Record<string, unknown> | null>;

// Each command is imported when it runs: --version and --help never load tfjs or the model code.
const COMMANDS: Record<string, () => Promise<Command>> = {
  convert: async () => (await import('./convert')).convertCommand,
  inspect: async () => (await import('./inspect')).inspectCommand,
  predict: async () => (await import('./predict')).predictCommand,
  erf: async () => (await import('./erf')).erfCommand,
  heat: async () => (await import('./heat')).heatCommand,
  spectrum: async () => (await import('./spectrum')).spectrumCommand,
  fetch: async () => (await import('./fetch')).fetchCommand,
};

const HELP = ['--help', '-h', 'help'];

/** Runs the command line; returns the exit code. */
export async function main(
  argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s),
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let language;
  try {
    ({ language, rest: argv } = takeLanguage(argv, env));
  } catch (e) {
    err(`vheat: ${(e as Error).message}\n`);
    return EXIT_STATUS.usage;
  }
  const [command, ...rest] = argv;
  if (command === undefined || HELP.includes(command)) {
    out(`${usage(language)}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    out(`${packageJson.version}\n`);
    return 0;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    err(`vheat: unknown command ${JSON.stringify(command)}\n${USAGE}\n`);
    return 2;
  }
  if (rest.some((a) => a === '--help' || a === '-h')) {
    out(`${commandUsage(command, language)}\n`);
    return 0;
  }
  try {
    const result = await (await load())(rest, out);
    if (result !== null) out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    const code = errorCode(e);
    const status = EXIT_STATUS[code];
    if (code === 'usage') err(`vheat ${command}: ${clipText((e as Error).message)}\nusage:\n  ${COMMAND_USAGE[command]}\n`);
    else if (code === 'internal') err(`vheat ${command}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    // Every other error is one line naming the file or what was asked, the reason and its code.
    else err(`vheat ${command}: ${clipText((e as Error).message)} [${code}]\n`);
    return status;
  }
}

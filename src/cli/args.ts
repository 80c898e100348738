// Minimal command-line parsing: positional arguments and --flags (with or without a value).

/** A command line that asks for something impossible: code 'usage' (exit status 2). */
export class UsageError extends Error {
  readonly code = 'usage' as const;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positional: string[];
  /** Last value of each flag given. */
  flags: Map<string, string | true>;
  /** Every value of each valued flag, in order (for flags that may repeat: --diffusivity-stage 0=2 --diffusivity-stage 1=3). */
  repeated: Map<string, string[]>;
}

/** `valued` lists the flags that take a value (`--size 224`, `-o out`); all others are booleans. */
export function parseArgs(argv: string[], valued: string[], boolean: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (valued.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        flags.set(name, v);
        repeated.set(name, [...(repeated.get(name) ?? []), v]);
      } else if (boolean.includes(name) && inline === undefined) flags.set(name, true);
      else throw new UsageError(`unknown option ${name}`);
    } else positional.push(a);
  }
  return { positional, flags, repeated };
}

export function flagString(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagValues(p: ParsedArgs, name: string): string[] {
  return p.repeated.get(name) ?? [];
}

/** An integer flag in [min, max], or undefined when absent. */
export function flagInteger(p: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = flagString(p, name);
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(v) || v < min || v > max) throw new UsageError(`${name} is an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return v;
}

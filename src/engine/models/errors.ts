/** A weight map that does not fit a config: every missing and unexpected key and every shape mismatch. */
export interface ShapeMismatch {
  name: string;
  expected: number[];
  actual: number[];
}

const LIST_LIMIT = 12;

function listed(label: string, items: string[]): string {
  if (items.length === 0) return '';
  const head = items.slice(0, LIST_LIMIT).join(', ');
  const more = items.length > LIST_LIMIT ? ` (and ${items.length - LIST_LIMIT} more)` : '';
  return `${label} (${items.length}): ${head}${more}`;
}

/** Weights that do not fit the config, or a config the model cannot be built from: code 'mismatch'. */
export class ModelBuildError extends Error {
  readonly code = 'mismatch' as const;
  readonly missing: string[];
  readonly unexpected: string[];
  readonly mismatched: ShapeMismatch[];
  /** Other problems (wrong data length, non-finite values, bad buffer contents, bad config). */
  readonly problems: string[];

  constructor(model: string, parts: { missing?: string[]; unexpected?: string[]; mismatched?: ShapeMismatch[]; problems?: string[] }) {
    const missing = parts.missing ?? [];
    const unexpected = parts.unexpected ?? [];
    const mismatched = parts.mismatched ?? [];
    const problems = parts.problems ?? [];
    const lines = [
      listed('missing keys', missing),
      listed('unexpected keys', unexpected),
      listed(
        'shape mismatches',
        mismatched.map((m) => `${m.name} expected [${m.expected.join(',')}] got [${m.actual.join(',')}]`),
      ),
      listed('problems', problems),
    ].filter((l) => l !== '');
    super(`cannot build ${model}: ${lines.join('; ')}`);
    this.name = 'ModelBuildError';
    this.missing = missing;
    this.unexpected = unexpected;
    this.mismatched = mismatched;
    this.problems = problems;
  }
}

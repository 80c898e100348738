// The one error type for every unreadable, malformed or hostile weight file.

export class WeightFileError extends Error {
  /** The file name as the user gave it (never a resolved path). */
  readonly file: string;
  /** Why the file was refused, in words. */
  readonly reason: string;

  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'WeightFileError';
    this.file = file;
    this.reason = reason;
  }
}

/** Throws a WeightFileError unless `ok`. */
export function check(ok: boolean, file: string, reason: string | (() => string)): asserts ok {
  if (!ok) throw new WeightFileError(file, typeof reason === 'string' ? reason : reason());
}

// The one error type for every unreadable, malformed or hostile weight file.

import { InputError, type InputErrorCode } from '../errors';

export class WeightFileError extends InputError {
  constructor(file: string, reason: string, code: InputErrorCode = 'malformed') {
    super(file, reason, code);
    this.name = 'WeightFileError';
  }
}

/** Throws a WeightFileError unless `ok`. */
export function check(ok: boolean, file: string, reason: string | (() => string), code: InputErrorCode = 'malformed'): asserts ok {
  if (!ok) throw new WeightFileError(file, typeof reason === 'string' ? reason : reason(), code);
}

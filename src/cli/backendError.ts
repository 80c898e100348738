// Its own module so that main.ts can name it without loading tfjs (--version and --help stay fast).
import { UnavailableError } from '../engine/errors';

/** The backend asked for cannot start here (e.g. no WebGPU adapter): a one-line message, code 'unavailable'. */
export class BackendUnavailableError extends UnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

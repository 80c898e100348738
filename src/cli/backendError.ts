// Its own module so that main.ts can name it without loading tfjs (--version and --help stay fast).

/** The backend asked for cannot start here (e.g. no WebGPU adapter): a one-line message, exit code 1. */
export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

/** An analysis was asked for something its inputs cannot give (bad size, position, threshold...). */
export class AnalysisInputError extends Error {
  /** The caller's request is at fault, like a usage error (src/engine/errors.ts's ErrorCode). */
  readonly code = 'usage' as const;

  constructor(message: string) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}

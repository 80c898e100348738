/** An analysis was asked for something its inputs cannot give (bad size, position, threshold...). */
export class AnalysisInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}

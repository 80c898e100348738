// One pass of the separable heat operator (a DCT or IDCT along one axis, the decay optionally fused in): what
// the matrix, line and fast-DCT programs are each given.
export interface SeparablePass {
  /** [outer, N, inner]: the line axis is the middle one. */
  lineShape: [number, number, number];
  inverse: boolean;
  /** Multiply the forward output by exp(-scale * rate); rate is indexed [(outer % rateRows), row, inner]. */
  decay: boolean;
  rateRows: number;
  tableOffset: number;
  scale: number;
}

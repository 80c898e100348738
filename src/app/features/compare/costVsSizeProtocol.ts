// Messages between the page and the cost-against-size worker (costVsSizeWorker.ts). Progress carries the operator
// and side, not words: the page writes them in its language.
import type { CostOperator, CostResult } from '../../../engine/analysis/costVsSize';

export type CostWorkerRequest = { kind: 'start'; sides: number[]; runs: number } | { kind: 'cancel' };

export type CostWorkerMessage =
  | { kind: 'started'; backend: string; adapter: string }
  | { kind: 'progress'; done: number; total: number; operator: CostOperator; side: number }
  | { kind: 'finished'; result: CostResult | null; error: string | null };

// Messages between the page and the cost-against-size worker (costVsSizeWorker.ts).
import type { CostResult } from '../../../engine/analysis/costVsSize';

export type CostWorkerRequest = { kind: 'start'; sides: number[]; runs: number } | { kind: 'cancel' };

export type CostWorkerMessage =
  | { kind: 'started'; backend: string; adapter: string }
  | { kind: 'progress'; done: number; total: number; label: string }
  | { kind: 'finished'; result: CostResult | null; error: string | null };

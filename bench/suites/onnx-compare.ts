// Our engine against what a user would pick instead, on the same adapter and the same inputs.
// For each model pair (bench/onnx/export_pair.py: one set of weights as .pth for our engine and as .onnx):
//   engine-wgsl      our engine on WebGPU, WGSL heat operator
//   engine-portable  our engine on WebGPU, portable (tfjs ops) heat operator
//   ort-webgpu       onnxruntime-web, WebGPU execution provider
//   ort-wasm         onnxruntime-web, wasm execution provider (threads only when the page is cross-origin isolated)
//   engine-cpu       our CPU fallback: tfjs wasm backend, portable heat operator
// Before any time is reported, every runtime's logits are checked against PyTorch's on the exported anchor
// input and against ort-wasm on a fresh random input (<= 1e-3 of max |logit|); a mismatch fails the suite.
// Pairs: ?pairs=a,b on the bench page (default: the bundled Fashion-MNIST vHeat, then vHeat-T at 224).
// ?runtimes=ort-wasm,engine-cpu times only those (ort-wasm, the reference of the fresh-input check, is always included);
// the ratios are printed for the pairs of rows that ran. ?runs=N sets the timed runs per runtime (default: per pair,
// below); ?rounds=R splits them into R rounds, each loading every runtime in turn, so slow drift on a busy machine
// lands on all runtimes alike (the figures pool every round's runs).
import { compareLogits, requireAgreement, type Agreement } from '../onnx/agreement';
import { freshSeed, seededNormal } from '../onnx/layout';
import { fetchPair, type ModelPair } from '../onnx/pairFiles';
import { loadRuntime, RUNTIME_KINDS, wasmThreads, type RuntimeKind } from '../onnx/runtimes';
import { pooledRow } from '../../src/benchmark/measure';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

interface PairPlan {
  name: string;
  label: string;
  warmup: number;
  runs: number;
}

const PLANS: Record<string, PairPlan> = {
  'vheat-fashion': { name: 'vheat-fashion', label: 'bundled vHeat Fashion-MNIST (32x32)', warmup: 3, runs: 30 },
  'vheat-t-224': { name: 'vheat-t-224', label: 'vHeat-T 224', warmup: 2, runs: 10 },
  tiny: { name: 'tiny', label: 'tiny vHeat (smoke test)', warmup: 2, runs: 10 },
};
const DEFAULT_PAIRS = ['vheat-fashion', 'vheat-t-224'];

function chosenPlans(): PairPlan[] {
  const wanted = new URLSearchParams(location.search).get('pairs');
  const names = wanted ? wanted.split(',').filter(Boolean) : DEFAULT_PAIRS;
  return names.map((n) => {
    const plan = PLANS[n];
    if (!plan) throw new Error(`unknown pair '${n}' (known: ${Object.keys(PLANS).join(', ')})`);
    return plan;
  });
}

function fmtAgreement(a: Agreement): string {
  return `${a.runtime} vs ${a.reference}: ${a.relative.toExponential(2)} of max |logit|`;
}

/** One inference per runtime on the anchor (vs PyTorch) and on the fresh input; returns the fresh outputs. */
/** The runtimes of this run: ?runtimes=..., always with ort-wasm (the fresh-input reference), in the usual order. */
function chosenRuntimes(): RuntimeKind[] {
  const wanted = new URLSearchParams(location.search).get('runtimes');
  if (!wanted) return RUNTIME_KINDS;
  const names = wanted.split(',').filter(Boolean);
  const unknown = names.filter((n) => !(RUNTIME_KINDS as string[]).includes(n));
  if (unknown.length) throw new Error(`unknown runtime(s) ${unknown.join(', ')} (known: ${RUNTIME_KINDS.join(', ')})`);
  return RUNTIME_KINDS.filter((k) => k === 'ort-wasm' || names.includes(k));
}

async function verify(ctx: BenchContext, pair: ModelPair, fresh: Float32Array, kinds: RuntimeKind[]): Promise<{ fresh: Map<RuntimeKind, Float32Array>; agreement: Map<RuntimeKind, Agreement[]> }> {
  const outputs = new Map<RuntimeKind, Float32Array>();
  const agreement = new Map<RuntimeKind, Agreement[]>();
  const anchorChecks: Agreement[] = [];
  for (const kind of kinds) {
    const rt = await loadRuntime(kind, pair);
    try {
      const anchor = compareLogits(kind, await rt.run(pair.anchorNchw), 'PyTorch', pair.meta.anchor.logits);
      ctx.log(`check ${fmtAgreement(anchor)}`);
      anchorChecks.push(anchor);
      agreement.set(kind, [anchor]);
      outputs.set(kind, await rt.run(fresh));
    } finally {
      await rt.dispose();
    }
  }
  requireAgreement(`${pair.meta.name}, anchor input`, anchorChecks);
  const ref = outputs.get('ort-wasm')!;
  const freshChecks = kinds.filter((k) => k !== 'ort-wasm').map((k) => compareLogits(k, outputs.get(k)!, 'ort-wasm', ref));
  for (const a of freshChecks) {
    ctx.log(`check ${fmtAgreement(a)} (fresh input)`);
    agreement.get(a.runtime as RuntimeKind)!.push(a);
  }
  requireAgreement(`${pair.meta.name}, fresh input`, freshChecks);
  return { fresh: outputs, agreement };
}

/** Timed runs per runtime and the rounds they are split into (?runs=, ?rounds=; at least one run per round). */
function runPlan(ctx: BenchContext, plan: PairPlan): { runs: number; rounds: number } {
  const runs = ctx.options.runs === undefined ? plan.runs : Number(ctx.options.runs);
  const rounds = ctx.options.rounds === undefined ? 1 : Number(ctx.options.rounds);
  if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`runs=${ctx.options.runs}: a positive integer is needed`);
  if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= runs)) throw new Error(`rounds=${ctx.options.rounds}: an integer from 1 to runs (${runs}) is needed`);
  return { runs, rounds };
}

export default async function onnxCompare(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const kinds = chosenRuntimes();
  ctx.log(`page cross-origin isolated: ${globalThis.crossOriginIsolated}; wasm threads: ${wasmThreads()}; runtimes: ${kinds.join(', ')}`);
  for (const plan of chosenPlans()) {
    const pair = await fetchPair(plan.name);
    const seed = freshSeed();
    const side = pair.meta.inputSize;
    ctx.log(`${plan.label}: ${pair.meta.params} params, input [1,3,${side},${side}], fresh input seed ${seed}`);
    const fresh = seededNormal(3 * side * side, seed);
    const checked = await verify(ctx, pair, fresh, kinds);
    const { runs, rounds } = runPlan(ctx, plan);
    const parts = new Map<RuntimeKind, BenchRow[]>(kinds.map((k) => [k, []]));
    for (let round = 0; round < rounds; round++) {
      for (const kind of kinds) {
        const rt = await loadRuntime(kind, pair);
        let last: Float32Array | null = null;
        try {
          const params: BenchRow['params'] = { model: plan.label, pair: plan.name, side, batch: 1, runtime: kind, ...rt.params, seed, rounds };
          for (const a of checked.agreement.get(kind)!) params[`vs ${a.reference}`] = Number(a.relative.toExponential(2));
          const share = Math.floor(runs / rounds) + (round < runs % rounds ? 1 : 0);
          const row = await ctx.measure(`${plan.name} ${kind}`, params, async () => {
            last = await rt.run(fresh);
          }, { warmup: plan.warmup, runs: share });
          // The timed runs computed the same thing as the checked run.
          requireAgreement(`${pair.meta.name} ${kind}, timed run`, [compareLogits(kind, last!, `${kind} (checked run)`, checked.fresh.get(kind)!)]);
          parts.get(kind)!.push(row);
        } finally {
          await rt.dispose();
        }
      }
    }
    const byKind = new Map<RuntimeKind, BenchRow>();
    for (const kind of kinds) {
      const row = pooledRow(parts.get(kind)!);
      byKind.set(kind, row);
      rows.push(row);
    }
    const wgsl = byKind.get('engine-wgsl');
    const ortGpu = byKind.get('ort-webgpu');
    if (wgsl && ortGpu) {
      const gpuRatio = ortGpu.medianMs / wgsl.medianMs;
      wgsl.params.speedupVsOrtWebgpu = Number(gpuRatio.toFixed(2));
      ctx.log(`${plan.label}: engine WGSL vs ort-webgpu x${gpuRatio.toFixed(2)} (target >= 1.5: ${gpuRatio >= 1.5 ? 'met' : 'MISSED'})`);
    }
    const cpu = byKind.get('engine-cpu');
    if (cpu) {
      const cpuRatio = byKind.get('ort-wasm')!.medianMs / cpu.medianMs;
      cpu.params.speedupVsOrtWasm = Number(cpuRatio.toFixed(2));
      ctx.log(`${plan.label}: engine CPU vs ort-wasm x${cpuRatio.toFixed(2)} (target >= 1: ${cpuRatio >= 1 ? 'met' : 'MISSED'})`);
    }
  }
  return rows;
}

/// <reference lib="webworker" />
// A helper thread of the CPU pool (cpuPool.ts): sent the shared buffers once, it says it is ready and then sleeps on
// the control block's GEN, runs its share of each pass (cpuPoolShare.ts) and counts itself DONE, until a QUIT pass.
// It never returns to its event loop while the pool lives: everything arrives through the shared buffers.
import { CTRL, TASK, poolViews, runShare, type PoolBuffers } from './cpuPoolShare';

declare const self: DedicatedWorkerGlobalScope;

function serve(buffers: PoolBuffers, k: number): void {
  const v = poolViews(buffers);
  const { ctrl } = v;
  let gen = Atomics.load(ctrl, CTRL.GEN);
  for (;;) {
    Atomics.wait(ctrl, CTRL.GEN, gen);
    gen = Atomics.load(ctrl, CTRL.GEN);
    if (Atomics.load(ctrl, CTRL.TASK) === TASK.QUIT) return;
    try {
      if (k < Atomics.load(ctrl, CTRL.THREADS)) Atomics.add(ctrl, CTRL.UNITS, runShare(v, k));
    } catch {
      Atomics.store(ctrl, CTRL.FAILED, 1);
    }
    Atomics.add(ctrl, CTRL.DONE, 1);
    Atomics.notify(ctrl, CTRL.DONE);
  }
}

self.onmessage = (e: MessageEvent<{ buffers: PoolBuffers; share: number }>) => {
  self.postMessage('ready');
  serve(e.data.buffers, e.data.share);
  self.close();
};

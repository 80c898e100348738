// Time per tfjs kernel of one run, for the suites that list where a run's time goes (dispatches, cpu-threads).
import * as tf from '@tensorflow/tfjs';

export interface KernelTime {
  name: string;
  ms: number;
  calls: number;
}

/**
 * One run of `run` under tf.profile, its kernels' times summed by kernel name, costliest first. On 'webgpu' the times
 * come from timestamp queries (0 where the device has none); on 'wasm' they are wall clock per kernel.
 */
export async function kernelTimesByName(run: () => Promise<void>): Promise<KernelTime[]> {
  const info = await tf.profile(run);
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels) {
    const e = byName.get(k.name) ?? { name: k.name, ms: 0, calls: 0 };
    e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    e.calls += 1;
    byName.set(k.name, e);
  }
  return [...byName.values()].sort((a, b) => b.ms - a.ms);
}

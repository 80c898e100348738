// A benchmark runtime's name in the page's language (the plot's legend, drawn by src/plots, keeps the English one).
import { tFor } from '../../i18n/i18n';
import { runtimeLabel } from '../../../plots/resultPlots';

/** 'WebGPU, WGSL operator' for 'webgpu-wgsl'; a runtime the catalogue does not name keeps the plots' label. */
export function runtimeName(runtime: string): string {
  const t = tFor('worker');
  const key = `bench.runtime.${runtime}`;
  return t(key, { defaultValue: runtimeLabel(runtime) });
}

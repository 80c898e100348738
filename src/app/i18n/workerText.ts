// The worker's words in the page's language. The engine worker has no language of its own: it sends a key of the
// 'worker' catalogue with its values (protocol.ts WorkerWords), and the page translates them when it shows them, so
// progress labels and the backend's reasons follow the language switch without telling the worker anything.
import type { BackendInfo, BackendReport, WorkerWords } from '../worker/protocol';
import { tFor } from './i18n';

/** One of the worker's messages, its values (numbers, names, nested words) filled in. */
export function workerText(words: WorkerWords): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.values ?? {})) values[name] = typeof value === 'object' ? workerText(value) : value;
  return tFor('worker')(words.key, values);
}

/** The backend as the page shows it: the worker's reasons in the page's language, an unnamed adapter said so. */
export function describeBackend(report: BackendReport): BackendInfo {
  const { webgpuUnavailable, cpuPreferred, ...rest } = report;
  const info: BackendInfo = { ...rest };
  if (rest.backend === 'webgpu' && !rest.adapter) info.adapter = tFor('worker')('backend.unknownAdapter');
  if (webgpuUnavailable) info.webgpuUnavailable = workerText(webgpuUnavailable);
  if (cpuPreferred) info.cpuPreferred = workerText(cpuPreferred);
  return info;
}

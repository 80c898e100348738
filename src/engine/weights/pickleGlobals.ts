// Which Python globals a pickle may name: an allowlist of exactly what a vHeat/HcNet checkpoint needs.
// Everything else is refused by name before anything is built from it (Python's torch.load would
// import and call it; many harmless-looking callables execute code: cProfile.run, profile.run,
// torch.fx.graph_module._forward_from_src, torch.storage._load_from_bytes, ...).

import type { PyGlobal } from './pickleValues';

/** Rebuild a tensor record from (storage, offset, size, stride, ...): read as data, never called. */
export const TENSOR_REBUILDERS = new Set(['torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor']);
/** Wrap a tensor record as a parameter: the record itself is kept. */
export const PARAMETER_REBUILDERS = new Set(['torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state', 'torch.nn.parameter.Parameter']);
/** Build a dict. */
export const DICT_CLASSES = new Set(['collections.OrderedDict', 'builtins.dict', '__builtin__.dict']);
/** Storage classes: only named in persistent ids (they choose the dtype). */
export const STORAGE_CLASSES = new Set(
  ['Float', 'Half', 'BFloat16', 'Double', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool'].map((t) => `torch.${t}Storage`),
);
/** Training configs and plain containers, read as inert data (their state kept, nothing called). */
export const DATA_CLASSES = new Set([
  'yacs.config.CfgNode', // the official training script's `config`
  'argparse.Namespace', // `args` of scripts built on timm / DeiT
  'heatnets.config.TrainConfig', // this project's Python reference (tools/python)
  'builtins.set', 'builtins.frozenset', '__builtin__.set', '__builtin__.frozenset',
]);

/** Why a global is not allowed, or null when it is. */
export function refusedGlobal(g: PyGlobal): string | null {
  const q = g.qualified;
  if (TENSOR_REBUILDERS.has(q) || PARAMETER_REBUILDERS.has(q) || DICT_CLASSES.has(q) || STORAGE_CLASSES.has(q) || DATA_CLASSES.has(q)) return null;
  const name = q.length > 80 ? `${q.slice(0, 79)}…` : q;
  return `pickle references ${name}, which is not on the allowlist of globals a vHeat/HcNet checkpoint needs: refused (code execution attempt?); nothing was executed`;
}

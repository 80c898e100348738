// `vheat convert --meta <file.json>`: labels, preprocessing and provenance to store in the web format's
// metadata, for checkpoints whose training code lives elsewhere (the bundled Fashion-MNIST models).
// The file is untrusted input like any other: size-capped, every field checked, unknown fields refused.

import { basename } from 'node:path';
import type { Preprocessing } from '../engine/config';
import { quoted } from '../engine/errors';
import { WeightFileError } from '../engine/weights/errors';
import type { LoadedModelFile } from '../engine/weights/index';
import { parsePreprocessing } from '../engine/weights/webFormat';
import { readInputFile } from './modelFile';

export interface MetadataOverrides {
  labels?: string[];
  preprocessing?: Preprocessing;
  provenance?: Record<string, string>;
}

const MAX_META_BYTES = 1 << 20;
const MAX_LABEL_CHARS = 256;
const KNOWN_FIELDS = new Set(['labels', 'preprocessing', 'provenance', 'weights']);

export function readMetadataFile(path: string): MetadataOverrides {
  const file = basename(path);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(readInputFile(path, MAX_META_BYTES)));
  } catch (e) {
    if (e instanceof WeightFileError) throw e;
    throw new WeightFileError(file, 'is not UTF-8 JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WeightFileError(file, 'is not a JSON object');
  const m = raw as Record<string, unknown>;
  for (const k of Object.keys(m)) if (!KNOWN_FIELDS.has(k)) throw new WeightFileError(file, `has an unknown field ${quoted(k)}`, 'unsupported');
  const out: MetadataOverrides = {};
  if (m.labels !== undefined) {
    const ok = Array.isArray(m.labels) && m.labels.every((l) => typeof l === 'string' && l.length <= MAX_LABEL_CHARS);
    if (!ok) throw new WeightFileError(file, `labels must be an array of strings of at most ${MAX_LABEL_CHARS} characters`);
    out.labels = [...(m.labels as string[])];
  }
  if (m.preprocessing !== undefined) out.preprocessing = parsePreprocessing(m.preprocessing, file);
  if (m.provenance !== undefined) {
    const p = m.provenance;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new WeightFileError(file, 'provenance must be an object');
    const entries = Object.entries(p as Record<string, unknown>);
    for (const [k, v] of entries) if (typeof v !== 'string') throw new WeightFileError(file, `provenance.${quoted(k)} must be a string`, 'invalid-value');
    out.provenance = Object.fromEntries(entries) as Record<string, string>;
  }
  return out;
}

/** The loaded model with the overrides applied; labels must match the model's class count. */
export function applyMetadata(m: LoadedModelFile, meta: MetadataOverrides, metaFile: string): LoadedModelFile {
  if (meta.labels && meta.labels.length !== m.config.numClasses) {
    throw new WeightFileError(basename(metaFile), `has ${meta.labels.length} labels for a model with ${m.config.numClasses} classes`, 'mismatch');
  }
  return {
    ...m,
    labels: meta.labels ?? m.labels,
    preprocessing: meta.preprocessing ?? m.preprocessing,
    // The file's own provenance (source name, SHA-256, weights taken) wins over anything the JSON claims.
    provenance: { ...(meta.provenance ?? {}), ...m.provenance },
  };
}

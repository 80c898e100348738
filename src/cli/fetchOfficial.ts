// Downloads an official vHeat checkpoint into the local cache folder (resumable, through the proxy variables), checks
// what arrived (every announced byte, the official format, the configuration its name promises) and converts it to
// the web format beside it. Shared by `vheat fetch` and the dev/preview servers' route (tools/vite/officialModels.ts).

import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { ModelConfig } from '../engine/config';
import { MAX_MODEL_FILE_BYTES } from '../engine/limits';
import { OFFICIAL_RELEASE_URL, officialUrl, type OfficialCheckpoint } from '../engine/weights/officialCheckpoints';
import { WeightFileError } from '../engine/weights/errors';
import { toWebFormat, type LoadedModelFile } from '../engine/weights/index';
import { downloadFile, type DownloadProgress } from './download';
import { loadModelFromDisk } from './modelFile';

/** What a configuration differs in from the expected one, or null when it is the one. */
export type ConfigCheck = (config: ModelConfig, checkpoint: OfficialCheckpoint) => string | null;

export interface FetchOfficialOptions {
  /** The cache folder (default: defaultCacheDir()). */
  dir: string;
  /** Where the release files are (default: releaseUrl()). */
  baseUrl?: string;
  onProgress?: (p: DownloadProgress) => void;
  dispatcher?: Dispatcher;
  /** Default: the official table's row (officialConfigCheck). */
  checkConfig?: ConfigCheck;
  /** Resumed tries after a cut connection within this call (default 2). */
  retries?: number;
}

/** The local cache of official checkpoints: $HEAT_LAB_CACHE_DIR, else $XDG_CACHE_HOME/heat-lab/official (~/.cache). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HEAT_LAB_CACHE_DIR) return env.HEAT_LAB_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'heat-lab', 'official');
}

/** The release the files come from: $VHEAT_RELEASE_URL (a mirror, a test server), else the official one. */
export function releaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.VHEAT_RELEASE_URL || OFFICIAL_RELEASE_URL;
}

/** The web-format file converted from a checkpoint, beside it in the cache folder. */
export const webFileName = (c: OfficialCheckpoint) => c.file.replace(/\.pth$/, '.safetensors');

export const officialConfigCheck: ConfigCheck = (config, c) => {
  const got = config.family === 'vheat'
    ? `vHeat dims ${config.dims.join('/')}, depths ${config.depths.join('/')}, ${config.postNorm ? 'post' : 'pre'}-norm, ${config.numClasses} classes`
    : `HcNet dims ${config.dims.join('/')}`;
  const want = `vHeat dims ${c.dims.join('/')}, depths ${c.depths.join('/')}, ${c.postNorm ? 'post' : 'pre'}-norm, 1000 classes`;
  const same = config.family === 'vheat' && got === want && config.layerScale === c.layerScale;
  return same ? null : `holds ${got}, not ${c.title}'s ${want}`;
};

/** Reads a downloaded checkpoint and checks its configuration; the file is deleted when it is refused. */
async function verifyCheckpoint(path: string, c: OfficialCheckpoint, check: ConfigCheck): Promise<LoadedModelFile> {
  try {
    const m = await loadModelFromDisk(path);
    const wrong = check(m.config, c);
    if (wrong) throw new WeightFileError(c.file, `is not the official ${c.title} checkpoint: it ${wrong}`, 'mismatch');
    return m;
  } catch (e) {
    unlinkSync(path);
    throw e;
  }
}

export interface Downloaded {
  /** The checkpoint in the cache folder. */
  path: string;
  url: string;
  bytes: number;
  /** Bytes a previous, interrupted download had left (0: a fresh one); null when the file was already there. */
  resumedFrom: number | null;
  model: LoadedModelFile;
}

/** Downloads (unless it is already there) and checks one official checkpoint. */
export async function downloadOfficial(c: OfficialCheckpoint, o: FetchOfficialOptions): Promise<Downloaded> {
  mkdirSync(o.dir, { recursive: true });
  const path = join(o.dir, c.file);
  const url = officialUrl(c, o.baseUrl ?? releaseUrl());
  let resumedFrom: number | null = null;
  let bytes = 0;
  if (!existsSync(path)) ({ bytes, resumedFrom } = await downloadFile({ url, dest: path, maxBytes: MAX_MODEL_FILE_BYTES, onProgress: o.onProgress, dispatcher: o.dispatcher, retries: o.retries }));
  const model = await verifyCheckpoint(path, c, o.checkConfig ?? officialConfigCheck);
  model.provenance = { ...model.provenance, source_url: url };
  return { path, url, bytes, resumedFrom, model };
}

export interface Fetched extends Downloaded {
  /** The web-format file. */
  output: string;
  outputBytes: number;
}

/** `vheat fetch`: download, check, convert (fp16 storage optional) into the cache folder. */
export async function fetchOfficial(c: OfficialCheckpoint, o: FetchOfficialOptions & { fp16?: boolean }): Promise<Fetched> {
  const d = await downloadOfficial(c, o);
  const output = join(o.dir, webFileName(c));
  const web = toWebFormat(d.model, { fp16: o.fp16 ?? false });
  writeFileSync(`${output}.tmp`, web);
  renameSync(`${output}.tmp`, output);
  return { ...d, output, outputBytes: web.length };
}

// `vheat fetch tiny|small|base [--dir <folder>] [--base-url <url>] [--fp16]`: an official checkpoint downloaded into
// the local cache (the folder the dev and preview servers list), checked and converted; a progress bar on stderr.

import { OFFICIAL_CHECKPOINTS, officialCheckpoint } from '../engine/weights/officialCheckpoints';
import { UsageError, flagString, parseArgs } from './args';
import { downloadBar } from './downloadBar';
import { defaultCacheDir, fetchOfficial } from './fetchOfficial';

export async function fetchCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, ['--dir', '--base-url'], ['--fp16']);
  const names = OFFICIAL_CHECKPOINTS.map((c) => c.name).join('|');
  if (p.positional.length !== 1) throw new UsageError(`fetch takes one name: ${names}`);
  const checkpoint = officialCheckpoint(p.positional[0]);
  if (!checkpoint) throw new UsageError(`unknown model ${JSON.stringify(p.positional[0])}: one of ${names}`);
  const bar = downloadBar(checkpoint.file);
  try {
    const f = await fetchOfficial(checkpoint, {
      dir: flagString(p, '--dir') ?? defaultCacheDir(),
      baseUrl: flagString(p, '--base-url'),
      fp16: p.flags.has('--fp16'),
      onProgress: (x) => bar.update(x),
    });
    bar.end();
    return {
      model: checkpoint.title,
      checkpoint: f.path,
      url: f.url,
      downloaded: f.resumedFrom === null ? 'already in the cache' : f.resumedFrom > 0 ? `resumed at byte ${f.resumedFrom}` : 'yes',
      output: f.output,
      bytes: f.outputBytes,
      storage: p.flags.has('--fp16') ? 'fp16' : 'f32',
      config: f.model.config,
    };
  } finally {
    bar.end();
  }
}

// No view writes engine results into the store: the store holds what the user chose and the engine's status, and
// views read results from their queries. Two checks: the store's fields are exactly the ones listed here (a
// result field such as `prediction`, `erf` or HcNet's `stability` fails it), and only the actions and the engine
// restart write the store (a view that writes a result back, as the heat view once did with the stability bound,
// fails it wherever it reads the result from).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getApp } from './store';

/** What the user chose, what was loaded (the model's and image's descriptions), and the engine's status. */
const STORE_FIELDS = [
  'language', 'languageInUrl',
  'backend', 'backendError', 'deviceLost', 'engineRestarted', 'lastGood',
  'bundledModels', 'cachedModels', 'model', 'modelBusy', 'modelError',
  'samples', 'imageChoice', 'image', 'originalUrl', 'imageBusy', 'imageError',
  'diffusivity', 'stage', 'block', 'channelMode', 'heatTime', 'operatorFrequency', 'frameScaling', 'smooth', 'overlayOpacity',
  'probe', 'heatPoint', 'fullRes',
];

/** The only files that write the store. */
const WRITERS = ['src/app/actions.ts', 'src/app/engineRestart.ts', 'src/app/store.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'worker' || name === 'testing' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the store holds no engine results', () => {
  it('has exactly the fields of choices and status', () => {
    expect(Object.keys(getApp()).sort()).toEqual([...STORE_FIELDS].sort());
  });

  it('is written only by the actions and the engine restart, never by a view or a query', () => {
    const root = join(import.meta.dirname, '..', '..');
    const writers = sources(join(root, 'src', 'app'))
      .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
      .filter(({ text }) => /\bsetApp\s*\(|\buseApp\.setState\b|\bsetApp\b\s*[,}]/.test(text))
      .map(({ path }) => path.replaceAll('\\', '/'));
    expect(writers.sort()).toEqual([...WRITERS].sort());
  });
});

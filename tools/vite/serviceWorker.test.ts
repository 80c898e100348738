// The build's service worker lists every file of dist/ but source maps and itself, and its cache name changes
// whenever a file does (so a redeploy replaces the old cache instead of serving stale models).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeServiceWorker } from './serviceWorker';

const dist = mkdtempSync(join(tmpdir(), 'heat-lab-sw-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function constants(): { cache: string; precache: string[] } {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return { cache: /const CACHE = '([^']+)'/.exec(sw)![1], precache: JSON.parse(/const PRECACHE = (\[.*\]);/.exec(sw)![1]) as string[] };
}

describe('writeServiceWorker', () => {
  it('precaches the page, assets, wasm and models; a changed model changes the cache name', () => {
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'models'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'assets/index-abc.js'), 'x');
    writeFileSync(join(dist, 'assets/index-abc.js.map'), '{}');
    writeFileSync(join(dist, 'assets/tfjs-backend-wasm-1.wasm'), 'w');
    writeFileSync(join(dist, 'models/vheat.safetensors'), 'a');
    expect(writeServiceWorker(dist)).toBe(4);
    const first = constants();
    expect(first.precache).toEqual(['./assets/index-abc.js', './assets/tfjs-backend-wasm-1.wasm', './', './models/vheat.safetensors']);
    expect(writeServiceWorker(dist)).toBe(4); // its own sw.js is not listed
    expect(constants().cache).toBe(first.cache);
    writeFileSync(join(dist, 'models/vheat.safetensors'), 'b');
    writeServiceWorker(dist);
    expect(constants().cache).not.toBe(first.cache);
  });
});

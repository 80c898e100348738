// Every refusal where untrusted input enters (the readers of model files and images, the command line, the page's
// engine worker) is a typed error with a code (src/engine/errors.ts), never a plain Error: callers branch on the
// code and tests assert it. A plain `throw new Error(` in these folders fails this test, naming the file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['src/engine/weights', 'src/engine/image', 'src/cli', 'src/app/worker'];
const TEST_OR_HELPER = /\.(test|spec)\.tsx?$|\/testing\//;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.tsx?$/.test(e.name) && !TEST_OR_HELPER.test(path) ? [path] : [];
  });
}

describe('typed errors at the input boundaries', () => {
  it(`no plain Error is thrown in ${FOLDERS.join(', ')}`, () => {
    const plain = FOLDERS.flatMap((folder) => files(join(ROOT, folder))).flatMap((path) =>
      readFileSync(path, 'utf8').split('\n').flatMap((line, i) => (/throw new Error\(/.test(line) ? [`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(plain).toEqual([]);
  });
});

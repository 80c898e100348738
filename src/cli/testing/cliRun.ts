// Shared by the command line's tests: the repository paths, a temporary folder removed after the file's tests, and
// main() run in process with stdout and stderr captured.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../main';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const parityFixture = (f: string) => join(repoRoot, 'fixtures/parity', f);

/** A fresh temporary folder, removed when the calling test file is done. */
export function testFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

// Every error thrown in src is a typed error with a code (src/engine/errors.ts): an ESLint rule (eslint.config.js,
// no-restricted-syntax) forbids `new Error(` and `Error(` in src outside tests, wherever they stand (a throw, a
// reject(...), a variable). This test checks that the rule is on for src and off for tests, by linting snippets.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function typedErrorFindings(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => `${m.line}: ${m.message}`);
}

const PLAIN = `export function f(ok: boolean): Promise<void> {
  if (!ok) throw new Error('plain');
  return new Promise((_resolve, reject) => reject(new Error('plain too')));
}
export const g = (): Error => Error('no new');
`;

describe('the typed-error lint rule', () => {
  it('flags every plain Error in src: thrown, rejected, or called without new', async () => {
    for (const file of ['src/engine/ops/x.ts', 'src/app/worker/modelCache.ts', 'src/cli/y.ts', 'src/app/components/Z.tsx']) {
      expect(await typedErrorFindings(PLAIN, file), file).toHaveLength(3);
    }
  });

  it('leaves tests, test helpers and typed errors alone', async () => {
    expect(await typedErrorFindings(PLAIN, 'src/engine/ops/x.test.ts')).toEqual([]);
    expect(await typedErrorFindings(PLAIN, 'src/engine/ops/testing/helper.ts')).toEqual([]);
    expect(await typedErrorFindings(`import { InternalError } from '../errors';\nthrow new InternalError('typed');\n`, 'src/engine/ops/x.ts')).toEqual([]);
  });
});

#!/usr/bin/env node
// The `vheat` command (package bin): runs the built JavaScript in dist-cli/ (tools/cli/build.mjs, run by `npm ci` /
// `npm install` through `prepare`, and by `npm run test:unit`). A checkout that was never installed has no build:
// then src/cli/main.ts is compiled at start through tsx, as before, with a note on stderr.
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/main.mjs', import.meta.url);
let main;
if (existsSync(built)) ({ main } = await import(built.href));
else {
  process.stderr.write('vheat: no build in dist-cli/ (run `npm run build:cli`); compiling the TypeScript sources\n');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

// Builds the `vheat` command as plain JavaScript: src/cli/main.ts and what it imports from src/ bundled by esbuild
// into dist-cli/ (ES modules, one chunk per command so `vheat --version` loads no tfjs); packages under node_modules
// stay imports. Run by `npm ci` / `npm install` (the `prepare` script) and by `npm run test:unit`; takes about a second.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outdir = `${root}dist-cli`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: `${root}src/cli/main.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
});

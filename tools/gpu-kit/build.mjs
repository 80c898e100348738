#!/usr/bin/env node
// `npm run gpu-kit [-- --fast] [--out DIR]`: writes one folder (default gpu-kit/, git-ignored) that runs the
// benchmark suites on a bare x86-64 Linux machine with a Vulkan driver and nothing else installed:
//   node.xz              this Node's own binary (process.execPath), xz-compressed
//   dawn.node.xz         Dawn for Node (the `webgpu` package's prebuilt linux-x64 binary) and its index.js
//   heatlab-bench.mjs.xz the engine and the Node suites as one esbuild bundle (bench/nodeMain.ts)
//   wasm/                tfjs-backend-wasm's binaries (the CPU path)
//   run.sh               unpacks to /tmp, prints the adapter, runs the suites, writes JSON into a folder
//   run-torch.py, heatnets/  PyTorch eager (and torch.compile) timings of the same vHeat-T on CUDA, if there is one
// Weights are made on the target from seeds. --fast: xz -1 (the test's build: ~5x less CPU, ~4 MB bigger).
// The compressed Node is reused while the same Node binary and level made it (stamp file).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
export const KIT_LIMIT_BYTES = 40 * 1024 * 1024;

function parseArgs(argv) {
  const args = { fast: false, out: join(root, 'gpu-kit') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--fast') args.fast = true;
    else if (argv[i] === '--out') args.out = resolve(argv[++i]);
    else throw new Error(`gpu-kit: unknown argument ${argv[i]} (--fast, --out DIR)`);
  }
  return args;
}

/** xz-compresses `src` into `dest` unless `dest` was made from the same file (size, mtime) at the same level. */
function xzCached(src, dest, level) {
  const s = statSync(src);
  const stamp = `${src} ${s.size} ${s.mtimeMs} -${level}`;
  const stampFile = `${dest}.stamp`;
  if (existsSync(dest) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  execFileSync('sh', ['-c', `xz -${level} -T0 -c "$0" > "$1"`, src, dest], { stdio: 'inherit' });
  writeFileSync(stampFile, stamp);
}

async function bundle(out) {
  const js = join(out, 'heatlab-bench.mjs');
  await build({
    entryPoints: [join(root, 'bench/nodeMain.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: js,
    external: ['webgpu'],
    minify: true,
    // Program class names survive: tfjs-webgpu's profiler names each program by its constructor.
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    // tfjs-backend-wasm's Emscripten loader calls require('fs') and reads __dirname.
    banner: { js: "import{createRequire as __cr}from'node:module';import{fileURLToPath as __fu}from'node:url';import{dirname as __dn}from'node:path';const require=__cr(import.meta.url);const __filename=__fu(import.meta.url);const __dirname=__dn(__filename);" },
  });
  rmSync(`${js}.xz`, { force: true });
  execFileSync('xz', ['-6', '-T0', js]);
}

function copyDawn(out, level) {
  const pkg = dirname(require.resolve('webgpu/package.json'));
  xzCached(join(pkg, 'dist/linux-x64/dawn.node'), join(out, 'dawn.node.xz'), level);
  mkdirSync(join(out, 'webgpu'), { recursive: true });
  for (const f of ['index.js', 'package.json', 'LICENSE.md']) copyFileSync(join(pkg, f), join(out, 'webgpu', f));
}

function copyRest(out) {
  const wasm = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  mkdirSync(join(out, 'wasm'), { recursive: true });
  for (const f of readdirSync(wasm).filter((n) => n.endsWith('.wasm'))) copyFileSync(join(wasm, f), join(out, 'wasm', f));
  for (const f of ['run.sh', 'run-torch.py', 'README.txt']) copyFileSync(join(root, 'tools/gpu-kit', f), join(out, f));
  chmodSync(join(out, 'run.sh'), 0o755);
  rmSync(join(out, 'heatnets'), { recursive: true, force: true });
  cpSync(join(root, 'tools/python/heatnets'), join(out, 'heatnets'), { recursive: true, filter: (p) => !p.includes('__pycache__') });
}

function folderBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.endsWith('.stamp')) continue;
    const p = join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

const args = parseArgs(process.argv.slice(2));
const level = args.fast ? 1 : 6;
mkdirSync(args.out, { recursive: true });
xzCached(process.execPath, join(args.out, 'node.xz'), level);
copyDawn(args.out, level);
await bundle(args.out);
copyRest(args.out);
const bytes = folderBytes(args.out);
const mib = (bytes / 1024 / 1024).toFixed(1);
console.log(`gpu-kit: ${args.out}: ${mib} MiB (limit 40 MiB; Node ${process.version}, xz -${level})`);
if (bytes > KIT_LIMIT_BYTES) {
  console.error(`gpu-kit: ${mib} MiB is over the 40 MiB limit`);
  process.exit(1);
}

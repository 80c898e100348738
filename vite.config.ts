import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tsImport } from 'tsx/esm/api';
import type { Connect, Plugin } from 'vite';

// Cross-origin isolation (SharedArrayBuffer): lets the CPU fallback (tfjs-wasm) run its matMuls and convs on
// several threads. The app loads nothing from other origins, so require-corp costs nothing. A static host must
// send the same two headers (README, "Deploying").
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The official ImageNet checkpoints, downloaded by the server for the page into the cache `vheat fetch` fills
// (tools/vite/officialModelsRoute.ts, loaded through tsx when a server starts: the config itself stays free of the
// project's TypeScript, which Vite's config loader would otherwise bundle, with a warning for every import).
const officialRoute = async (): Promise<Connect.NextHandleFunction> =>
  ((await tsImport('./tools/vite/officialModelsRoute.ts', import.meta.url)) as typeof import('./tools/vite/officialModelsRoute')).officialModelsHandler();
const officialModels: Plugin = {
  name: 'heat-lab-official-models',
  configureServer: async (server) => void server.middlewares.use(await officialRoute()),
  configurePreviewServer: async (server) => void server.middlewares.use(await officialRoute()),
};

// The offline cache of the production build: dist/sw.js, written once every file of dist/ is there
// (tools/vite/serviceWorker.ts). Builds only: the dev server never has a service worker.
let outDir = 'dist';
const serviceWorker: Plugin = {
  name: 'heat-lab-service-worker',
  apply: 'build',
  configResolved: (config) => void (outDir = config.build.outDir),
  closeBundle: async () =>
    void ((await tsImport('./tools/vite/serviceWorker.ts', import.meta.url)) as typeof import('./tools/vite/serviceWorker')).writeServiceWorker(outDir),
};

export default defineConfig({
  plugins: [react(), officialModels, serviceWorker],
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        // tfjs-wasm starts its threaded build's pthread workers from the source text of its factory function
        // (Function.prototype.toString), which reads `_scriptDir` of the enclosing scope behind a
        // `typeof _scriptDir !== "undefined"` guard. Mangling renames it (the workers die on "e is not defined"), and
        // compression drops the guard as redundant for a declared variable (they die on "_scriptDir is not
        // defined"); either kills the CPU fallback in the build (e2e/production.spec.ts). So the worker bundle is
        // mangled around that one name and not compressed: 2.54 instead of 2.46 MB.
        minify: { compress: false, mangle: { reserved: ['_scriptDir'] }, codegen: true },
      },
    },
  },
  server: { port: 5173, strictPort: false, headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation (SharedArrayBuffer): lets the CPU fallback (tfjs-wasm) run its matMuls and convs on
// several threads. The app loads nothing from other origins, so require-corp costs nothing. A static host must
// send the same two headers (README, "Deploying").
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false, headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});

// Registers the production build's service worker (dist/sw.js, tools/vite/serviceWorker.ts), which keeps the app, the
// engine's wasm binaries and the bundled models for visits without a network. The dev server has none.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the page has loaded: its ~20 MB of precaching does not compete with the first start.
  const register = () => void navigator.serviceWorker.register('sw.js').catch((e: unknown) => console.warn('the offline cache (service worker) did not register:', e));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

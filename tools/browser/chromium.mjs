// Finds a Chromium binary for tests and benchmarks, in this order:
//   1. $CHROMIUM_PATH (or $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH), when set it must exist;
//   2. Playwright's own downloaded Chromium, if `npx playwright install` ever worked;
//   3. Debian's /usr/bin/chromium (apt-get install -y chromium).
// Fails with a message that says what to install.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function findChromium() {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const value = process.env[name];
    if (value) {
      if (!existsSync(value)) throw new Error(`${name}=${value} does not exist`);
      return value;
    }
  }
  try {
    const { chromium } = require('playwright');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright's browser is not downloaded: fall through to the system one.
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'No Chromium found. Install one (Debian: `sudo apt-get install -y chromium`) ' +
      'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
  );
}

/** Launch flags: WebGPU on (SwiftShader where there is no GPU), no network chatter. */
export function chromiumArgs({ disableWebGPU = false } = {}) {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ];
  if (!disableWebGPU) args.push('--enable-unsafe-webgpu', '--enable-features=Vulkan');
  else args.push('--disable-webgpu');
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

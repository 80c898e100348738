import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../engine/errors';
import { EXIT_STATUS, EXIT_STATUS_HELP } from './exitStatus';
import { main } from './main';

describe('exit statuses', () => {
  it('--help states the status of every error code', async () => {
    let out = '';
    expect(await main(['--help'], (s) => (out += s))).toBe(0);
    expect(out).toContain(EXIT_STATUS_HELP);
    for (const code of ERROR_CODES) {
      const status = EXIT_STATUS[code];
      expect(out, code).toMatch(new RegExp(`\\n  ${status}  `));
      if (status === 1 || status === 4) expect(out, code).toContain(`[${code}]`);
    }
  });

  it('a usage error exits 2, a refused input 1 with its code', async () => {
    let err = '';
    expect(await main(['predict', '--model'], () => {}, (s) => (err += s))).toBe(2);
    expect(err).toMatch(/^vheat predict: --model needs a value\nusage:/);
    err = '';
    expect(await main(['inspect', 'no-such-file.safetensors'], () => {}, (s) => (err += s))).toBe(1);
    expect(err).toMatch(/^vheat inspect: no-such-file\.safetensors: .* \[unreadable\]\n$/);
  });
});

import { describe, expect, it } from 'vitest';
import { initialSettingsText, parseSettings } from './benchmarkSettings';

describe('benchmark settings', () => {
  it('defaults to the real sizes and takes overrides from the URL', () => {
    expect(initialSettingsText('')).toEqual({ sizes: '224, 384, 512, 768', runs: '5', warmup: '1' });
    expect(initialSettingsText('?bench-sizes=32,64&bench-runs=1&bench-warmup=0')).toEqual({ sizes: '32, 64', runs: '1', warmup: '0' });
  });

  it('sorts and de-duplicates sizes and refuses what cannot run', () => {
    expect(parseSettings({ sizes: '64, 32 64', runs: '1', warmup: '0' }, 7)).toEqual({ settings: { sizes: [32, 64], runs: 1, warmup: 0, seed: 7 } });
    expect(parseSettings({ sizes: '16', runs: '1', warmup: '0' }, 7)).toHaveProperty('problem');
    expect(parseSettings({ sizes: '224', runs: '0', warmup: '0' }, 7)).toHaveProperty('problem');
    expect(parseSettings({ sizes: '224', runs: '2', warmup: '-1' }, 7)).toHaveProperty('problem');
  });
});

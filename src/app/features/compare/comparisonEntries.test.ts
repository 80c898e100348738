import { describe, expect, it } from 'vitest';
import type { BundledModelEntry, ComparisonErf } from '../../worker/protocol';
import { areaRows, comparisonEntries, shortTitle } from './comparisonEntries';

const entry = (id: string, family: BundledModelEntry['family'], samples?: string): BundledModelEntry => ({ id, file: `${id}.safetensors`, title: `${id} · x`, family, samples });

describe('comparisonEntries', () => {
  const bundled = [entry('vheat', 'vheat', 'fashion'), entry('hcnet', 'hcnet', 'fashion'), entry('photo', 'vheat', 'photos'), entry('vit', 'vit', 'fashion')];

  it('lists every bundled model of the loaded one’s domain, whatever its family, the loaded one first', () => {
    expect(comparisonEntries(bundled, 'hcnet').map((e) => e.id)).toEqual(['hcnet', 'vheat', 'vit']);
    expect(comparisonEntries(bundled, 'photo').map((e) => e.id)).toEqual(['photo']);
  });

  it('lists none for a model that is not bundled or has no domain', () => {
    expect(comparisonEntries(bundled, 'dropped-file')).toEqual([]);
    expect(comparisonEntries([entry('a', 'vheat')], 'a')).toEqual([]);
    expect(comparisonEntries(bundled, null)).toEqual([]);
  });
});

describe('areaRows', () => {
  const column = (id: string, ratios: [number, number][]): ComparisonErf => ({
    id, title: id, family: 'vheat',
    erf: { ratios: ratios.map(([threshold, areaRatio]) => ({ threshold, areaRatio, box: [0, 0, 1, 1] })) } as ComparisonErf['erf'],
  });

  it('gives one row per threshold and one value per model, null where a model lacks the threshold', () => {
    const rows = areaRows([column('a', [[0.2, 0.1], [0.5, 0.3], [0.99, 0.9]]), column('b', [[0.2, 0.05], [0.99, 1]])]);
    expect(rows).toEqual([
      { threshold: 0.2, ratios: [0.1, 0.05] },
      { threshold: 0.5, ratios: [0.3, null] },
      { threshold: 0.99, ratios: [0.9, 1] },
    ]);
  });
});

it('shortTitle keeps the part before the first dot separator', () => {
  expect(shortTitle('vHeat 1.9M · Fashion-MNIST · 93.49% top-1')).toBe('vHeat 1.9M');
  expect(shortTitle('plain')).toBe('plain');
});

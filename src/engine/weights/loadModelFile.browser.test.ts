// The checkpoint loader inside Chromium: no Node APIs (fetch, crypto.subtle, DecompressionStream).

import { describe, expect, it } from 'vitest';
import { WeightFileError } from './errors';
import { loadModelFile, toWebFormat } from './index';
import { stateDictPickle } from './testing/pickleWriter';
import { buildZip } from './testing/zipWriter';

async function fixture(name: string): Promise<Uint8Array> {
  const res = await fetch(new URL(`../../../fixtures/torch/${name}`, import.meta.url));
  expect(res.ok).toBe(true);
  return new Uint8Array(await res.arrayBuffer());
}

describe('loadModelFile in the browser', () => {
  it('loads a real torch.save training checkpoint and round-trips the web format', async () => {
    const bytes = await fixture('vheat_training.pth');
    const m = await loadModelFile(bytes, 'vheat_training.pth');
    expect(m.config).toMatchObject({ family: 'vheat', dims: [8, 16, 24, 32], postNorm: true, layerScale: true, numClasses: 5 });
    expect(m.provenance.weights).toBe('model_ema');
    expect(m.provenance.source_sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = await loadModelFile(toWebFormat(m, { fp16: true }), 'vheat.safetensors');
    expect(back.config).toEqual(m.config);
    expect(back.weights.size).toBe(m.weights.size);
  });

  it('caps deflated entries with DecompressionStream (deflate bomb refused)', async () => {
    const pkl = stateDictPickle([{ name: 'w', key: '0', storageNumel: 1, shape: [1], stride: [1] }]).stop().bytes();
    const bomb = await buildZip([{ name: 'a/data.pkl', data: new Uint8Array(4 << 20), method: 8, declaredSize: pkl.length }]);
    const err = await loadModelFile(bomb, 'bomb.pth').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeightFileError);
    expect((err as WeightFileError).reason).toMatch(/inflates past its declared size/);
  });
});

import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n/i18n';
import type { FullResResult } from '../../worker/protocol';
import { captionLines, frameLabel } from './fullResText';

const image = { imageName: 'cat.jpg', sourceWidth: 4032, sourceHeight: 3024, width: 512, height: 384 };
const uniform = { ...image, times: [0, 0.46, 100], mode: { kind: 'uniform', k: 12 } } as unknown as FullResResult;
const hcnet = {
  ...image, times: [0, 1, 100], mode: { kind: 'hcnet', stage: 0, block: 1 },
  hcnet: { alpha: 0.5, blockAlpha: 0.5, k: 0.1875, alphaMax: 1.333333, proxyWidth: 64, proxyHeight: 48 },
} as unknown as FullResResult;

describe('the full-resolution words', () => {
  it('read as before in English: numbers with the same digits, pixel sizes ungrouped', () => {
    expect(frameLabel(uniform, 1)).toBe('t = 0.46');
    expect(frameLabel(hcnet, 2)).toBe('step n = 100 (spectral: t = 100 steps)');
    expect(captionLines(uniform, 1, 512).slice(1)).toEqual([
      'By this t a sharp detail has spread over about √(2kt) = 3.3 px (k = 12).',
      'cat.jpg: 4032 × 3024 px, diffused at 512 × 384 (long side capped at 512 px).',
    ]);
    expect(captionLines(hcnet, 2, 512)[1]).toBe(
      'The step is stable only for α ≤ α_max = 1.33 (computed on a 64 × 48 map of this shape); above it the finest checkerboard grows every step.',
    );
  });

  it('follow the page language', () => {
    changeLanguage('zh-CN');
    try {
      expect(frameLabel(hcnet, 1)).toBe('第 n = 1 步（频谱解：t = 1 步）');
      expect(captionLines(uniform, 1, 512)[2]).toBe('cat.jpg：4032 × 3024 px，在 512 × 384 上扩散（长边上限 512 px）。');
    } finally {
      changeLanguage('en');
    }
  });
});

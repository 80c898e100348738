import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n/i18n';
import { provenanceRows } from './provenanceText';

describe('provenanceRows', () => {
  it('names the keys in words and makes values readable; unknown keys stay as they are', () => {
    const rows = provenanceRows({ trainedBy: 'train.py', trainWallSeconds: '2017.8', source_sha256: 'a3', weights: 'model', storage: 'f32', other_key: 'x' });
    expect(rows).toEqual([
      { key: 'trainedBy', label: 'Trained by', value: 'train.py' },
      { key: 'trainWallSeconds', label: 'Training time', value: '33.6 min' },
      { key: 'source_sha256', label: 'SHA-256 of that file', value: 'a3' },
      { key: 'weights', label: 'Weights used', value: 'raw weights (not the EMA copy)' },
      { key: 'storage', label: 'Stored as', value: 'float32' },
      { key: 'other_key', label: 'other_key', value: 'x' },
    ]);
  });

  it('follows the page language; keys and stored values the page does not name stay as written', () => {
    changeLanguage('zh-CN');
    try {
      const rows = provenanceRows({ trainWallSeconds: '2017.8', storage: 'f16', other_key: 'x' });
      expect(rows).toEqual([
        { key: 'trainWallSeconds', label: '训练用时', value: '33.6 分钟' },
        { key: 'storage', label: '存储类型', value: 'float16（半精度）' },
        { key: 'other_key', label: 'other_key', value: 'x' },
      ]);
    } finally {
      changeLanguage('en');
    }
  });
});

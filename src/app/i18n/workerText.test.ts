// The worker's words in the page's language: keys with values, nested words, the backend's reasons.
import { describe, expect, it } from 'vitest';
import { changeLanguage } from './i18n';
import { describeBackend, workerText } from './workerText';

describe('workerText', () => {
  const words = { key: 'compare.ofModel', values: { model: 'HcNet 1.6M', what: { key: 'erf.gradients', values: { images: 13 } } } };

  it('fills in values and nested words, in the language shown', () => {
    expect(workerText(words)).toBe('HcNet 1.6M: gradients of 13 images');
    changeLanguage('zh-CN');
    try {
      expect(workerText(words)).toBe('HcNet 1.6M：13 张图像的梯度');
      expect(describeBackend({ backend: 'wasm', adapter: '', softwareAdapter: false, webgpuUnavailable: { key: 'backend.noAdapter' } }).webgpuUnavailable).toBe('没有可用的 WebGPU 适配器');
    } finally {
      changeLanguage('en');
    }
  });

  it('says so when WebGPU runs on an adapter with no description, and leaves the CPU path without one', () => {
    expect(describeBackend({ backend: 'webgpu', adapter: '', softwareAdapter: false }).adapter).toBe('unknown adapter');
    expect(describeBackend({ backend: 'wasm', adapter: '', softwareAdapter: false })).toEqual({ backend: 'wasm', adapter: '', softwareAdapter: false });
  });
});

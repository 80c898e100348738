import { describe, expect, it } from 'vitest';
import { multiplierToSlider, sliderToMultiplier, ONE_AT, SLIDER_MAX } from './diffusivityScale';
import { formatUrlState, parseUrlState } from './urlState';

describe('diffusivity slider scale', () => {
  it('reaches 0 at the left end, 1 at ONE_AT and 10 at the right end', () => {
    expect(sliderToMultiplier(0)).toBe(0);
    expect(sliderToMultiplier(ONE_AT)).toBe(1);
    expect(sliderToMultiplier(SLIDER_MAX)).toBeCloseTo(10, 12);
    expect(sliderToMultiplier(1)).toBeGreaterThan(0);
  });
  it('round-trips every position and is increasing', () => {
    for (let p = 0; p <= SLIDER_MAX; p++) {
      expect(multiplierToSlider(sliderToMultiplier(p))).toBe(p);
      if (p > 0) expect(sliderToMultiplier(p)).toBeGreaterThan(sliderToMultiplier(p - 1));
    }
  });
  it('clamps values outside the range', () => {
    expect(multiplierToSlider(1e-9)).toBe(1);
    expect(multiplierToSlider(1e9)).toBe(SLIDER_MAX);
    expect(multiplierToSlider(Number.NaN)).toBe(0);
  });
});

describe('URL state', () => {
  it('round-trips model, image, sliders, stage and block', () => {
    const s = { model: 'fashion-vheat', image: 'photo:rocket', global: 0, perStage: [1, 0.5, 2, 1], stage: 2, block: 1 };
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
  });
  it('leaves defaults out and ignores junk', () => {
    expect(formatUrlState({ global: 1, perStage: [1, 1], stage: 0, block: 0 })).toBe('');
    // Stages and blocks are numbered from 1 in the URL, as on the page: stage index 2, block index 1 is stage 3, block 2.
    expect(formatUrlState({ stage: 2, block: 1 })).toBe('?stage=3&block=2');
    expect(parseUrlState('?stage=1&block=1')).toMatchObject({ stage: 0, block: 0 });
    expect(parseUrlState('?stage=0&block=0')).toMatchObject({ stage: undefined, block: undefined });
    expect(parseUrlState('?k=-3&ks=1,x&stage=abc')).toEqual({ model: undefined, image: undefined, global: undefined, perStage: undefined, stage: undefined, block: undefined });
  });
  it('round-trips what defines the views: channel mode, heat time, scaling, ERF point, rendering, opacity, dev flag', () => {
    const s = { channelMode: { kind: 'channel' as const, channel: 7 }, heatTime: 0.25, frameScaling: 'per-frame' as const, probe: { row: 3, col: 12 }, smooth: true, overlayOpacity: 0.35, dev: true, forceWebgpu: true };
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
    expect(formatUrlState({ channelMode: { kind: 'pca' }, probe: { row: 0, col: 0 } })).toBe('?ch=pca&p=0%2C0');
    expect(parseUrlState('?ch=c99999999&p=1,2,3&opacity=3&render=blurry')).toEqual({});
  });
});

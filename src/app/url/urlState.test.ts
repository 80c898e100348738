import { describe, expect, it } from 'vitest';
import { scaleToSlider, sliderToScale, ONE_AT, SLIDER_MAX } from '../features/diffusivity/diffusivityScale';
import { formatFullResHash, formatUrlState, FULL_RES_DEFAULTS, parseFullResHash, parseUrlState } from './urlState';

describe('diffusivity slider scale', () => {
  it('reaches 0 at the left end, 1 at ONE_AT and 10 at the right end', () => {
    expect(sliderToScale(0)).toBe(0);
    expect(sliderToScale(ONE_AT)).toBe(1);
    expect(sliderToScale(SLIDER_MAX)).toBeCloseTo(10, 12);
    expect(sliderToScale(1)).toBeGreaterThan(0);
  });
  it('round-trips every position and is increasing', () => {
    for (let p = 0; p <= SLIDER_MAX; p++) {
      expect(scaleToSlider(sliderToScale(p))).toBe(p);
      if (p > 0) expect(sliderToScale(p)).toBeGreaterThan(sliderToScale(p - 1));
    }
  });
  it('clamps values outside the range', () => {
    expect(scaleToSlider(1e-9)).toBe(1);
    expect(scaleToSlider(1e9)).toBe(SLIDER_MAX);
    expect(scaleToSlider(Number.NaN)).toBe(0);
  });
});

describe('URL state', () => {
  it('round-trips model, image, sliders, stage and block', () => {
    const s = { model: 'fashion-vheat', image: 'photo:rocket', global: 0, perStage: [1, 0.5, 2, 1], stage: 2, block: 1 };
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
  });
  it('leaves defaults out and ignores junk', () => {
    expect(formatUrlState({ global: 1, perStage: [1, 1], stage: 0, block: 0 })).toBe('');
    expect(parseUrlState('?k=-3&ks=1,x&stage=abc')).toEqual({ model: undefined, image: undefined, global: undefined, perStage: undefined, stage: undefined, block: undefined });
  });
  it('round-trips what defines the views: channel mode, heat time, scaling, ERF point, rendering, opacity, dev flag', () => {
    const s = { channelMode: { kind: 'channel' as const, channel: 7 }, heatTime: 0.25, frameScaling: 'per-frame' as const, probe: { row: 3, col: 12 }, smooth: true, overlayOpacity: 0.35, dev: true, forceWebgpu: true };
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
    expect(formatUrlState({ channelMode: { kind: 'pca' }, probe: { row: 0, col: 0 } })).toBe('?ch=pca&p=0%2C0');
    expect(parseUrlState('?ch=c99999999&p=1,2,3&opacity=3&render=blurry')).toEqual({});
  });
  it('keeps the language: ?lang=zh-CN and ?lang=en, written as given, junk ignored', () => {
    expect(parseUrlState(formatUrlState({ lang: 'zh-CN' }))).toEqual({ lang: 'zh-CN' });
    expect(formatUrlState({ model: 'fashion-vheat', lang: 'en' })).toBe('?model=fashion-vheat&lang=en');
    expect(formatUrlState({ lang: 'zh-CN' })).toBe('?lang=zh-CN');
    expect(parseUrlState('?lang=zh_CN').lang).toBe('zh-CN');
    expect(parseUrlState('?lang=fr').lang).toBeUndefined();
    expect(formatUrlState({})).toBe('');
  });
});

describe('old links', () => {
  it('still open: the scales under their old names k and ks, when the new dscale and dscales are absent', () => {
    expect(parseUrlState('?model=fashion-vheat&k=0.5&ks=1,2,0.5,1')).toMatchObject({ model: 'fashion-vheat', global: 0.5, perStage: [1, 2, 0.5, 1] });
    expect(parseUrlState('?dscale=2&k=0.5')).toMatchObject({ global: 2 });
    expect(formatUrlState({ global: 0.5, perStage: [1, 2] })).toBe('?dscale=0.5&dscales=1%2C2');
  });
  it('still open the full-resolution view from its #fr= hash', () => {
    expect(parseFullResHash('#fr=mode=block;k=3.5;t=4;smooth=1;side=512')).toEqual({ mode: 'block', k: 3.5, frame: 4, smooth: true, maxSide: 512 });
    expect(parseFullResHash('#fr=mode=uniform;k=10;t=10;smooth=0')).toEqual(FULL_RES_DEFAULTS);
    expect(parseFullResHash('')).toEqual(FULL_RES_DEFAULTS);
    expect(parseFullResHash('#fr=k=-1;t=x;side=77')).toEqual(FULL_RES_DEFAULTS);
  });
  it('round-trips the full-resolution settings', () => {
    const s = { mode: 'block' as const, k: 0.25, frame: 0, smooth: false, maxSide: 1024 };
    expect(parseFullResHash(formatFullResHash(s))).toEqual(s);
  });
});

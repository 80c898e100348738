// The heat figure's texts (page and exported captions) in both languages: English as it always read, Chinese
// from the catalogue, following a language switch made after the module was loaded.
import { afterEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n/i18n';
import { heatFigureText, modeLabel, timeText } from './heatFigureText';
import { channelBars, conductionSummary } from './channelStripData';
import { formatFixed, formatSignificant } from './formatDigits';

const vheat = { hcnet: false, modelTitle: 'vHeat-T', stage: 0, block: 1, scale: 0.5, perFrame: false };

afterEach(() => changeLanguage('en'));

describe('heat figure texts', () => {
  it('read in English as before the catalogue', () => {
    expect(heatFigureText(vheat, 1)).toEqual({
      title: 'vHeat-T: stage 1 block 2, t = 1',
      lead: 'Heat at t = 1.',
      text: "vHeat-T, stage 1, block 2. The block treats its features as a temperature and lets it diffuse. t = 0 is the block's input, t = 1 exactly what the block computes (s = 0.500), larger t carries on: detail blurs out and each channel tends to its mean. Bright = much feature energy. By default only the channels that conduct (k > 0 somewhere) are counted: the others never change and would hide the spreading. One colour scale for all times.",
    });
    expect(heatFigureText({ ...vheat, hcnet: true, perFrame: true }, 8).lead).toBe("Heat after 8 explicit steps of this block's HcNet update.");
    expect([0, 1, 2].map((n) => timeText(true, n))).toEqual(['0 explicit steps', '1 explicit step', '2 explicit steps']);
    expect(modeLabel({ kind: 'channel', channel: 3 })).toBe('u in channel 3, arbitrary units');
  });

  it('follow a switch to Simplified Chinese, with no key left untranslated', () => {
    changeLanguage('zh-CN');
    const zh = heatFigureText({ ...vheat, hcnet: true }, 8);
    expect(zh.title).toBe('vHeat-T：阶段 1 块 2，8 个显式步');
    expect(zh.text).toMatch(/^vHeat-T，阶段 1，块 2。每个显式步/);
    expect(modeLabel({ kind: 'conducting' })).toBe('导热通道的热，任意单位');
    expect(conductionSummary(channelBars([0.5, 0, 0.25], [true, false, true]), 'k')).toBe('3 个通道中 2 个导热；1 个从不导热（k = 0）：它们保留局部细节');
    for (const s of Object.values(heatFigureText(vheat, 0.1))) expect(s).not.toMatch(/figure\.|[A-Za-z]{4,} [a-z]{3,}/);
  });

  it('round as toFixed and toPrecision did', () => {
    expect(formatSignificant(0.5)).toBe('0.500');
    expect(formatSignificant(99.96)).toBe('100');
    expect(formatFixed(1.005, 2)).toBe((1.005).toFixed(2));
    expect(formatFixed(1234.56, 1, false)).toBe('1234.6');
  });
});

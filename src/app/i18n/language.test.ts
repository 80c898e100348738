import { describe, expect, it } from 'vitest';
import { detectLanguage, parseLanguage } from './language';

describe('language', () => {
  it('reads the tags browsers and people write', () => {
    expect(parseLanguage('zh')).toBe('zh-CN');
    expect(parseLanguage('zh_CN')).toBe('zh-CN');
    expect(parseLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(parseLanguage('zh-TW')).toBeUndefined(); // Traditional script: not offered Simplified Chinese
    expect(parseLanguage('en-GB')).toBe('en');
    expect(parseLanguage('fr')).toBeUndefined();
  });
  it('takes the URL first, then the browser, then English', () => {
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
    expect(detectLanguage(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(detectLanguage('xx', ['de'])).toBe('en');
  });
});

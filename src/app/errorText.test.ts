import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EngineStateError, InputError, InternalError, UnavailableError } from '../engine/errors';
import { codeMessage, errorText } from './errorText';
import { changeLanguage } from './i18n/i18n';
import { EngineError } from './engineClient';

describe('errorText', () => {
  it('has a message for every code, in both languages', () => {
    for (const code of ERROR_CODES) expect(codeMessage(code), code).toMatch(/^[A-Z]/);
    changeLanguage('zh-CN');
    try {
      for (const code of ERROR_CODES) expect(codeMessage(code), code).toMatch(/^[\u3400-\u9fff]/);
      // The headline is translated; the file and the engine's reason stay as the engine wrote them.
      expect(errorText(new InputError('cat.jpg', 'truncated JPEG', 'malformed'))).toBe('文件已损坏：cat.jpg：truncated JPEG');
    } finally {
      changeLanguage('en');
    }
  });

  it('starts with the code\'s meaning and names the file and the reason', () => {
    expect(errorText(new InputError('cat.jpg', 'truncated JPEG', 'malformed'))).toBe('The file is damaged: cat.jpg: truncated JPEG');
    const fromWorker = new EngineError({ name: 'ImageInputError', message: 'big.png: 40 MP', file: 'big.png', reason: '40 MP is over 16 MP', code: 'too-large' });
    expect(errorText(fromWorker)).toBe('Too large for this tab: big.png: 40 MP is over 16 MP');
    expect(errorText(new EngineStateError('model', 'is disposed'))).toBe('Not possible now: model: is disposed');
    expect(errorText(new UnavailableError('this browser cannot record WebM video'))).toBe('Not available in this browser: this browser cannot record WebM video');
    expect(errorText(new InternalError('a bug'))).toBe('Unexpected error: a bug');
    expect(errorText('a string')).toBe('Unexpected error: a string');
  });
});

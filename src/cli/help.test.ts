// `vheat --help` in English and Simplified Chinese: the language from --lang or the locale (LC_ALL, LC_MESSAGES,
// LANG), the same commands and options in both, and no English left in the Chinese help but option names, commands,
// placeholders, error codes, file and variable names, formats and units.
import { describe, expect, it } from 'vitest';
import { environmentLanguage } from './helpLanguage';
import { main } from './main';
import { COMMAND_NAMES } from './usage';

async function help(argv: string[], env: Record<string, string> = { LANG: 'C.UTF-8' }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s), env);
  return { code, out, err };
}

/** Option names (--stage) and commands (vheat erf) a help text lists. */
function listed(text: string): string[] {
  return [...new Set([...(text.match(/--[a-z][a-z0-9-]*/g) ?? []), ...(text.match(/vheat [a-z]+/g) ?? [])])].sort();
}

/** Latin words that stay Latin in the Chinese help: names, formats, units, symbols of the formulas, values typed. */
const KEPT = new Set([
  'vheat', 'vHeat', 'HcNet', 'ConvNeXt', 'ViT', 'WebGPU', 'GPU', 'CPU', 'JSON', 'ERF', 'RGB', 'NCHW', 'float32', 'safetensors', 'logits',
  'top-5', 'null', 'stats', 'stderr', 'ImageNet-1k', 'URL', 'MB', 's', 'auto', 'unmeasured-gpu', 'npm', 'run', 'dev', 'preview',
  'webgpu', 'ROW', 'COL', 'NAME', 'sum_c', 'dX', 'c', 'd', 'g', 'h', 'k', 'p', 'w', 'C', 'H', 'J', 'K', 'N', 'S', 'T', 'W', 'Y', 'stage2_block1_',
]);

/** What is left of the Chinese help after the synopses (shared verbatim with English) and the code-like tokens. */
function englishLeft(zh: string, en: string): string[] {
  const synopsis = new Set(en.split('\n').filter((line) => /^\s*(vheat |\[|<)/.test(line.trim()) || /^ {2}vheat /.test(line)));
  const prose = zh.split('\n').filter((line) => !synopsis.has(line)).join('\n')
    .replace(/--[a-z][a-z0-9-]*/g, ' ') // option names
    .replace(/\[[a-z-]+\]/g, ' ') // error codes
    .replace(/`[^`]*`/g, ' ') // commands quoted
    .replace(/\$?[A-Z][A-Z_]{2,}[A-Z]/g, (m) => (/_/.test(m) || m.startsWith('$') ? ' ' : m)) // environment variables
    .replace(/[~.\w/-]*\/[\w./-]+|\.[a-z0-9]+\b|\?[\w=&]+/g, ' ') // paths, file extensions, URL queries
    .replace(/\b(swiftshader|software-unmeasured)\b/g, ' '); // the kernel-table rows listed
  return (prose.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? []).filter((w) => !KEPT.has(w) && !COMMAND_NAMES.includes(w) && !/^\d/.test(w));
}

describe('vheat --help in two languages', () => {
  it('takes the language from --lang, else LC_ALL, LC_MESSAGES, LANG (zh_CN.UTF-8 is Chinese), else English', async () => {
    expect(environmentLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(environmentLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LC_MESSAGES: 'zh_CN', LANG: 'C' })).toBe('zh-CN');
    expect(environmentLanguage({ LANG: 'zh_TW.UTF-8' })).toBe('en'); // Traditional script: not Simplified Chinese
    expect(environmentLanguage({})).toBe('en');
    const zh = await help(['--help', '--lang', 'zh-CN']);
    expect(zh).toMatchObject({ code: 0, err: '' });
    expect(zh.out).toMatch(/^用法：\n/);
    expect((await help(['--help'], { LANG: 'zh_CN.UTF-8' })).out).toBe(zh.out);
    expect((await help(['--lang=zh-CN', '--help'])).out).toBe(zh.out);
    expect((await help(['--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).out).toMatch(/^usage:\n/);
    expect(await help(['--help', '--lang', 'fr'])).toMatchObject({ code: 2, out: '', err: 'vheat: --lang is en or zh-CN, got "fr"\n' });
  });

  it('lists the same commands and options in both, for the whole help and each command', async () => {
    for (const argv of [['--help'], ...COMMAND_NAMES.map((c) => [c, '--help'])]) {
      const en = (await help(argv)).out;
      const zh = (await help([...argv, '--lang', 'zh-CN'])).out;
      expect(listed(zh), argv.join(' ')).toEqual(listed(en));
      expect(zh, argv.join(' ')).not.toBe(en);
    }
  });

  it('leaves no English in the Chinese help but names, options, commands, placeholders and units', async () => {
    for (const argv of [['--help'], ...COMMAND_NAMES.map((c) => [c, '--help'])]) {
      const en = (await help(argv)).out;
      const zh = (await help([...argv, '--lang', 'zh-CN'])).out;
      expect(englishLeft(zh, en), argv.join(' ')).toEqual([]);
      // The check itself finds the English of the English help.
      expect(englishLeft(en, en).length, argv.join(' ')).toBeGreaterThan(3);
    }
  });

  it('a command run with --lang zh-CN still runs (its errors stay English)', async () => {
    const r = await help(['predict', '--lang', 'zh-CN', '--model']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vheat predict: --model needs a value\nusage:/);
  });
});

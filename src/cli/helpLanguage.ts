// The language of `vheat --help`: --lang zh-CN|en, else the locale of the environment (LC_ALL, then LC_MESSAGES, then
// LANG, as POSIX reads them: zh_CN.UTF-8 is Simplified Chinese), else English. The help texts go through i18next
// (the page's library) with the catalogues of ./locales imported as JSON; errors stay in English, as they are
// written in the engine's typed errors.
import i18next, { type TFunction } from 'i18next';
import en from './locales/en/cli.json';
import zhCN from './locales/zh-CN/cli.json';
import { UsageError } from './args';

export const HELP_LANGUAGES = ['en', 'zh-CN'] as const;
export type HelpLanguage = (typeof HELP_LANGUAGES)[number];

const help = i18next.createInstance();
void help.init({
  resources: { en: { cli: en }, 'zh-CN': { cli: zhCN } },
  lng: 'en',
  fallbackLng: 'en',
  ns: ['cli'],
  defaultNS: 'cli',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** The help texts' translator for a language. */
export function helpText(language: HelpLanguage): TFunction {
  return help.getFixedT(language, 'cli');
}

/** A locale as --lang or the environment gives it ('zh_CN.UTF-8', 'zh-Hans', 'en_GB', 'C'): Chinese or English. */
function localeLanguage(locale: string): HelpLanguage {
  const tag = locale.split(/[.@]/)[0].replace('_', '-').toLowerCase();
  return tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans') ? 'zh-CN' : 'en';
}

/** The environment's language for messages: the first of LC_ALL, LC_MESSAGES, LANG that is set decides. */
export function environmentLanguage(env: Record<string, string | undefined>): HelpLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale === undefined ? 'en' : localeLanguage(locale);
}

/** Takes `--lang X` / `--lang=X` out of the command line: the language it names (else the environment's) and the rest. */
export function takeLanguage(argv: string[], env: Record<string, string | undefined>): { language: HelpLanguage; rest: string[] } {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at < 0) return { language: environmentLanguage(env), rest: argv };
  const inline = argv[at].startsWith('--lang=') ? argv[at].slice('--lang='.length) : undefined;
  const value = inline ?? argv[at + 1];
  const language = HELP_LANGUAGES.find((l) => l.toLowerCase() === value?.toLowerCase().replace('_', '-'));
  if (!language) throw new UsageError(`--lang is ${HELP_LANGUAGES.join(' or ')}, got ${JSON.stringify(value ?? '')}`);
  return { language, rest: [...argv.slice(0, at), ...argv.slice(at + (inline === undefined ? 2 : 1))] };
}

// The page's languages and how one is chosen: the URL's ?lang= first (a link keeps the reader's choice), then the
// browser's preferred languages, then English.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/** A language tag as browsers and people write it ('zh', 'zh-Hans-CN', 'zh_CN', 'en-GB'), or undefined for one the page lacks. */
export function parseLanguage(tag: string | null | undefined): Language | undefined {
  const t = tag?.trim().toLowerCase().replace('_', '-');
  if (!t) return undefined;
  // Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not Simplified Chinese: those readers get English, not the wrong script.
  if (t === 'zh' || t === 'zh-cn' || t.startsWith('zh-hans') || t === 'zh-sg') return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return undefined;
}

/** The language to show: the URL's, else the first of the browser's the page has, else English. */
export function detectLanguage(urlLanguage: string | null | undefined, browserLanguages: readonly string[]): Language {
  return parseLanguage(urlLanguage) ?? browserLanguages.map(parseLanguage).find((l) => l !== undefined) ?? 'en';
}

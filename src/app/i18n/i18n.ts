// The page's one translation layer (i18next with react-i18next). Strings live in ./locales/<language>/<namespace>.json,
// one namespace per feature; components take a translator with useT('<namespace>'), plain modules with tFor(...).
// Numbers go through formatNumber/formatPercent, which follow the language (Intl.NumberFormat).
import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from './language';

type Catalogue = Record<string, unknown>;

const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });

/** { en: { common: {...}, heat: {...} }, 'zh-CN': {...} } from the locale files. */
export function catalogues(): Record<Language, Record<string, Catalogue>> {
  const out = Object.fromEntries(LANGUAGES.map((l) => [l, {}])) as Record<Language, Record<string, Catalogue>>;
  for (const [path, catalogue] of Object.entries(files)) {
    const m = path.match(/\.\/locales\/([^/]+)\/([^/]+)\.json$/);
    if (m && m[1] in out) out[m[1] as Language][m[2]] = catalogue;
  }
  return out;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: catalogues(),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: Object.keys(catalogues().en),
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
  returnNull: false,
});

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
}

/** Switches every mounted component (they re-render) and the document's lang attribute. */
export function changeLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** A component's translator for one namespace (re-renders on a language change). */
export function useT(namespace: string): TFunction {
  return useTranslation(namespace).t;
}

/** A translator for plain modules (figure texts, export captions): it reads the language at each call. */
export function tFor(namespace: string): TFunction {
  return i18n.getFixedT(null, namespace);
}

/** A number in the page's language (grouping, decimal mark). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), options).format(value);
}

/** A fraction (0.871) as a percentage in the page's language ('87.1%'). */
export function formatPercent(fraction: number, digits = 1): string {
  return formatNumber(fraction, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
}

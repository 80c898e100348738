// The page's language: English or Simplified Chinese, each named in itself. A <select> (keyboard-usable as it is);
// a change shows at once and the URL keeps it (?lang=).
import { setLanguage } from '../../actions';
import { useT } from '../../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, parseLanguage } from '../../i18n/language';
import { useApp } from '../../store';

export function LanguageSwitch() {
  const language = useApp((s) => s.language);
  const t = useT('common');
  return (
    <select
      className="language-switch"
      value={language}
      aria-label={t('language')}
      title={t('language')}
      data-testid="language-switch"
      onChange={(e) => {
        const chosen = parseLanguage(e.currentTarget.value);
        if (chosen) setLanguage(chosen);
      }}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

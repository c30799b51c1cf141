import { useLocation } from 'react-router';
import { useLanguage } from '../i18n/I18nProvider';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useT } from '../i18n/useT';

/**
 * The three languages as links to the same page (`?lang=`), each written in itself: one tap,
 * readable whatever language the page is in, and they work before the script runs.
 */
export function LanguageSwitcher() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const { pathname, search } = useLocation();
  return (
    <nav aria-label={t('language.label')} className="language-switcher">
      <ul>
        {LANGUAGES.map((l) => {
          const params = new URLSearchParams(search);
          params.set('lang', l);
          return (
            <li key={l}>
              <a
                href={`${pathname}?${params.toString()}`}
                lang={l}
                hrefLang={l}
                aria-current={l === language ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setLanguage(l);
                }}
              >
                {LANGUAGE_NAMES[l]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

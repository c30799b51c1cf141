import {
  createContext,
  type ReactNode,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { I18nProvider as AriaI18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../hooks/session';
import { loadMessages, type Messages } from './catalogs';
import { type Language, resolveLanguage } from './languages';

interface LanguageContextValue {
  language: Language;
  /** Shows the page in another language, staying on it; saved to the account when signed in. */
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

export function useLanguage(): LanguageContextValue {
  const value = use(LanguageContext);
  if (!value) throw new Error('useLanguage outside I18nProvider');
  return value;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const { user, refresh } = useSession();
  // A choice made on this page beats the account's saved language until the save lands.
  const [chosen, setChosen] = useState<Language | undefined>();
  const query = searchParams.get('lang');
  const language = resolveLanguage({
    query,
    account: chosen ?? user?.language,
    navigator: typeof navigator === 'undefined' ? [] : navigator.languages,
  });
  const [loaded, setLoaded] = useState<{ language: Language; messages: Messages } | null>(null);

  useEffect(() => {
    let current = true;
    void loadMessages(language).then((messages) => {
      if (current) setLoaded({ language, messages });
    });
    return () => {
      current = false;
    };
  }, [language]);

  useEffect(() => {
    if (loaded) document.documentElement.lang = loaded.language;
  }, [loaded]);

  const setLanguage = useCallback(
    (next: Language) => {
      setChosen(next);
      if (user) {
        void api.PATCH('/api/v1/me', { body: { language: next } }).then(refresh);
      }
      // An explicit ?lang= would win over the choice: follow it, or keep the choice in the
      // address for a visitor who is not signed in (a reload keeps the language).
      if (query !== null || !user) {
        setSearchParams(
          (params) => {
            params.set('lang', next);
            return params;
          },
          { replace: true, preventScrollReset: true },
        );
      }
    },
    [user, query, refresh, setSearchParams],
  );

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  if (!loaded) return null;
  return (
    <LanguageContext value={value}>
      <IntlProvider locale={loaded.language} messages={loaded.messages} defaultLocale="en">
        {/* react-aria's date pickers, number fields and built-in labels follow the page. */}
        <AriaI18nProvider locale={loaded.language}>{children}</AriaI18nProvider>
      </IntlProvider>
    </LanguageContext>
  );
}

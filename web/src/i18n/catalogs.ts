import type en from './en.json';
import type { Language } from './languages';
import { READER_TIME_ZONE } from './time-zone';

export type Messages = typeof en;
export type MessageKey = keyof Messages;

interface PolyfilledDateTimeFormat {
  __setDefaultTimeZone?(timeZone: string): void;
}

/** One chunk per language: a page downloads only the catalog it shows. */
const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  en: () => import('./en.json'),
  ru: () => import('./ru.json'),
  kk: () => import('./kk.json'),
};

let kazakhIntl: Promise<void> | undefined;

/** Forces the formatjs Intl polyfills (see kk-intl.ts), once, when Kazakh is first shown. */
function loadKazakhIntl(): Promise<void> {
  kazakhIntl ??= import('./kk-intl').then(() => {
    // The polyfill's default zone is UTC; the reader's own is what "your time" means.
    (Intl.DateTimeFormat as PolyfilledDateTimeFormat).__setDefaultTimeZone?.(READER_TIME_ZONE);
  });
  return kazakhIntl;
}

export async function loadMessages(language: Language): Promise<Messages> {
  const [catalog] = await Promise.all([
    loaders[language](),
    language === 'kk' ? loadKazakhIntl() : undefined,
  ]);
  return catalog.default;
}

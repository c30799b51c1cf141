export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `ru-RU` → `ru`; a tag of a language we do not have → undefined. */
export function fromTag(tag: string): Language | undefined {
  const base = tag.toLowerCase().split('-')[0];
  return isLanguage(base) ? base : undefined;
}

/**
 * WEB.md's rule: `?lang=` in the address, then the signed-in account's language, then the
 * browser's languages in order, then English.
 */
export function resolveLanguage(input: {
  query: string | null;
  account: string | undefined;
  navigator: readonly string[];
}): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.account)) return input.account;
  for (const tag of input.navigator) {
    const lang = fromTag(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** Each language's name in itself, for the switcher (the same in every page language). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
};

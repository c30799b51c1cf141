import { readFileSync } from 'node:fs';

type Catalog = Record<string, string>;
const load = (lang: string): Catalog =>
  JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8'));

export const catalogs: Record<'en' | 'ru' | 'kk', Catalog> = {
  en: load('en'),
  ru: load('ru'),
  kk: load('kk'),
};

/** The literal stretches of a message (its ICU arguments and plural syntax removed). */
function fragments(message: string): string[] {
  // Innermost plural/select branches first: `{count, plural, one {# seat} other {# seats}}`.
  let text = message;
  for (let i = 0; i < 4; i++) text = text.replace(/\{[^{}]*\}/g, '\u0000');
  return text
    .split('\u0000')
    .map((f) => f.replace(/#/g, '').trim())
    .filter((f) => f.length >= 6 && /\p{L}{3}/u.test(f));
}

/**
 * Text of another language's catalog found on the page: every literal fragment (6+ chars) of
 * the other catalogs that the page's own catalog does not also contain.
 */
export function foreignStrings(pageText: string, language: 'en' | 'ru' | 'kk'): string[] {
  const own = Object.values(catalogs[language]).join('\n');
  const found = new Set<string>();
  for (const other of ['en', 'ru', 'kk'] as const) {
    if (other === language) continue;
    for (const message of Object.values(catalogs[other])) {
      for (const fragment of fragments(message)) {
        if (!own.includes(fragment) && pageText.includes(fragment))
          found.add(`${other}: ${fragment}`);
      }
    }
  }
  return [...found];
}

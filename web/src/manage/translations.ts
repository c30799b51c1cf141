import { LANGUAGES, type Language } from '../i18n/languages';

/**
 * Organizer-written text in the three languages (API.md `translations`). The plain fields are
 * the text written first: readers whose language has no translation fall back to it.
 */
export type TextsByLanguage<F extends string> = Record<Language, Record<F, string>>;

export type TranslationsBody<F extends string> = Partial<
  Record<Language, Partial<Record<F, string | null>> | null>
>;

export function emptyTexts<F extends string>(fields: readonly F[]): TextsByLanguage<F> {
  const one = () => Object.fromEntries(fields.map((f) => [f, ''])) as Record<F, string>;
  return { en: one(), ru: one(), kk: one() };
}

/** The columns of the editor from a read (organizers get `translations` and `original`). */
export function textsFromRead<F extends string>(
  fields: readonly F[],
  read: {
    translations?: Partial<Record<string, Partial<Record<F, string | null>> | null>> | null;
    original?: Partial<Record<F, string | null>> | null;
  } & Partial<Record<F, string | null>>,
  fallbackLanguage: Language,
): TextsByLanguage<F> {
  const texts = emptyTexts(fields);
  for (const lang of LANGUAGES) {
    for (const f of fields) texts[lang][f] = read.translations?.[lang]?.[f] ?? '';
  }
  const original = read.original ?? read;
  // Text written only as plain fields: shown in the column of the reader's language.
  const anyTranslated = LANGUAGES.some((l) => fields.some((f) => texts[l][f] !== ''));
  if (!anyTranslated) {
    for (const f of fields) texts[fallbackLanguage][f] = original[f] ?? '';
  }
  return texts;
}

/**
 * The body's plain fields (the first language, in the page's language order, that has the
 * required field) and every language's texts as `translations` (blank → null, removed).
 */
export function textsToBody<F extends string>(
  fields: readonly F[],
  required: F,
  texts: TextsByLanguage<F>,
  preferred: Language,
  forUpdate: boolean,
): { plain: Partial<Record<F, string>>; translations: TranslationsBody<F> } {
  const order = [preferred, ...LANGUAGES.filter((l) => l !== preferred)];
  const first = order.find((l) => texts[l][required].trim() !== '') ?? preferred;
  const plain: Partial<Record<F, string>> = {};
  for (const f of fields) {
    const v = texts[first][f].trim();
    if (v !== '') plain[f] = v;
  }
  const translations: TranslationsBody<F> = {};
  for (const lang of LANGUAGES) {
    const entry: Partial<Record<F, string | null>> = {};
    let any = false;
    for (const f of fields) {
      const v = texts[lang][f].trim();
      if (v !== '') {
        entry[f] = v;
        any = true;
      } else if (forUpdate) entry[f] = null;
    }
    if (any) translations[lang] = entry;
    else if (forUpdate) translations[lang] = null;
  }
  return { plain, translations };
}

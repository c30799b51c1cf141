import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { LANGUAGES, type Language } from './locale.js';
import { IsText } from './text.js';

/**
 * Organizer-written text in other languages, stored beside the plain text (the text the
 * organizer wrote first) as `{ "kk": { "title": "…" }, "ru": {…} }` in a jsonb column.
 */
export type Translations<F extends string = string> = Partial<
  Record<Language, Partial<Record<F, string>>>
>;

/** What a create or update body may carry: `null` removes a language or one of its texts. */
export type TranslationsPatch<F extends string = string> = Partial<
  Record<Language, Partial<Record<F, string | null>> | null>
>;

/**
 * A translated text in a body: like the plain field (trimmed, not blank, at most `max`), or
 * `null` to remove it.
 */
export const IsTranslatedText = (max: number) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max }),
    IsOptional(),
    IsText(max),
  );

/**
 * One language of a `translations` body (or `null` to remove the language): an object of the
 * texts `cls` declares; anything else is refused (the global pipe forbids unknown fields).
 */
export const IsLanguageTexts = (cls: () => new () => object) =>
  applyDecorators(
    // Written as `type: () => …` so Swagger sees a lazy type (it goes by the function's name).
    ApiPropertyOptional({ type: () => cls(), nullable: true }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(cls),
  );

/** The `translations` field of a body: only `kk`, `ru` and `en` (each an `IsLanguageTexts`). */
export const IsTranslations = (cls: () => new () => object) =>
  applyDecorators(
    ApiPropertyOptional({
      type: () => cls(),
      description:
        'The texts in other languages (kk, ru, en). Readers get the plain fields in their ' +
        'language, falling back to the plain text. In an update, a language or a text set to ' +
        'null is removed and one left out is kept (JSON merge patch).',
    }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(cls),
  );

/**
 * Applies a patch to stored translations (RFC 7396 merge, two levels deep): a given text
 * replaces the stored one, `null` removes a text or a whole language, what is left out stays.
 * Languages left without texts are dropped, so the stored form stays minimal.
 */
export function mergeTranslations<F extends string>(
  current: Translations<F> | null | undefined,
  patch: TranslationsPatch<F> | null | undefined,
): Translations<F> {
  const out: Translations<F> = {};
  for (const lang of LANGUAGES) {
    const change = patch?.[lang];
    const texts: Partial<Record<F, string>> = change === null ? {} : { ...current?.[lang] };
    if (change) {
      for (const [field, value] of Object.entries(change) as [F, string | null | undefined][]) {
        if (value === null) delete texts[field];
        else if (value !== undefined) texts[field] = value;
      }
    }
    if (Object.keys(texts).length > 0) out[lang] = texts;
  }
  return out;
}

/**
 * The plain fields in the reader's language: each of `fields` replaced by its translation
 * when there is one, else left as the organizer wrote it.
 */
export function localize<T extends object, F extends keyof T & string>(
  plain: T,
  translations: Translations<F> | null | undefined,
  language: Language | null | undefined,
  fields: readonly F[],
): T {
  const texts = language ? translations?.[language] : undefined;
  if (!texts) return plain;
  const out = { ...plain };
  for (const field of fields) {
    const text = texts[field];
    if (typeof text === 'string') (out as Record<string, unknown>)[field] = text;
  }
  return out;
}

/**
 * SQL for a text column in the reader's language: `COALESCE(e.translations -> $2 ->> 'title',
 * e.title)`. `langParam` is a placeholder bound to the language or NULL (the plain text).
 */
export function localizedSql(alias: string, column: string, field: string, langParam: string) {
  return `COALESCE(${alias}.translations -> ${langParam}::text ->> '${field}', ${alias}.${column})`;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO31661Alpha2, IsISO6391, Matches } from 'class-validator';

export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One of the platform's languages (API.md: en, ru, kk). */
export const IsLanguage = () =>
  applyDecorators(
    ApiProperty({ enum: LANGUAGES, example: 'kk' }),
    IsIn(LANGUAGES, { message: `$property must be one of ${LANGUAGES.join(', ')}` }),
  );

/** ISO 3166-1 alpha-2, upper case. */
export const IsCountry = () =>
  applyDecorators(
    ApiProperty({ example: 'KZ', pattern: '^[A-Z]{2}$' }),
    Matches(/^[A-Z]{2}$/, { message: '$property must be an upper-case ISO 3166-1 alpha-2 code' }),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' }),
  );

export const MAX_SPOKEN_LANGUAGES = 10;

/**
 * Languages a person speaks (ISO 639-1, e.g. `["ja", "en"]`), beyond the interface language:
 * trimmed, lower-cased and deduplicated before validation, at most MAX_SPOKEN_LANGUAGES.
 */
export const IsSpokenLanguages = () =>
  applyDecorators(
    ApiProperty({
      type: [String],
      example: ['ja', 'en'],
      maxItems: MAX_SPOKEN_LANGUAGES,
      description: 'ISO 639-1 codes; duplicates are dropped',
    }),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? [...new Set(value.map((v: string) => v.trim().toLowerCase()))]
        : value,
    ),
    IsArray({ message: '$property must be an array of ISO 639-1 codes' }),
    ArrayMaxSize(MAX_SPOKEN_LANGUAGES),
    IsISO6391({ each: true, message: '$property must contain ISO 639-1 codes such as "ja"' }),
  );

/** Two lists of spoken languages share one. */
export const sharesLanguage = (a: readonly string[], b: readonly string[]): boolean =>
  a.some((l) => b.includes(l));

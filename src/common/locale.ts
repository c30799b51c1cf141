import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, Matches } from 'class-validator';

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

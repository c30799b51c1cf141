import {
  applyDecorators,
  BadRequestException,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import Negotiator from 'negotiator';
import type { RequestWithUser } from '../auth/auth.decorators.js';
import { LANGUAGES, type Language } from './locale.js';
import { PaginationQueryDto } from './pagination.js';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const IsLangQuery = () =>
  applyDecorators(
    ApiPropertyOptional({ enum: LANGUAGES }),
    IsOptional(),
    IsIn(LANGUAGES, { message: `lang must be one of ${LANGUAGES.join(', ')}` }),
  );

/** `?lang=` on a route that returns organizer text; see `ReaderLanguage`. */
export class LangQueryDto {
  /** Show organizer text in this language (else the account's, else Accept-Language). */
  @IsLangQuery()
  lang?: Language;
}

export class LocalizedPaginationQueryDto extends PaginationQueryDto {
  /** Show organizer text in this language (else the account's, else Accept-Language). */
  @IsLangQuery()
  lang?: Language;
}

/** The best of our languages for an `Accept-Language` header, or null (no header, `*`, none). */
export function acceptedLanguage(header: string | undefined): Language | null {
  if (!header || header.trim() === '*') return null;
  const best = new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]);
  return isLanguage(best) ? best : null;
}

/**
 * The reader's language, in order: `?lang=`, the signed-in account's language, the
 * `Accept-Language` header; null when none applies (the plain text, as the organizer wrote it).
 */
export function readerLanguage(input: {
  query?: unknown;
  accountLanguage?: string | null;
  acceptLanguage?: string;
}): Language | null {
  if (input.query !== undefined) {
    if (!isLanguage(input.query)) {
      throw new BadRequestException(`lang must be one of ${LANGUAGES.join(', ')}`);
    }
    return input.query;
  }
  if (isLanguage(input.accountLanguage)) return input.accountLanguage;
  return acceptedLanguage(input.acceptLanguage);
}

interface LocalizedRequest extends RequestWithUser {
  query?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The reader's language for organizer-written text (see `readerLanguage`). A bad `?lang=` is a
 * 400 even on a route without a query DTO. The account's language comes from the guard.
 */
export const ReaderLanguage = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Language | null => {
    const request = ctx.switchToHttp().getRequest<LocalizedRequest>();
    const header = request.headers['accept-language'];
    return readerLanguage({
      query: request.query?.lang,
      accountLanguage: request.user?.language,
      acceptLanguage: Array.isArray(header) ? header.join(',') : header,
    });
  },
);

/** Documents `?lang=` on a route without a query DTO (ReaderLanguage validates it). */
export const ApiLangQuery = () =>
  ApiQuery({
    name: 'lang',
    required: false,
    enum: LANGUAGES,
    description: 'Organizer text in this language (else the account’s, else Accept-Language)',
  });

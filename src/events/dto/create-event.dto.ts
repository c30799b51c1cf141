import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  IsTimeZone,
  Max,
  Min,
  MinDate,
} from 'class-validator';
import { IsText } from '../../common/text.js';
import { IsTranslations } from '../../common/translations.js';
import { EventTranslationsDto } from './event-translations.dto.js';

export const MAX_CAPACITY = 100_000;

export class CreateEventDto {
  /** "World Fan Groups PreParty". */
  @IsText(200)
  title: string;

  @IsOptional()
  @IsText(10_000)
  description?: string;

  @IsOptional()
  @IsText(200)
  venue?: string;

  @IsOptional()
  @IsText(100)
  city?: string;

  /** Title, description and venue in kk, ru and en; the fields above are the plain text. */
  @IsTranslations(() => EventTranslationsDto)
  translations?: EventTranslationsDto | null;

  /** ISO 8601 with offset, e.g. 2026-06-26T13:00:00.000Z. */
  @Type(() => Date)
  @IsDate()
  @MinDate(new Date('2000-01-01T00:00:00Z'))
  startsAt: Date;

  /** After startsAt. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  endsAt?: Date;

  /** IANA time zone, e.g. Asia/Almaty. */
  @IsTimeZone()
  timezone: string;

  /** Seats, 1–100000. */
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity: number;

  /** When full, further registrants are waitlisted (default) instead of refused. */
  @IsOptional()
  @IsBoolean()
  waitlistEnabled?: boolean;

  /** No registrations after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  registrationClosesAt?: Date;
}

// null is validated like any value (skipNullProperties: false): a required column cannot be nulled.
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {}

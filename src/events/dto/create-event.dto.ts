import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  IsTimeZone,
  Max,
  Min,
  MinDate,
  ValidateNested,
} from 'class-validator';
import { IsCountry } from '../../common/locale.js';
import { IsText } from '../../common/text.js';
import { ALLOCATIONS, type Allocation } from '../event.entity.js';
import { IsTranslations } from '../../common/translations.js';
import { EventTranslationsDto } from './event-translations.dto.js';

export const MAX_CAPACITY = 100_000;
export const MAX_QUOTAS = 50;

/** Seats set aside at a lottery draw for applicants from one country. */
export class QuotaDto {
  /** ISO 3166-1 alpha-2, upper case. */
  @IsCountry()
  country: string;

  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  seats: number;
}

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

  /**
   * `first_come` (default): seats in order of arrival. `lottery`: applications until
   * applicationsCloseAt, then a draw. Changes only while the event is a draft.
   */
  @IsOptional()
  @ApiProperty({ enum: ALLOCATIONS, required: false })
  @IsIn(ALLOCATIONS, { message: `allocation must be one of ${ALLOCATIONS.join(', ')}` })
  allocation?: Allocation;

  /** Lottery events (required there): the end of the application window, when the draw runs. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  applicationsCloseAt?: Date;

  /** Lottery events: seats set aside per country; one entry per country, the sum ≤ capacity. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_QUOTAS)
  @ValidateNested({ each: true })
  @Type(() => QuotaDto)
  quotas?: QuotaDto[];
}

// null is validated like any value (skipNullProperties: false): a required column cannot be nulled.
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {}

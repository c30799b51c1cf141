import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min, MinDate, ValidateIf } from 'class-validator';
import { IsText } from '../../common/text.js';
import { IsTranslations } from '../../common/translations.js';
import { TaskTranslationsDto } from './task-translations.dto.js';

export const MAX_VOLUNTEERS_PER_TASK = 1000;

export class CreateTaskDto {
  /** "Place LED sticks on the seats". */
  @IsText(200)
  title: string;

  @IsOptional()
  @IsText(10_000)
  description?: string;

  /** Where the volunteers meet, e.g. "Astana Arena, sector C". */
  @IsOptional()
  @IsText(200)
  location?: string;

  /** Title, description and location in kk, ru and en; the fields above are the plain text. */
  @IsTranslations(() => TaskTranslationsDto)
  translations?: TaskTranslationsDto | null;

  /** ISO 8601 with offset. */
  @Type(() => Date)
  @IsDate()
  @MinDate(new Date('2000-01-01T00:00:00Z'))
  startsAt: Date;

  /** After startsAt. */
  @Type(() => Date)
  @IsDate()
  @MinDate(new Date('2000-01-01T00:00:00Z'))
  endsAt: Date;

  /** Slots, 1–1000. */
  @IsInt()
  @Min(1)
  @Max(MAX_VOLUNTEERS_PER_TASK)
  volunteersNeeded: number;
}

// A required field may be left out of an update but not set to null; the optional texts may be
// null, which clears them.
const Given = () => ValidateIf((_o: object, value: unknown) => value !== undefined);

/** Partial update; a new time moves every assignee's range, reminder and calendar entry. */
export class UpdateTaskDto {
  @ApiPropertyOptional()
  @Given()
  @IsText(200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsText(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsText(200)
  location?: string | null;

  /** Merged into the stored translations: a language or text set to null is removed. */
  @IsTranslations(() => TaskTranslationsDto)
  translations?: TaskTranslationsDto | null;

  @ApiPropertyOptional()
  @Given()
  @Type(() => Date)
  @IsDate()
  @MinDate(new Date('2000-01-01T00:00:00Z'))
  startsAt?: Date;

  @ApiPropertyOptional()
  @Given()
  @Type(() => Date)
  @IsDate()
  @MinDate(new Date('2000-01-01T00:00:00Z'))
  endsAt?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_VOLUNTEERS_PER_TASK })
  @Given()
  @IsInt()
  @Min(1)
  @Max(MAX_VOLUNTEERS_PER_TASK)
  volunteersNeeded?: number;
}

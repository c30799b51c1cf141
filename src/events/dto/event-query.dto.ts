import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDate, IsIn, IsOptional, IsUUID } from 'class-validator';
import { LocalizedPaginationQueryDto } from '../../common/reader-language.js';
import { IsText } from '../../common/text.js';
import { EVENT_STATUSES, type EventStatus } from '../event.entity.js';

export class EventQueryDto extends LocalizedPaginationQueryDto {
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @IsOptional()
  @IsText(100)
  city?: string;

  /** Events starting at or after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Events starting before this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class GroupEventQueryDto extends LocalizedPaginationQueryDto {
  /** Only events with this status (others than `published` exist only for organizers). */
  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  /** Events starting at or after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Events starting before this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

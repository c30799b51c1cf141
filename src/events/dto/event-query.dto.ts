import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { LocalizedPaginationQueryDto } from '../../common/reader-language.js';
import { IsText } from '../../common/text.js';

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

import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';
import { LocalizedPaginationQueryDto } from '../../common/reader-language.js';

export class MyTasksQueryDto extends LocalizedPaginationQueryDto {
  /** Tasks starting at or after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
}

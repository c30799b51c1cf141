import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.js';

export class MyTasksQueryDto extends PaginationQueryDto {
  /** Tasks starting at or after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
}

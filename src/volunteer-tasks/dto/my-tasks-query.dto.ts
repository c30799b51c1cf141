import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsOptional } from 'class-validator';
import { LocalizedPaginationQueryDto } from '../../common/reader-language.js';

export class MyTasksQueryDto extends LocalizedPaginationQueryDto {
  /** Tasks starting at or after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
}

export class OpenTasksQueryDto extends MyTasksQueryDto {
  /** `true` leaves out the tasks that overlap one of the caller's own (default: flag them). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  hideClashing?: boolean;
}

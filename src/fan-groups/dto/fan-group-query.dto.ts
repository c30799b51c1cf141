import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.js';

export class FanGroupQueryDto extends PaginationQueryDto {
  /** Matches the name or the city, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

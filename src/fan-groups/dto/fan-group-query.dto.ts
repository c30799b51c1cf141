import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LocalizedPaginationQueryDto } from '../../common/reader-language.js';

export class FanGroupQueryDto extends LocalizedPaginationQueryDto {
  /** Matches the name or the city, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

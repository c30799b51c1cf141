import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.js';
import { GROUP_ROLES, type GroupRole } from '../group-role.js';

export class FanGroupQueryDto extends PaginationQueryDto {
  /** Matches the name or the city, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class MyGroupsQueryDto extends PaginationQueryDto {
  /** Only the groups where the caller has exactly this role. */
  @ApiPropertyOptional({ enum: GROUP_ROLES })
  @IsOptional()
  @IsIn(GROUP_ROLES)
  role?: GroupRole;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.js';
import { LocalizedPaginationQueryDto } from '../../common/reader-language.js';
import { GROUP_ROLES, type GroupRole } from '../group-role.js';

export class FanGroupQueryDto extends LocalizedPaginationQueryDto {
  /** Matches the name or the city, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class MyGroupsQueryDto extends LocalizedPaginationQueryDto {
  /** Only the groups where the caller has exactly this role. */
  @ApiPropertyOptional({ enum: GROUP_ROLES })
  @IsOptional()
  @IsIn(GROUP_ROLES)
  role?: GroupRole;
}

export class MemberQueryDto extends PaginationQueryDto {
  /**
   * Only members with at least this role (organizer ⊃ volunteer ⊃ member): `volunteer` gives
   * everyone a task or a help request can be assigned to.
   */
  @ApiPropertyOptional({ enum: GROUP_ROLES })
  @IsOptional()
  @IsIn(GROUP_ROLES)
  minRole?: GroupRole;

  /** Matches the display name, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

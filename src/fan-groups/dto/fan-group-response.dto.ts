import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination.js';
import type { FanGroupEntity } from '../fan-group.entity.js';
import { GROUP_ROLES, type GroupRole } from '../group-role.js';
import { MemberResponseDto } from './membership.dto.js';

export class FanGroupResponseDto {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  country: string | null;
  city: string | null;
  languages: string[];
  memberCount: number;
  createdAt: string;
}

export class FanGroupPageDto extends PageMetaDto {
  items: FanGroupResponseDto[];
}

/** One of the caller's groups (`GET /me/groups`) with the caller's role in it. */
export class MyGroupDto {
  group: FanGroupResponseDto;
  @ApiProperty({ enum: GROUP_ROLES })
  role: GroupRole;
}

export class MyGroupPageDto extends PageMetaDto {
  items: MyGroupDto[];
}

export class MemberPageDto extends PageMetaDto {
  items: MemberResponseDto[];
}

export function toFanGroupResponse(
  group: FanGroupEntity,
  memberCount: number,
): FanGroupResponseDto {
  return {
    id: group.id,
    name: group.name,
    slug: group.slug,
    description: group.description,
    country: group.country,
    city: group.city,
    languages: group.languages,
    memberCount,
    createdAt: group.createdAt.toISOString(),
  };
}

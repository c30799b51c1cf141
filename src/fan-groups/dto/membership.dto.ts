import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { GROUP_ROLES, type GroupRole } from '../group-role.js';

export class SetMemberRoleDto {
  @ApiProperty({ enum: GROUP_ROLES })
  @IsIn(GROUP_ROLES)
  role: GroupRole;
}

export class MembershipResponseDto {
  groupId: string;
  userId: string;
  @ApiProperty({ enum: GROUP_ROLES })
  role: GroupRole;
}

export class MemberResponseDto {
  userId: string;
  displayName: string;
  country: string;
  @ApiProperty({ enum: GROUP_ROLES })
  role: GroupRole;
}

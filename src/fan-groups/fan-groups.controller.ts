import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Public } from '../auth/auth.decorators.js';
import type { Language } from '../common/locale.js';
import { ApiLangQuery, ReaderLanguage } from '../common/reader-language.js';
import { UuidParam } from '../common/uuid-param.js';
import { CreateFanGroupDto, UpdateFanGroupDto } from './dto/create-fan-group.dto.js';
import { FanGroupQueryDto, MemberQueryDto, MyGroupsQueryDto } from './dto/fan-group-query.dto.js';
import {
  FanGroupPageDto,
  FanGroupResponseDto,
  MemberPageDto,
  MyGroupPageDto,
} from './dto/fan-group-response.dto.js';
import { MembershipResponseDto, SetMemberRoleDto } from './dto/membership.dto.js';
import { FanGroupsService } from './fan-groups.service.js';

@ApiTags('fan-groups')
@ApiBearerAuth()
@Controller('fan-groups')
export class FanGroupsController {
  constructor(private readonly groups: FanGroupsService) {}

  /** Creates a group; the creator becomes its organizer. */
  @Post()
  @ApiLangQuery()
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateFanGroupDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<FanGroupResponseDto> {
    return this.groups.create(user.id, dto, language);
  }

  /** Public list, searchable by name or city. */
  @Public()
  @Get()
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Query() query: FanGroupQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<FanGroupPageDto> {
    return this.groups.list(query, language, user?.id);
  }

  /** The group whose page is `/groups/:slug`; same body as by id. */
  @Public()
  @Get('by-slug/:slug')
  @ApiLangQuery()
  getBySlug(
    @CurrentUser() user: AuthUser | undefined,
    @Param('slug') slug: string,
    @ReaderLanguage() language: Language | null,
  ): Promise<FanGroupResponseDto> {
    return this.groups.getBySlug(slug, language, user?.id);
  }

  /** The group in the reader's language; its organizers also get every language's texts. */
  @Public()
  @Get(':groupId')
  @ApiLangQuery()
  get(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('groupId') groupId: string,
    @ReaderLanguage() language: Language | null,
  ): Promise<FanGroupResponseDto> {
    return this.groups.get(groupId, language, user?.id);
  }

  /** Organizers only. */
  @Patch(':groupId')
  @ApiLangQuery()
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Body() dto: UpdateFanGroupDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<FanGroupResponseDto> {
    return this.groups.edit(user.id, groupId, dto, language);
  }

  @Post(':groupId/join')
  join(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
  ): Promise<MembershipResponseDto> {
    return this.groups.join(user.id, groupId);
  }

  /** Members only: organizers first, then volunteers, then members; `minRole`, `search`. */
  @Get(':groupId/members')
  members(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Query() query: MemberQueryDto,
  ): Promise<MemberPageDto> {
    return this.groups.members(user.id, groupId, query);
  }

  /** Organizers add a user or change a member's role. */
  @Put(':groupId/members/:userId')
  setRole(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @UuidParam('userId') userId: string,
    @Body() dto: SetMemberRoleDto,
  ): Promise<MembershipResponseDto> {
    return this.groups.setRole(user.id, groupId, userId, dto.role);
  }

  /** An organizer removes a member, or a member leaves; never the last organizer. */
  @Delete(':groupId/members/:userId')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    await this.groups.removeMember(user.id, groupId, userId);
  }
}

@ApiTags('fan-groups')
@ApiBearerAuth()
@Controller('me/groups')
export class MyGroupsController {
  constructor(private readonly groups: FanGroupsService) {}

  /** The caller's groups with their role: organizer first, then volunteer, then member. */
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: MyGroupsQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<MyGroupPageDto> {
    return this.groups.listMine(user.id, query, language);
  }
}

import { Body, Controller, Get, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { PaginationQueryDto } from '../common/pagination.js';
import { RateLimit, RateLimitGuard } from '../common/rate-limit.js';
import { UuidParam } from '../common/uuid-param.js';
import { CommentPageDto, CommentResponseDto, CreateCommentDto } from './dto/comment.dto.js';
import { CreateHelpRequestDto } from './dto/create-help-request.dto.js';
import { GroupHelpRequestQueryDto, MyHelpRequestQueryDto } from './dto/help-request-query.dto.js';
import {
  GroupHelpRequestPageDto,
  HelpRequestPageDto,
  HelpRequestResponseDto,
} from './dto/help-request-response.dto.js';
import { UpdateHelpRequestDto } from './dto/update-help-request.dto.js';
import { HelpRequestsService } from './help-requests.service.js';

@ApiTags('help-requests')
@ApiBearerAuth()
@Controller()
export class HelpRequestsController {
  constructor(private readonly service: HelpRequestsService) {}

  /** Ask a fan group for help with tickets or accommodation; `eventId` must be of that group. */
  @Post('fan-groups/:groupId/help-requests')
  @RateLimit('user')
  @UseGuards(RateLimitGuard)
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Body() dto: CreateHelpRequestDto,
  ): Promise<HelpRequestResponseDto> {
    return this.service.create(user.id, groupId, dto);
  }

  /**
   * Organizers: every request of the group; volunteers: those assigned to them; others 403.
   * Each item suggests assignees who speak one of the requester's languages.
   */
  @Get('fan-groups/:groupId/help-requests')
  listForGroup(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Query() query: GroupHelpRequestQueryDto,
  ): Promise<GroupHelpRequestPageDto> {
    return this.service.listForGroup(user.id, groupId, query);
  }

  /** The caller's own requests, newest first. */
  @Get('me/help-requests')
  listMine(
    @CurrentUser() user: AuthUser,
    @Query() query: MyHelpRequestQueryDto,
  ): Promise<HelpRequestPageDto> {
    return this.service.listMine(user.id, query);
  }

  /** Requester, group organizers and the assignee; anyone else 404. */
  @Get('help-requests/:requestId')
  get(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
  ): Promise<HelpRequestResponseDto> {
    return this.service.get(user.id, requestId);
  }

  /**
   * Organizers assign (an organizer or volunteer of the group, else 400) and move the status;
   * the assignee moves it along; the requester may cancel. A move the workflow does not allow
   * is 409 INVALID_TRANSITION; a status the caller's part may never set is 403.
   */
  @Patch('help-requests/:requestId')
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Body() dto: UpdateHelpRequestDto,
  ): Promise<HelpRequestResponseDto> {
    return this.service.edit(user.id, requestId, dto);
  }

  @Post('help-requests/:requestId/comments')
  addComment(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentResponseDto> {
    return this.service.addComment(user.id, requestId, dto);
  }

  /** Oldest first. */
  @Get('help-requests/:requestId/comments')
  listComments(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<CommentPageDto> {
    return this.service.listComments(user.id, requestId, query);
  }
}

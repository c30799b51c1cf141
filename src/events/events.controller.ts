import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Public } from '../auth/auth.decorators.js';
import type { Language } from '../common/locale.js';
import { ApiLangQuery, ReaderLanguage } from '../common/reader-language.js';
import { UuidParam } from '../common/uuid-param.js';
import { CreateEventDto, UpdateEventDto } from './dto/create-event.dto.js';
import { EventQueryDto, GroupEventQueryDto } from './dto/event-query.dto.js';
import {
  EventDetailDto,
  EventPageDto,
  EventResponseDto,
  GroupEventPageDto,
} from './dto/event-response.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Organizers create a draft event. */
  @Post('fan-groups/:groupId/events')
  @ApiLangQuery()
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Body() dto: CreateEventDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<EventResponseDto> {
    return this.events.create(user.id, groupId, dto, language);
  }

  /**
   * The group's events with live counts (capacity, confirmed, waitlist, checked in): published
   * ones for everyone; the group's organizers also see drafts (first) and cancelled ones.
   */
  @Public()
  @Get('fan-groups/:groupId/events')
  listForGroup(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('groupId') groupId: string,
    @Query() query: GroupEventQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<GroupEventPageDto> {
    return this.events.listForGroup(groupId, user?.id, query, language);
  }

  /** Published events, ordered by start, with their texts in the reader's language. */
  @Public()
  @Get('events')
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Query() query: EventQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<EventPageDto> {
    return this.events.listPublic(query, language, user?.id);
  }

  /**
   * Public when published; drafts only for the group's members. A signed-in caller also gets
   * their own registration as `viewer`.
   */
  @Public()
  @Get('events/:eventId')
  @ApiLangQuery()
  get(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('eventId') eventId: string,
    @ReaderLanguage() language: Language | null,
  ): Promise<EventDetailDto> {
    return this.events.getVisible(eventId, user?.id, language);
  }

  /** Raising capacity promotes the waitlist; lowering it below confirmedCount is 409. */
  @Patch('events/:eventId')
  @ApiLangQuery()
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() dto: UpdateEventDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<EventDetailDto> {
    return this.events.edit(user.id, eventId, dto, language);
  }

  @Post('events/:eventId/publish')
  @HttpCode(200)
  @ApiLangQuery()
  publish(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @ReaderLanguage() language: Language | null,
  ): Promise<EventDetailDto> {
    return this.events.publish(user.id, eventId, language);
  }

  /** Every active registrant is e-mailed. */
  @Post('events/:eventId/cancel')
  @HttpCode(200)
  @ApiLangQuery()
  cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @ReaderLanguage() language: Language | null,
  ): Promise<EventDetailDto> {
    return this.events.cancel(user.id, eventId, language);
  }
}

import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Public } from '../auth/auth.decorators.js';
import { UuidParam } from '../common/uuid-param.js';
import { CreateEventDto, UpdateEventDto } from './dto/create-event.dto.js';
import { EventQueryDto, GroupEventQueryDto } from './dto/event-query.dto.js';
import { EventPageDto, EventResponseDto, GroupEventPageDto } from './dto/event-response.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Organizers create a draft event. */
  @Post('fan-groups/:groupId/events')
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Body() dto: CreateEventDto,
  ): Promise<EventResponseDto> {
    return this.events.create(user.id, groupId, dto);
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
  ): Promise<GroupEventPageDto> {
    return this.events.listForGroup(groupId, user?.id, query);
  }

  /** Published events, ordered by start. */
  @Public()
  @Get('events')
  list(@Query() query: EventQueryDto): Promise<EventPageDto> {
    return this.events.listPublic(query);
  }

  /** Public when published; drafts only for the group's members. */
  @Public()
  @Get('events/:eventId')
  get(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('eventId') eventId: string,
  ): Promise<EventResponseDto> {
    return this.events.getVisible(eventId, user?.id);
  }

  /** Raising capacity promotes the waitlist; lowering it below confirmedCount is 409. */
  @Patch('events/:eventId')
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventResponseDto> {
    return this.events.edit(user.id, eventId, dto);
  }

  @Post('events/:eventId/publish')
  @HttpCode(200)
  publish(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
  ): Promise<EventResponseDto> {
    return this.events.publish(user.id, eventId);
  }

  /** Every active registrant is e-mailed. */
  @Post('events/:eventId/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
  ): Promise<EventResponseDto> {
    return this.events.cancel(user.id, eventId);
  }
}

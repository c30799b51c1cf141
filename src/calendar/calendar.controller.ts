import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser, Public } from '../auth/auth.decorators.js';
import { UuidParam } from '../common/uuid-param.js';
import { CalendarService } from './calendar.service.js';
import { CalendarFeedDto } from './dto/calendar-feed.dto.js';

const ICS_TYPE = 'text/calendar; charset=utf-8';
const ICS_SCHEMA = { type: 'string', description: 'An iCalendar (RFC 5545) document' };

@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /**
   * The caller's private calendar-feed address (volunteer tasks and confirmed registrations),
   * made on first use and the same on every call until rotated.
   */
  @Get('me/calendar-feed')
  @ApiOkResponse({ type: CalendarFeedDto })
  feedUrls(@CurrentUser() user: AuthUser): Promise<CalendarFeedDto> {
    return this.calendar.feedUrls(user.id);
  }

  /** A new feed address, e.g. after sharing it by mistake: the old one answers 404 at once. */
  @Post('me/calendar-feed/rotate')
  @HttpCode(200)
  @ApiOkResponse({ type: CalendarFeedDto })
  @ApiForbiddenResponse({ description: '`code: "CSRF"`: cookie session without the web header' })
  rotateFeed(@CurrentUser() user: AuthUser): Promise<CalendarFeedDto> {
    return this.calendar.rotateFeed(user.id);
  }

  /**
   * The caller's registration as an `.ics` file to add to a calendar (status CONFIRMED,
   * TENTATIVE while waitlisted, CANCELLED once cancelled). Anyone else's registration: 404.
   */
  @Get('registrations/:registrationId/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The event as an iCalendar file', schema: ICS_SCHEMA })
  @ApiNotFoundResponse({ description: 'No such registration of the caller' })
  @Header('Cache-Control', 'private, no-store')
  async registrationIcs(
    @CurrentUser() user: AuthUser,
    @UuidParam('registrationId') registrationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const ics = await this.calendar.registrationIcs(user.id, registrationId);
    void reply
      .header('Content-Type', ICS_TYPE)
      .header('Content-Disposition', `attachment; filename="registration-${registrationId}.ics"`);
    return ics;
  }
}

/** The feed itself: public (calendar apps fetch it by themselves), found by its secret address. */
@ApiTags('calendar')
@Public()
@Controller()
export class CalendarFeedController {
  constructor(private readonly calendar: CalendarService) {}

  /**
   * The iCalendar feed behind a private address (no sign-in: calendar apps fetch it by
   * itself). Each entry's times are UTC instants; its description names the event's time
   * zone and the local time there.
   */
  @Get('calendar/:file')
  @ApiParam({ name: 'file', description: '`<token>.ics`, from GET /me/calendar-feed' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The feed', schema: ICS_SCHEMA })
  @ApiNotFoundResponse({ description: 'Unknown or rotated address' })
  @Header('Cache-Control', 'private, max-age=300')
  async feed(
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const ics = await this.calendar.feed(token);
    void reply.header('Content-Type', ICS_TYPE);
    return ics;
  }
}

import type { Language } from '../common/locale.js';
import { LocalizedPaginationQueryDto, ReaderLanguage } from '../common/reader-language.js';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, ChecksAccountItself, CurrentUser } from '../auth/auth.decorators.js';
import { RateLimit, RateLimitGuard } from '../common/rate-limit.js';
import { UuidParam } from '../common/uuid-param.js';
import { CheckInDto, CheckInResponseDto, CheckInSummaryDto } from './dto/check-in.dto.js';
import { CreateRegistrationDto } from './dto/create-registration.dto.js';
import { RegistrationQueryDto } from './dto/registration-query.dto.js';
import {
  EventRegistrationPageDto,
  MyRegistrationPageDto,
  RegistrationResponseDto,
} from './dto/registration-response.dto.js';
import { RegistrationsService } from './registrations.service.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('registrations')
@ApiBearerAuth()
@Controller()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  /**
   * One seat each: `confirmed` while seats last, then `waitlisted` with a FIFO position (or 409
   * EVENT_FULL without a waitlist). A retry with the same Idempotency-Key replays the answer.
   */
  @Post('events/:eventId/registrations')
  // The hot path: the registration statement refuses a deleted account itself (401).
  @ChecksAccountItself()
  @RateLimit('user')
  @UseGuards(RateLimitGuard)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Up to 200 visible ASCII characters; kept 24 h per user',
  })
  async register(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() dto: CreateRegistrationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationResponseDto> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new BadRequestException('Idempotency-Key must be 1–200 visible ASCII characters');
    }
    const answer = await this.registrations.register(user, eventId, dto, key);
    void reply.status(answer.status);
    return answer.body;
  }

  /** The caller's registrations with event summaries; check-in codes while confirmed. */
  @Get('me/registrations')
  listMine(
    @CurrentUser() user: AuthUser,
    @Query() query: LocalizedPaginationQueryDto,
    @ReaderLanguage() language: Language | null,
  ): Promise<MyRegistrationPageDto> {
    return this.registrations.listMine(user.id, query, language);
  }

  /** Owner or the event's organizer. A freed seat goes to the first waitlisted (FIFO). */
  @Post('registrations/:registrationId/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam('registrationId') registrationId: string,
  ): Promise<RegistrationResponseDto> {
    return this.registrations.cancel(user.id, registrationId);
  }

  /** Organizers and volunteers: confirmed first, then the waitlist in order. */
  @Get('events/:eventId/registrations')
  listForEvent(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Query() query: RegistrationQueryDto,
  ): Promise<EventRegistrationPageDto> {
    return this.registrations.listForEvent(user.id, eventId, query);
  }

  /** Organizers: every registration as CSV (UTF-8 with BOM, formula-safe cells). */
  @Get('events/:eventId/registrations.csv')
  @ApiProduces('text/csv')
  async exportCsv(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.registrations.exportCsv(user.id, eventId);
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="registrations-${eventId}.csv"`);
    return csv;
  }

  /**
   * Organizers and volunteers scan an attendee's code at the door. 409 ALREADY_CHECKED_IN
   * carries the first `checkedInAt` (and the attendee); another event's code is 404.
   */
  @Post('events/:eventId/check-ins')
  @HttpCode(200)
  // The check-in statement refuses a deleted account or a revoked session itself (401).
  @ChecksAccountItself()
  checkIn(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() dto: CheckInDto,
  ): Promise<CheckInResponseDto> {
    return this.registrations.checkIn(user, eventId, dto.code);
  }

  /** Organizers and volunteers: `{confirmed, checkedIn}` for the door's counter. */
  @Get('events/:eventId/check-ins/summary')
  checkInSummary(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
  ): Promise<CheckInSummaryDto> {
    return this.registrations.checkInSummary(user.id, eventId);
  }

  /**
   * Organizers and volunteers check an attendee in by hand (from the registrations table):
   * the same answers as a scan of their code.
   */
  @Post('registrations/:registrationId/check-in')
  @HttpCode(200)
  @ChecksAccountItself()
  checkInRegistration(
    @CurrentUser() user: AuthUser,
    @UuidParam('registrationId') registrationId: string,
  ): Promise<CheckInResponseDto> {
    return this.registrations.checkInRegistration(user, registrationId);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { UuidParam } from '../common/uuid-param.js';
import { ArrivalDto, ArrivalResponseDto } from '../registrations/dto/arrival.dto.js';
import { ArrivalsService } from './arrivals.service.js';
import {
  ArrivalBoardDto,
  ArrivalsQueryDto,
  CreateWelcomeTasksDto,
  WelcomeTasksResultDto,
} from './dto/arrivals.dto.js';

@ApiTags('arrivals')
@ApiBearerAuth()
@Controller()
export class ArrivalsController {
  constructor(private readonly arrivals: ArrivalsService) {}

  /**
   * Organizers and volunteers: arrivals of active registrations per hour (or day) and place in
   * the event's time zone, with the arriving fans' spoken languages.
   */
  @Get('events/:eventId/arrivals')
  board(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Query() query: ArrivalsQueryDto,
  ): Promise<ArrivalBoardDto> {
    return this.arrivals.board(user.id, eventId, query.bucket);
  }

  /**
   * Organizers: one volunteer task per local hour with at least `minArrivals` arrivals at
   * `place` ("Welcome at NQZ, 14:00–15:00"); a re-run creates only the hours not done yet.
   */
  @Post('events/:eventId/arrivals/welcome-tasks')
  welcomeTasks(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
    @Body() dto: CreateWelcomeTasksDto,
  ): Promise<WelcomeTasksResultDto> {
    return this.arrivals.createWelcomeTasks(user.id, eventId, dto);
  }

  /** The owner sets or replaces the arrival of their active registration. */
  @Put('registrations/:registrationId/arrival')
  setArrival(
    @CurrentUser() user: AuthUser,
    @UuidParam('registrationId') registrationId: string,
    @Body() dto: ArrivalDto,
  ): Promise<ArrivalResponseDto> {
    return this.arrivals.setArrival(user.id, registrationId, dto);
  }

  @Delete('registrations/:registrationId/arrival')
  @HttpCode(204)
  async removeArrival(
    @CurrentUser() user: AuthUser,
    @UuidParam('registrationId') registrationId: string,
  ): Promise<void> {
    await this.arrivals.removeArrival(user.id, registrationId);
  }
}

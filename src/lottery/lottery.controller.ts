import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Public } from '../auth/auth.decorators.js';
import { UuidParam } from '../common/uuid-param.js';
import { DrawResponseDto } from './dto/draw.dto.js';
import { JoinPartyDto, PartyResponseDto } from './dto/party.dto.js';
import { DrawService } from './draw.service.js';
import { PartiesService } from './parties.service.js';

@ApiTags('lottery')
@ApiBearerAuth()
@Controller()
export class LotteryController {
  constructor(
    private readonly draws: DrawService,
    private readonly parties: PartiesService,
  ) {}

  /**
   * A lottery event's draw, public once the event is: `{algorithm, seedSha256}` from
   * publication; after the draw also `seed`, the drawn `order` of registration ids and each
   * application's lot, country and outcome. 404 for a first-come event.
   */
  @Public()
  @Get('events/:eventId/draw')
  draw(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('eventId') eventId: string,
  ): Promise<DrawResponseDto> {
    return this.draws.publicDraw(eventId, user?.id);
  }

  /**
   * The caller, who has applied, leads a new party: share its `code`; up to six friends who
   * have applied join with it before applications close. The draw seats the whole party or
   * none of it, from the quota of the leader's country. 409 `APPLICATION_REQUIRED`,
   * `ALREADY_IN_PARTY`, `APPLICATIONS_CLOSED`, `NOT_LOTTERY`.
   */
  @Post('events/:eventId/parties')
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
  ): Promise<PartyResponseDto> {
    return this.parties.create(user.id, eventId);
  }

  /** The caller's party for this event (leader or member); 404 when none. */
  @Get('events/:eventId/parties/mine')
  mine(
    @CurrentUser() user: AuthUser,
    @UuidParam('eventId') eventId: string,
  ): Promise<PartyResponseDto> {
    return this.parties.mine(user.id, eventId);
  }

  /**
   * Joins a party with its code (the caller must have applied to its event). 404 unknown code;
   * 409 `PARTY_FULL` (seven members), `ALREADY_IN_PARTY`, `APPLICATION_REQUIRED`,
   * `APPLICATIONS_CLOSED`.
   */
  @Post('parties/join')
  @HttpCode(200)
  join(@CurrentUser() user: AuthUser, @Body() dto: JoinPartyDto): Promise<PartyResponseDto> {
    return this.parties.join(user.id, dto.code);
  }

  /** A member leaves the party (their application stays); the leader gets 409 `LEADER_CANNOT_LEAVE`. */
  @Delete('parties/:partyId/members/me')
  @HttpCode(204)
  leave(@CurrentUser() user: AuthUser, @UuidParam('partyId') partyId: string): Promise<void> {
    return this.parties.leave(user.id, partyId);
  }

  /** The leader disbands the party; every member's application stays, alone. */
  @Delete('parties/:partyId')
  @HttpCode(204)
  disband(@CurrentUser() user: AuthUser, @UuidParam('partyId') partyId: string): Promise<void> {
    return this.parties.disband(user.id, partyId);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { PaginationQueryDto } from '../common/pagination.js';
import { UuidParam } from '../common/uuid-param.js';
import {
  HostMatchPageDto,
  HostMatchResponseDto,
  HostSuggestionPageDto,
  ProposeHostMatchDto,
} from './dto/host-match.dto.js';
import {
  CreateHostingOfferDto,
  HostingOfferPageDto,
  HostingOfferResponseDto,
  UpdateHostingOfferDto,
} from './dto/hosting-offer.dto.js';
import { HostMatchesService } from './host-matches.service.js';
import { HostingOffersService } from './hosting-offers.service.js';

@ApiTags('hosting')
@ApiBearerAuth()
@Controller()
export class HostingController {
  constructor(
    private readonly offers: HostingOffersService,
    private readonly matches: HostMatchesService,
  ) {}

  /**
   * A member offers beds to fans coming from elsewhere. `address` and `phone` stay private:
   * only the host sees them, and a guest once both accepted a match.
   */
  @Post('fan-groups/:groupId/hosting-offers')
  createOffer(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Body() dto: CreateHostingOfferDto,
  ): Promise<HostingOfferResponseDto> {
    return this.offers.create(user.id, groupId, dto);
  }

  /** Organizers: every offer of the group (without addresses); members: their own; others 403. */
  @Get('fan-groups/:groupId/hosting-offers')
  listOffers(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<HostingOfferPageDto> {
    return this.offers.listForGroup(user.id, groupId, query);
  }

  /** The host and the group's organizers; anyone else 404. */
  @Get('hosting-offers/:offerId')
  getOffer(
    @CurrentUser() user: AuthUser,
    @UuidParam('offerId') offerId: string,
  ): Promise<HostingOfferResponseDto> {
    return this.offers.get(user.id, offerId);
  }

  /**
   * The host and the group's organizers (only the host changes address and phone). Fewer beds
   * than accepted matches took: 409 BEDS_TAKEN.
   */
  @Patch('hosting-offers/:offerId')
  updateOffer(
    @CurrentUser() user: AuthUser,
    @UuidParam('offerId') offerId: string,
    @Body() dto: UpdateHostingOfferDto,
  ): Promise<HostingOfferResponseDto> {
    return this.offers.edit(user.id, offerId, dto);
  }

  /** The host and the group's organizers; 409 OFFER_MATCHED while it has accepted guests. */
  @Delete('hosting-offers/:offerId')
  @HttpCode(204)
  async deleteOffer(
    @CurrentUser() user: AuthUser,
    @UuidParam('offerId') offerId: string,
  ): Promise<void> {
    await this.offers.remove(user.id, offerId);
  }

  /**
   * Organizers and the assignee: the group's offers that cover every night of the stay with
   * enough free beds, ranked by a shared spoken language, then price within budget, then
   * distance in days. No address or contact.
   */
  @Get('help-requests/:requestId/host-suggestions')
  suggestions(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<HostSuggestionPageDto> {
    return this.matches.suggestions(user.id, requestId, query);
  }

  /** Organizers and the assignee propose an offer; the host and the guest are e-mailed. */
  @Post('help-requests/:requestId/host-matches')
  propose(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Body() dto: ProposeHostMatchDto,
  ): Promise<HostMatchResponseDto> {
    return this.matches.propose(user.id, requestId, dto.offerId);
  }

  /** The request's matches: its requester, organizers and assignee. */
  @Get('help-requests/:requestId/host-matches')
  listForRequest(
    @CurrentUser() user: AuthUser,
    @UuidParam('requestId') requestId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<HostMatchPageDto> {
    return this.matches.listForRequest(user.id, requestId, query);
  }

  /** Matches where the caller is the host or the guest, newest first. */
  @Get('me/host-matches')
  listMine(
    @CurrentUser() user: AuthUser,
    @Query() query: PaginationQueryDto,
  ): Promise<HostMatchPageDto> {
    return this.matches.listMine(user.id, query);
  }

  /** Host, guest, the group's organizers and the assignee; `contact` only for host and guest once accepted. */
  @Get('host-matches/:matchId')
  getMatch(
    @CurrentUser() user: AuthUser,
    @UuidParam('matchId') matchId: string,
  ): Promise<HostMatchResponseDto> {
    return this.matches.get(user.id, matchId);
  }

  /**
   * The host or the guest accepts their side. The second accept takes the beds (409 NO_BEDS
   * when they are gone), resolves the request and e-mails both sides each other's contact.
   */
  @Post('host-matches/:matchId/accept')
  @HttpCode(200)
  accept(
    @CurrentUser() user: AuthUser,
    @UuidParam('matchId') matchId: string,
  ): Promise<HostMatchResponseDto> {
    return this.matches.accept(user.id, matchId);
  }

  /** The host or the guest declines; the other side is told. */
  @Post('host-matches/:matchId/decline')
  @HttpCode(200)
  decline(
    @CurrentUser() user: AuthUser,
    @UuidParam('matchId') matchId: string,
  ): Promise<HostMatchResponseDto> {
    return this.matches.decline(user.id, matchId);
  }
}

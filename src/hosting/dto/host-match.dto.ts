import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PageMetaDto } from '../../common/pagination.js';
import {
  HOST_MATCH_STATUSES,
  type HostMatchStatus,
  MATCH_SIDES,
  type MatchSide,
} from '../host-match.entity.js';

export class ProposeHostMatchDto {
  /** A hosting offer of the request's group. */
  @IsUUID()
  offerId: string;
}

export class MatchPersonDto {
  id: string;
  displayName: string;
  country: string;
  spokenLanguages: string[];
}

/** The other side's contact: only for the host and the guest, only once both accepted. */
export class MatchContactDto {
  displayName: string;
  email: string;
  /** The host's address (null in the guest's contact). */
  address: string | null;
  phone: string | null;
}

export class HostMatchResponseDto {
  id: string;
  requestId: string;
  offerId: string;
  @ApiProperty({ enum: HOST_MATCH_STATUSES })
  status: HostMatchStatus;
  guests: number;
  city: string;
  /** The stay (null once retention erased the request's details). */
  @ApiProperty({ format: 'date', nullable: true })
  checkIn: string | null;
  @ApiProperty({ format: 'date', nullable: true })
  checkOut: string | null;
  pricePerNight: number | null;
  currency: string | null;
  /** The offer's note. */
  note: string | null;
  host: MatchPersonDto | null;
  guest: MatchPersonDto | null;
  hostAccepted: boolean;
  guestAccepted: boolean;
  @ApiProperty({ enum: MATCH_SIDES, nullable: true })
  declinedBy: MatchSide | null;
  /** Which side the caller is on, if any. */
  @ApiProperty({ enum: MATCH_SIDES, nullable: true })
  yourSide: MatchSide | null;
  /** The other side's contact, for the host and the guest of an accepted match; else null. */
  contact: MatchContactDto | null;
  createdAt: string;
  updatedAt: string;
}

export class HostMatchPageDto extends PageMetaDto {
  items: HostMatchResponseDto[];
}

export class HostSuggestionDto {
  offerId: string;
  host: MatchPersonDto | null;
  city: string;
  @ApiProperty({ format: 'date' })
  availableFrom: string;
  @ApiProperty({ format: 'date' })
  availableTo: string;
  beds: number;
  freeBeds: number;
  spokenLanguages: string[];
  /** The requester's languages the host speaks too. */
  sharedLanguages: string[];
  pricePerNight: number | null;
  currency: string | null;
  withinBudget: boolean;
  /** Days the offer extends beyond the stay (before plus after). */
  distanceDays: number;
  note: string | null;
  /** A live (proposed or accepted) match of this offer and request, if any. */
  matchId: string | null;
}

export class HostSuggestionPageDto extends PageMetaDto {
  items: HostSuggestionDto[];
}

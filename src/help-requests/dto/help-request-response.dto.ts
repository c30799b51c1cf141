import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination.js';
import { HELP_HISTORY_ACTIONS, type HelpHistoryAction } from '../help-request-history.entity.js';
import type { HelpRequestHistoryEntity } from '../help-request-history.entity.js';
import { LANGUAGES, type Language } from '../../common/locale.js';
import {
  allowedTransitions,
  HELP_REQUEST_STATUSES,
  type HelpActor,
  type HelpRequestStatus,
} from '../help-request-status.js';
import {
  HELP_REQUEST_TYPES,
  type HelpRequestEntity,
  type HelpRequestType,
} from '../help-request.entity.js';

export class TicketDetailsResponseDto {
  quantity: number;
  maxBudget: number | null;
  currency: string | null;
}

export class AccommodationDetailsResponseDto {
  @ApiProperty({ format: 'date' })
  checkIn: string;
  @ApiProperty({ format: 'date' })
  checkOut: string;
  guests: number;
  maxBudgetPerNight: number | null;
  currency: string | null;
}

export class HelpPersonDto {
  id: string;
  displayName: string;
  country: string;
  /** ISO 639-1 codes of the languages the person speaks (help them in one of those). */
  spokenLanguages: string[];
}

/** A volunteer or organizer who speaks one of the requester's languages. */
export class SuggestedAssigneeDto {
  id: string;
  displayName: string;
  @ApiProperty({ enum: ['volunteer', 'organizer'] })
  role: 'volunteer' | 'organizer';
  /** The requester's languages this person speaks. */
  sharedLanguages: string[];
  /** Open or in-progress requests of the group assigned to them. */
  openAssignments: number;
}

/** The requester, with the interface language they read (what the inbox filters by). */
export class HelpRequesterDto extends HelpPersonDto {
  @ApiProperty({ enum: LANGUAGES })
  language: Language;
}

export class HelpHistoryEntryDto {
  @ApiProperty({ enum: HELP_HISTORY_ACTIONS })
  action: HelpHistoryAction;
  /** Who made the change; null once their account is gone. */
  actorId: string | null;
  @ApiProperty({ enum: HELP_REQUEST_STATUSES, nullable: true })
  fromStatus: HelpRequestStatus | null;
  @ApiProperty({ enum: HELP_REQUEST_STATUSES, nullable: true })
  toStatus: HelpRequestStatus | null;
  /** `assigned`: the new assignee. */
  assigneeId: string | null;
  /** `assigned` (reassignment) / `unassigned`: who had it before. */
  previousAssigneeId: string | null;
  at: string;
}

export class HelpRequestSummaryDto {
  id: string;
  groupId: string;
  eventId: string | null;
  requesterId: string;
  requester: HelpRequesterDto | null;
  @ApiProperty({ enum: HELP_REQUEST_TYPES })
  type: HelpRequestType;
  message: string;
  /** Set for `ticket` requests, else null. */
  ticket: TicketDetailsResponseDto | null;
  /** Set for `accommodation` requests, else null. */
  accommodation: AccommodationDetailsResponseDto | null;
  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  status: HelpRequestStatus;
  assigneeId: string | null;
  assignee: HelpPersonDto | null;
  /** Set once retention erased the message and details (they then read empty / null). */
  detailsErasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A request in a list, with the statuses the caller may move it to. */
export class HelpRequestListItemDto extends HelpRequestSummaryDto {
  /** What this caller may set `status` to now (PATCH); empty when nothing. */
  @ApiProperty({ enum: HELP_REQUEST_STATUSES, isArray: true })
  allowedTransitions: HelpRequestStatus[];
}

/**
 * An item of the group's inbox: with up to five suggested assignees who speak one of the
 * requester's spoken languages, fewest open assignments first.
 */
export class GroupHelpRequestDto extends HelpRequestListItemDto {
  suggestedAssignees: SuggestedAssigneeDto[];
}

export class GroupHelpRequestPageDto extends PageMetaDto {
  items: GroupHelpRequestDto[];
}

/** One request with its history, oldest entry first (lists leave the history out). */
export class HelpRequestResponseDto extends HelpRequestListItemDto {
  history: HelpHistoryEntryDto[];
}

export class HelpRequestPageDto extends PageMetaDto {
  items: HelpRequestListItemDto[];
}

const person = (
  u:
    | { id: string; displayName: string; country: string; spokenLanguages?: string[] }
    | null
    | undefined,
): HelpPersonDto | null =>
  u
    ? {
        id: u.id,
        displayName: u.displayName,
        country: u.country,
        spokenLanguages: u.spokenLanguages ?? [],
      }
    : null;

/** Expects `requester` and `assignee` joined when names are wanted. */
export function toHelpRequestSummary(r: HelpRequestEntity): HelpRequestSummaryDto {
  return {
    id: r.id,
    groupId: r.groupId,
    eventId: r.eventId,
    requesterId: r.requesterId,
    requester: r.requester
      ? { ...person(r.requester)!, language: r.requester.language as Language }
      : null,
    type: r.type,
    message: r.message,
    ticket:
      r.type === 'ticket' && !r.detailsErasedAt
        ? { quantity: r.ticketQuantity!, maxBudget: r.maxBudget, currency: r.currency }
        : null,
    accommodation:
      r.type === 'accommodation' && !r.detailsErasedAt
        ? {
            checkIn: r.checkIn!,
            checkOut: r.checkOut!,
            guests: r.guests!,
            maxBudgetPerNight: r.maxBudgetPerNight,
            currency: r.currency,
          }
        : null,
    status: r.status,
    assigneeId: r.assigneeId,
    assignee: person(r.assignee),
    detailsErasedAt: r.detailsErasedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toHistoryEntry(h: HelpRequestHistoryEntity): HelpHistoryEntryDto {
  return {
    action: h.action,
    actorId: h.actorId,
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    assigneeId: h.assigneeId,
    previousAssigneeId: h.previousAssigneeId,
    at: h.at.toISOString(),
  };
}

/** `actors`: the caller's parts in the request (see HelpRequestsService.actorsOf). */
export function toHelpRequestListItem(
  r: HelpRequestEntity,
  actors: ReadonlySet<HelpActor>,
): HelpRequestListItemDto {
  return { ...toHelpRequestSummary(r), allowedTransitions: allowedTransitions(r.status, actors) };
}

export function toHelpRequestResponse(
  r: HelpRequestEntity,
  history: HelpRequestHistoryEntity[],
  actors: ReadonlySet<HelpActor>,
): HelpRequestResponseDto {
  return { ...toHelpRequestListItem(r, actors), history: history.map(toHistoryEntry) };
}

import { ArrivalResponseDto } from '../../registrations/dto/arrival.dto.js';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { GROUP_ROLES, type GroupRole } from '../../fan-groups/group-role.js';
import {
  HelpHistoryEntryDto,
  HelpRequestSummaryDto,
} from '../../help-requests/dto/help-request-response.dto.js';
import {
  HELP_REQUEST_STATUSES,
  type HelpRequestStatus,
} from '../../help-requests/help-request-status.js';
import {
  HELP_REQUEST_TYPES,
  type HelpRequestType,
} from '../../help-requests/help-request.entity.js';
import { CalendarFeedDto } from '../../calendar/dto/calendar-feed.dto.js';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../mail/outbox.entity.js';
import {
  REGISTRATION_STATUSES,
  type RegistrationStatus,
} from '../../registrations/registration.entity.js';

/** The account itself; never the password hash. */
export class ExportProfileDto {
  id: string;
  email: string;
  displayName: string;
  country: string;
  language: string;
  spokenLanguages: string[];
  createdAt: string;
  updatedAt: string;
}

export class ExportMembershipDto {
  groupId: string;
  groupName: string;
  groupSlug: string;
  @ApiProperty({ enum: GROUP_ROLES })
  role: GroupRole;
  joinedAt: string;
}

export class ExportEventSummaryDto {
  id: string;
  title: string;
  venue: string | null;
  city: string | null;
  startsAt: string;
  endsAt: string | null;
  /** IANA zone of the event. */
  timezone: string;
  status: string;
}

export class ExportRegistrationDto {
  id: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status: RegistrationStatus;
  /** Language of this registration's e-mails, when it differs from the account's. */
  language: string | null;
  /** YYYY-MM-DD; null once erased (RETENTION_DAYS after the event). */
  @ApiProperty({ format: 'date', nullable: true, type: String })
  arrivalDate: string | null;
  note: string | null;
  checkInCode: string;
  checkedInAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  /** How and when the caller arrives; null when not given or erased. */
  arrival: ArrivalResponseDto | null;
  event: ExportEventSummaryDto;
}

/** A hosting offer of the caller's, address and phone included. */
export class ExportHostingOfferDto {
  id: string;
  groupId: string;
  city: string;
  availableFrom: string;
  availableTo: string;
  beds: number;
  bedsTaken: number;
  spokenLanguages: string[];
  note: string | null;
  pricePerNight: number | null;
  currency: string | null;
  address: string;
  phone: string | null;
  createdAt: string;
}

/**
 * A match where the caller is the host or the guest: the other side by name only (their contact
 * is theirs; it reached the caller by e-mail once both accepted).
 */
export class ExportHostMatchDto {
  id: string;
  @ApiProperty({ enum: ['host', 'guest'] })
  side: 'host' | 'guest';
  status: string;
  offerId: string;
  requestId: string;
  otherName: string;
  guests: number;
  youAccepted: boolean;
  createdAt: string;
}

/** A comment in the thread of one of the caller's own requests. */
export class ExportThreadCommentDto {
  id: string;
  /** Null once the author's account is gone. */
  authorId: string | null;
  /** Whether the caller wrote it. */
  byMe: boolean;
  body: string;
  createdAt: string;
}

export class ExportHelpRequestDto extends OmitType(HelpRequestSummaryDto, [
  'requester',
  'assignee',
] as const) {
  groupName: string;
  eventTitle: string | null;
  history: HelpHistoryEntryDto[];
  comments: ExportThreadCommentDto[];
}

/** Which request a comment the caller wrote on someone else's request belongs to. */
export class ExportCommentedRequestDto {
  id: string;
  groupId: string;
  groupName: string;
  @ApiProperty({ enum: HELP_REQUEST_TYPES })
  type: HelpRequestType;
  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  status: HelpRequestStatus;
}

export class ExportCommentDto {
  id: string;
  body: string;
  createdAt: string;
  request: ExportCommentedRequestDto;
}

export class ExportTaskEventDto {
  id: string;
  title: string;
  venue: string | null;
  timezone: string;
}

export class ExportTaskAssignmentDto {
  taskId: string;
  title: string;
  description: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string;
  status: string;
  assignedAt: string;
  event: ExportTaskEventDto;
}

/** An e-mail to the caller: what and when, not its contents. */
export class ExportEmailDto {
  id: string;
  kind: string;
  @ApiProperty({ enum: OUTBOX_STATUSES })
  status: OutboxStatus;
  createdAt: string;
  dueAt: string;
  sentAt: string | null;
}

/** A password-reset link sent to the caller (its token is never stored, only a hash). */
export class ExportPasswordResetDto {
  requestedAt: string;
  expiresAt: string;
  /** When it was used, or made void by a later reset. */
  usedAt: string | null;
}

/** Everything the platform holds about the caller (GET /me/export). */
export class AccountExportDto {
  exportedAt: string;
  profile: ExportProfileDto;
  memberships: ExportMembershipDto[];
  registrations: ExportRegistrationDto[];
  /** Requests the caller made, with their history and whole comment thread. */
  helpRequests: ExportHelpRequestDto[];
  /** Comments the caller wrote on other people's requests. */
  comments: ExportCommentDto[];
  tasks: ExportTaskAssignmentDto[];
  hostingOffers: ExportHostingOfferDto[];
  hostMatches: ExportHostMatchDto[];
  emails: ExportEmailDto[];
  passwordResets: ExportPasswordResetDto[];
  /** The private calendar-feed address, if the caller has one. */
  @ApiProperty({ type: CalendarFeedDto, nullable: true })
  calendarFeed: CalendarFeedDto | null;
}

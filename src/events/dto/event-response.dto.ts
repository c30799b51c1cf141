import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Language } from '../../common/locale.js';
import { PageMetaDto } from '../../common/pagination.js';
import {
  ALLOCATIONS,
  type Allocation,
  EVENT_STATUSES,
  EVENT_TEXT_FIELDS,
  type EventEntity,
  type EventStatus,
} from '../event.entity.js';
import { QuotaDto } from './create-event.dto.js';
import { localize } from '../../common/translations.js';
import { VIEWER_STATUSES, type ViewerStatus } from '../event-viewer.js';
import { EventTranslationsDto } from './event-translations.dto.js';

/** The texts as the organizer wrote them first (the fallback of every language). */
export class EventOriginalTextsDto {
  title: string;
  description: string | null;
  venue: string | null;
}

/** The caller's own registration for the event. */
export class EventViewerDto {
  registrationId: string;
  @ApiProperty({ enum: VIEWER_STATUSES })
  status: ViewerStatus;
  /** 1 is next in line; null unless waitlisted. */
  waitlistPosition: number | null;
  /** Only while confirmed. */
  checkInCode: string | null;
}

export class EventResponseDto {
  id: string;
  groupId: string;
  /** In the reader's language (?lang=, the account's, Accept-Language), else as written. */
  title: string;
  description: string | null;
  venue: string | null;
  city: string | null;
  startsAt: string;
  endsAt: string | null;
  timezone: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  waitlistEnabled: boolean;
  registrationClosesAt: string | null;
  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;
  @ApiProperty({ enum: ALLOCATIONS })
  allocation: Allocation;
  /** Lottery events: the end of the application window and the time of the draw. */
  applicationsCloseAt: string | null;
  quotas: QuotaDto[];
  /** Lottery events, from publication: SHA-256 of the draw's seed (GET /events/:id/draw). */
  drawSeedSha256: string | null;
  /** Lottery events: when the draw was made; null before. */
  drawnAt: string | null;
  createdAt: string;
  /** The group's organizers only: every language's texts. */
  @ApiPropertyOptional({ type: () => EventTranslationsDto })
  translations?: EventTranslationsDto;
  /** The group's organizers only: the texts as written, whatever the reader's language. */
  @ApiPropertyOptional({ type: () => EventOriginalTextsDto })
  original?: EventOriginalTextsDto;
}

/** `GET /events/:eventId` also tells a signed-in caller their own registration. */
export class EventDetailDto extends EventResponseDto {
  /** The caller's active registration; null when anonymous or not registered. */
  @ApiProperty({ type: () => EventViewerDto, nullable: true })
  viewer: EventViewerDto | null;
}

/** An event in its group's list, with the live counts a dashboard shows. */
export class GroupEventDto extends EventResponseDto {
  /** Confirmed registrations already checked in at the door. */
  checkedInCount: number;
}

export class GroupEventPageDto extends PageMetaDto {
  items: GroupEventDto[];
}

export class EventPageDto extends PageMetaDto {
  items: EventResponseDto[];
}

export interface EventView {
  /** The reader's language; null shows the texts as written. */
  language: Language | null;
  /** The caller organizes the event's group: add `translations` and `original`. */
  organizer: boolean;
}

export function toEventResponse(
  event: EventEntity,
  waitlistCount: number,
  confirmedCount: number,
  view: EventView = { language: null, organizer: false },
): EventResponseDto {
  const texts = localize(
    { title: event.title, description: event.description, venue: event.venue },
    event.translations,
    view.language,
    EVENT_TEXT_FIELDS,
  );
  return {
    id: event.id,
    groupId: event.groupId,
    ...texts,
    city: event.city,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt?.toISOString() ?? null,
    timezone: event.timezone,
    capacity: event.capacity,
    confirmedCount,
    waitlistCount,
    waitlistEnabled: event.waitlistEnabled,
    registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
    status: event.status,
    allocation: event.allocation,
    applicationsCloseAt: event.applicationsCloseAt?.toISOString() ?? null,
    quotas: event.quotas.map((q) => ({ country: q.country, seats: q.seats })),
    drawSeedSha256: event.drawSeedSha256,
    drawnAt: event.drawnAt?.toISOString() ?? null,
    createdAt: event.createdAt.toISOString(),
    ...(view.organizer
      ? {
          translations: event.translations ?? {},
          original: { title: event.title, description: event.description, venue: event.venue },
        }
      : {}),
  };
}

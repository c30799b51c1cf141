import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination.js';
import {
  ALLOCATIONS,
  type Allocation,
  EVENT_STATUSES,
  type EventEntity,
  type EventStatus,
} from '../event.entity.js';
import { QuotaDto } from './create-event.dto.js';

export class EventResponseDto {
  id: string;
  groupId: string;
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

export function toEventResponse(event: EventEntity, waitlistCount: number): EventResponseDto {
  return {
    id: event.id,
    groupId: event.groupId,
    title: event.title,
    description: event.description,
    venue: event.venue,
    city: event.city,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt?.toISOString() ?? null,
    timezone: event.timezone,
    capacity: event.capacity,
    confirmedCount: event.confirmedCount,
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
  };
}

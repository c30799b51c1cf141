import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination.js';
import { EVENT_STATUSES, type EventStatus } from '../../events/event.entity.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.entity.js';

/** The registrant's own view: the check-in code appears only while confirmed. */
export class RegistrationResponseDto {
  id: string;
  eventId: string;
  userId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status: RegistrationStatus;
  /** 1 is next in line; null unless waitlisted. */
  waitlistPosition: number | null;
  language: string | null;
  arrivalDate: string | null;
  note: string | null;
  checkInCode: string | null;
  checkedInAt: string | null;
  createdAt: string;
}

export class EventSummaryDto {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  timezone: string;
  venue: string | null;
  city: string | null;
  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;
}

export class MyRegistrationDto extends RegistrationResponseDto {
  event: EventSummaryDto;
}

export class MyRegistrationPageDto extends PageMetaDto {
  items: MyRegistrationDto[];
}

export class RegistrantDto {
  id: string;
  displayName: string;
  /** Organizers only; null for volunteers. */
  email: string | null;
  country: string;
}

/** What organizers and volunteers see; arrival data and e-mail for organizers only. */
export class EventRegistrationDto {
  id: string;
  user: RegistrantDto;
  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status: RegistrationStatus;
  waitlistPosition: number | null;
  language: string | null;
  arrivalDate: string | null;
  note: string | null;
  checkedInAt: string | null;
  createdAt: string;
}

export class EventRegistrationPageDto extends PageMetaDto {
  items: EventRegistrationDto[];
}

/** A registration row as the service's SQL selects it. */
export interface RegistrationRow {
  id: string;
  event_id: string;
  user_id: string;
  status: RegistrationStatus;
  position: number | null;
  language: string | null;
  arrival_date: string | null;
  note: string | null;
  check_in_code: string;
  checked_in_at: Date | null;
  created_at: Date;
}

export function toRegistrationResponse(row: RegistrationRow): RegistrationResponseDto {
  return {
    id: row.id,
    eventId: row.event_id,
    userId: row.user_id,
    status: row.status,
    waitlistPosition:
      row.status === 'waitlisted' && row.position !== null ? Number(row.position) : null,
    language: row.language,
    arrivalDate: row.arrival_date,
    note: row.note,
    checkInCode: row.status === 'confirmed' ? row.check_in_code : null,
    checkedInAt: row.checked_in_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
